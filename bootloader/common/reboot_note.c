/*
 * reboot_note.c - the reboot note (reboot_note.h).  RAM survives the
 * kernel's reset on both machines, so the note is trusted only when its
 * magic and its check word agree, and is wiped at once so that a later
 * cold start does not read it again.
 */
#include "bootinfo.h"
#include "choose.h"
#include "reboot_note.h"

uint32_t boot_reboot_note_take(uintptr_t phys)
{
	volatile struct bootinfo_reboot_note *note = (volatile struct bootinfo_reboot_note *)phys;
	uint32_t reason = BOOT_REASON_COLD;

	if (note->magic == BOOTINFO_REBOOT_NOTE_MAGIC && note->check == ~note->reason &&
	    note->reason < BOOT_REASON_COUNT)
		reason = note->reason;
	note->magic = 0;
	note->reason = 0;
	note->check = 0;
	console_printf("boot: reason=%s\n", boot_reason_name((enum boot_reason)reason));
	return reason;
}
