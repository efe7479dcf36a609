/*
 * reset.c - reboot without a reset controller: quiesce the timer and the
 * interrupt controller, leave the reboot note in SRAM (RAM survives), and
 * jump to the boot ROM's reset vector (the initial PC at address 4), as
 * QEMU does at power-on.  The loader sets up everything else again.
 */
#include "hal/arch.h"
#include "log.h"
#include "cf.h"

static void write_reboot_note(enum boot_reason reason)
{
	volatile struct bootinfo_reboot_note *n =
		(volatile struct bootinfo_reboot_note *)(uint32_t)BOOTINFO_REBOOT_NOTE_PHYS_COLDFIRE;

	n->magic = BOOTINFO_REBOOT_NOTE_MAGIC;
	n->reason = (uint32_t)reason;
	n->check = ~(uint32_t)reason;
}

void hal_reset(enum boot_reason reason)
{
	cf_irq_off();
	cf_timer_stop();
	write_reboot_note(reason);
	kprintf("kernel: reset reason=%u via=reset-vector\n", (unsigned)reason);
	cf_uart_drain();
	uint32_t rom = 0, vbr = 0;
	__asm__("" : "+d"(rom));   /* address 0 is the ROM, not a null pointer */
	uint32_t pc = ((volatile uint32_t *)rom)[1];
	__asm__ volatile("movec %0, %%vbr" : : "d"(vbr));
	__asm__ volatile("jmp (%0)" : : "a"(pc) : "memory");
	hal_halt();
}
