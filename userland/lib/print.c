/*
 * print.c - kh_printf into a line buffer, written with one system call.
 */
#include <stdarg.h>
#include <stdbool.h>
#include "kh_user.h"
#include "fmt.h"

struct line {
	struct fmt_sink sink;   /* first: the formatter hands it back to line_put */
	char buf[256];
	size_t len;
};

static void line_put(struct fmt_sink *sink, char c)
{
	struct line *l = (struct line *)sink;

	if (l->len < sizeof(l->buf))
		l->buf[l->len++] = c;
}

void kh_printf(const char *fmt, ...)
{
	struct line l = { .sink = { .put = line_put }, .len = 0 };
	va_list ap;

	va_start(ap, fmt);
	fmt_vformat(&l.sink, fmt, ap);
	va_end(ap);
	kh_console_write(l.buf, l.len);
}
