/*
 * console.c - COM1 (0x3f8), polled.  Lines end in "\r\n" because QEMU's
 * stdio serial puts the terminal in raw mode.
 */
#include <stdarg.h>
#include "console.h"
#include "fmt.h"
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

static void put_char(char c)
{
	if (c == '\n')
		put_char('\r');
	while (!(inb(COM1 + 5) & LSR_THRE))
		;
	outb(COM1, (uint8_t)c);
}

static void put_string(const char *s)
{
	while (*s)
		put_char(*s++);
}

static void sink_put(struct fmt_sink *sink, char c)
{
	(void)sink;
	put_char(c);
}

static void vprint(const char *fmt, va_list ap)
{
	struct fmt_sink sink = { .put = sink_put };

	fmt_vformat(&sink, fmt, ap);
}

void console_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint(fmt, ap);
	va_end(ap);
}

_Noreturn void boot_fail(const char *fmt, ...)
{
	va_list ap;

	put_string("boot: error ");
	va_start(ap, fmt);
	vprint(fmt, ap);
	va_end(ap);
	put_string("\nboot: halted\n");
	for (;;)
		__asm__ volatile("cli; hlt");
}
