/*
 * console.c - UART0, polled: the ColdFire loader's half of the loaders'
 * console (common/console.h).  QEMU's UART sends nothing until the
 * transmitter is enabled in UCR.
 */
#include "loader.h"

#define UART0        0xfc060000u
#define UART_USR     (UART0 + 0x04u)
#define UART_UCR     (UART0 + 0x08u)
#define UART_UTB     (UART0 + 0x0cu)
#define USR_TXRDY    0x04u
#define UCR_TX_ON    0x04u
#define POLL_LIMIT   1000000u

void console_init(void)
{
	*(volatile uint8_t *)UART_UCR = UCR_TX_ON;
}

void console_putc(char c)
{
	for (uint32_t i = 0; i < POLL_LIMIT; i++)
		if (*(volatile uint8_t *)UART_USR & USR_TXRDY)
			break;
	*(volatile uint8_t *)UART_UTB = (uint8_t)c;
}

_Noreturn void loader_halt(void)
{
	for (;;)
		__asm__ volatile("move.w #0x2700, %%sr; stop #0x2700" ::: "memory");
}

void loader_trap(uint32_t fmt_sr, uint32_t pc);
void loader_trap(uint32_t fmt_sr, uint32_t pc)
{
	boot_fail("exception vector=%lu pc=0x%lx sr=0x%lx\n",
		  (unsigned long)((fmt_sr >> 18) & 0xff), (unsigned long)pc,
		  (unsigned long)(fmt_sr & 0xffff));
}
