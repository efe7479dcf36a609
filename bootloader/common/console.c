/*
 * console.c - the loaders' formatted output and their failure routine
 * (console.h), written once over each loader's console_putc().
 */
#include <stdarg.h>
#include "console.h"
#include "fmt.h"

static void sink_put(struct fmt_sink *sink, char c)
{
	(void)sink;
	if (c == '\n')
		console_putc('\r');
	console_putc(c);
}

static void console_vprintf(const char *fmt, va_list ap)
{
	struct fmt_sink sink = { .put = sink_put };

	fmt_vformat(&sink, fmt, ap);
}

void console_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	console_vprintf(fmt, ap);
	va_end(ap);
}

/* One failure style for both loaders: `boot: error <what>` (the caller's
 * text ends in a newline), then `boot: halted`, then the halt. */
_Noreturn void boot_fail(const char *fmt, ...)
{
	va_list ap;

	console_printf("boot: error ");
	va_start(ap, fmt);
	console_vprintf(fmt, ap);
	va_end(ap);
	console_printf("boot: halted\n");
	loader_halt();
}
