/*
 * reboot_note.h - why the machine started, for both loaders: the note the
 * kernel's reset left in RAM (struct bootinfo_reboot_note, bootinfo.h),
 * read once and cleared, and the names of the boot reasons.
 */
#ifndef BOOT_COMMON_REBOOT_NOTE_H
#define BOOT_COMMON_REBOOT_NOTE_H

#include <stdint.h>

/* The reason in the note at `phys` (BOOT_REASON_COLD when there is no
 * valid note); clears the note and prints `boot: reason=<name>`. */
uint32_t boot_reboot_note_take(uintptr_t phys);

#endif
