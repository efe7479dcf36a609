/*
 * object/bootinfo.h - the BootInfo capability: the boot facts a program
 * may read (struct kh_bootfacts: why this boot, which config blob, the
 * pool figures, RAM, the DTB) through KH_OP_BOOTINFO_READ.
 *
 * Files in object/ reach the loader's record header (lib's bootinfo.h)
 * through bootrec.h: a bare "bootinfo.h" there means this file.
 */
#ifndef KERNEL_OBJECT_BOOTINFO_H
#define KERNEL_OBJECT_BOOTINFO_H

#include "invoke.h"

INVOKE_HANDLER(BOOTINFO);

#endif
