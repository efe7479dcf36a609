/*
 * reboot_note.c - the reboot note (reboot_note.h).  RAM survives the
 * kernel's reset on both machines, so the note is trusted only when its
 * magic and its check word agree, and is wiped at once so that a later
 * cold start does not read it again.
 */
#include "bootinfo.h"
#include "choose.h"
#include "reboot_note.h"

static const char *const reason_names[BOOT_REASON_COUNT] = {
#define BOOT_REASON_NAME(name, text) [BOOT_REASON_##name] = text,
	BOOT_REASON_LIST(BOOT_REASON_NAME)
#undef BOOT_REASON_NAME
};

const char *boot_reason_name(uint32_t reason)
{
	return reason_names[reason];
}

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
	console_printf("boot: reason=%s\n", boot_reason_name(reason));
	return reason;
}
