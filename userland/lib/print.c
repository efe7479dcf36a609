/*
 * print.c - kh_printf into a line buffer, written with one system call.
 */
#include <stdarg.h>
#include <stdbool.h>
#include "kh_user.h"

struct line {
	char buf[256];
	size_t len;
};

static void put(struct line *l, char c)
{
	if (l->len < sizeof(l->buf))
		l->buf[l->len++] = c;
}

static void put_unsigned(struct line *l, uint64_t v, unsigned base)
{
	char digits[24];
	int n = 0;

	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (n)
		put(l, digits[--n]);
}

static void put_signed(struct line *l, int64_t v)
{
	if (v < 0) {
		put(l, '-');
		put_unsigned(l, (uint64_t)0 - (uint64_t)v, 10);
		return;
	}
	put_unsigned(l, (uint64_t)v, 10);
}

static void put_str(struct line *l, const char *s)
{
	while (s && *s)
		put(l, *s++);
}

static void format(struct line *l, const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(l, *fmt);
			continue;
		}
		bool longs = false;
		while (fmt[1] == 'l' || fmt[1] == 'z')
			longs = true, fmt++;
		switch (*++fmt) {
		case 's': put_str(l, va_arg(ap, const char *)); break;
		case 'c': put(l, (char)va_arg(ap, int)); break;
		case 'd': put_signed(l, longs ? va_arg(ap, long) : va_arg(ap, int)); break;
		case 'u': put_unsigned(l, longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 10); break;
		case 'x': put_unsigned(l, longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 16); break;
		case '\0': fmt--; break;
		default: put(l, '%'); put(l, *fmt); break;
		}
	}
}

void kh_printf(const char *fmt, ...)
{
	struct line l = { .len = 0 };
	va_list ap;

	va_start(ap, fmt);
	format(&l, fmt, ap);
	va_end(ap);
	kh_console_write(l.buf, l.len);
}
