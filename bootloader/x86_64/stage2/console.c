/*
 * console.c - COM1 (0x3f8), polled: stage 2's half of the loaders' console
 * (common/console.h).
 */
#include <stdint.h>
#include "console.h"
#include "port_io_x86.h"

#define COM1      0x3f8
#define LSR_THRE  0x20

/* 115200 8N1 with FIFOs; stage 1 did it too, but do not depend on that. */
void console_init(void)
{
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x80);
	outb(COM1 + 0, 0x01);
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03);
	outb(COM1 + 2, 0xc7);
	outb(COM1 + 4, 0x03);
}

void console_putc(char c)
{
	while (!(inb(COM1 + 5) & LSR_THRE))
		;
	outb(COM1, (uint8_t)c);
}

_Noreturn void loader_halt(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}
