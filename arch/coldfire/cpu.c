/*
 * cpu.c - boot glue, the vector base, the separate user stack pointer,
 * halting and waiting, and the port-I/O stubs (ColdFire has none).
 */
#include "hal/arch.h"
#include "kernel.h"
#include "cf.h"

/* entry.S calls this on the boot stack with the loader's arguments. */
void cf_boot(const struct bootinfo *bi, uint64_t magic) __attribute__((noreturn));
void cf_boot(const struct bootinfo *bi, uint64_t magic)
{
	hal_console_init();
	hal_cpu_init();
	kernel_main(bi, magic);
}

void hal_cpu_init(void)
{
	uint32_t vbr = (uint32_t)cf_vectors;
	uint32_t cacr = CF_CACR_EUSP;

	/* EUSP: exceptions switch to the supervisor stack, so a user program's
	 * stack pointer never carries a kernel frame.  Turning it on swaps A7
	 * for the (unset) SSP, so the current stack pointer is carried over. */
	__asm__ volatile("movec %0, %%vbr" : : "d"(vbr));
	__asm__ volatile("move.l %%sp, %%d1\n\t"
			 "movec %0, %%cacr\n\t"
			 "move.l %%d1, %%sp"
			 : : "d"(cacr) : "d1", "memory");
}

void hal_halt(void)
{
	for (;;)
		__asm__ volatile("move.w #0x2700, %%sr; stop #0x2700" ::: "memory");
}

void hal_wait_for_interrupt(void)
{
	/* stop loads SR (supervisor, IPL 0) and waits; the interrupt's RTE
	 * comes back here, and the kernel runs masked again. */
	__asm__ volatile("stop #0x2000; move.w #0x2700, %%sr" ::: "memory");
}

void hal_run_idle(void (*idle)(void))
{
	extern uint8_t cf_boot_stack_top[];

	cf_call_on_stack((uint32_t)cf_boot_stack_top, idle);
}

uint32_t hal_port_in(uint16_t port, unsigned width)
{
	(void)port;
	(void)width;
	return 0xffffffffu;   /* no port I/O: reads float */
}

void hal_port_out(uint16_t port, unsigned width, uint32_t value)
{
	(void)port;
	(void)width;
	(void)value;
}
