/*
 * reset.c - reboot: leave a note for the next loader, then reset the
 * machine by the first means that works.
 */
#include "hal/arch.h"
#include "log.h"
#include "x86.h"

#define RESET_CONTROL  0xcf9u    /* PCI reset control register (q35 ICH9) */
#define RST_SYS        0x02u
#define RST_CPU        0x04u
#define KBC_STATUS     0x64u
#define KBC_PULSE_RESET 0xfeu

static void write_reboot_note(enum boot_reason reason)
{
	volatile struct bootinfo_reboot_note *n = hal_phys_to_virt(BOOTINFO_REBOOT_NOTE_PHYS);

	n->magic = BOOTINFO_REBOOT_NOTE_MAGIC;
	n->reason = (uint32_t)reason;
	n->check = ~(uint32_t)reason;
}

static void settle(void)
{
	for (int i = 0; i < 100000; i++)
		inb(0x80);
}

static void triple_fault(void)
{
	static const struct { uint16_t limit; uint64_t base; } __attribute__((packed)) none = { 0, 0 };

	__asm__ volatile("lidt %0; int3" : : "m"(none));
}

void hal_reset(enum boot_reason reason)
{
	__asm__ volatile("cli");
	write_reboot_note(reason);
	kprintf("kernel: reset reason=%u via=cf9\n", (unsigned)reason);
	/* Hard reset: SYS_RST set first, then RST_CPU's 0->1 edge fires it. */
	outb(RESET_CONTROL, RST_SYS);
	outb(RESET_CONTROL, RST_SYS | RST_CPU);
	settle();
	kprintf("kernel: reset via=keyboard-controller\n");
	for (int i = 0; i < 1000 && (inb(KBC_STATUS) & 0x02); i++)
		settle();
	outb(KBC_STATUS, KBC_PULSE_RESET);
	settle();
	kprintf("kernel: reset via=triple-fault\n");
	triple_fault();
	hal_halt();
}
