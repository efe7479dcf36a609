/*
 * log.c - kprintf over hal_console_putc, and panic.
 */
#include <stdint.h>
#include <stdbool.h>
#include "hal/arch.h"
#include "log.h"
#include "fmt.h"

static void put_str(const char *s)
{
	if (!s)
		s = "(null)";
	while (*s)
		hal_console_putc(*s++);
}

static void console_sink_put(struct fmt_sink *sink, char c)
{
	(void)sink;
	hal_console_putc(c);
}

void kvprintf(const char *fmt, va_list ap)
{
	struct fmt_sink sink = { .put = console_sink_put };

	fmt_vformat(&sink, fmt, ap);
}

void kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	put_str("kernel: panic ");
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	hal_console_putc('\n');
	hal_halt();
}
