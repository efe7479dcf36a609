/*
 * bootrec.h - the kernel's copy of the loader's boot-info record, taken
 * first thing at boot (the loader's memory may be reused later) and read
 * by whatever needs a boot fact at run time.
 */
#ifndef KERNEL_BOOTREC_H
#define KERNEL_BOOTREC_H

#include <stdint.h>
#include "bootinfo.h"

/* Checks the loader's record (magic beside it and in it, version, size,
 * counts; panics on a bad one), copies it, logs the `kernel: bootinfo`
 * line.  Returns the copy. */
const struct bootinfo *bootinfo_take(const struct bootinfo *bi, uint64_t magic);

/* The boot facts kept from bootinfo (the record itself may be reused). */
const struct bootinfo *kernel_bootinfo(void);

/* The blob the heap was sized from, when it is not the loader's choice
 * (that one did not fit RAM): user space then reads the blob in effect. */
void bootinfo_use_config(const struct bootinfo_config *c);

#endif
