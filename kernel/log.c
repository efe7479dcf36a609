/*
 * log.c - kprintf over hal_console_putc, and panic.
 */
#include <stdint.h>
#include <stdbool.h>
#include "hal/arch.h"
#include "log.h"

static void put_str(const char *s)
{
	if (!s)
		s = "(null)";
	while (*s)
		hal_console_putc(*s++);
}

/* Digits of v, zero-padded to at least `width`. */
static void put_unsigned_width(uint64_t v, unsigned base, int width)
{
	char digits[24];
	int n = 0;

	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	for (; width > n; width--)
		hal_console_putc('0');
	while (n)
		hal_console_putc(digits[--n]);
}

static void put_unsigned(uint64_t v, unsigned base)
{
	put_unsigned_width(v, base, 0);
}

static void put_signed(int64_t v)
{
	if (v < 0) {
		hal_console_putc('-');
		put_unsigned((uint64_t)0 - (uint64_t)v, 10);
		return;
	}
	put_unsigned((uint64_t)v, 10);
}

/* Reads one integer argument of the width the length modifier names. */
static uint64_t take_unsigned(va_list *ap, int longs)
{
	if (longs)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static int64_t take_signed(va_list *ap, int longs)
{
	if (longs)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

void kvprintf(const char *fmt, va_list ap)
{
	va_list args;

	va_copy(args, ap);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			hal_console_putc(*fmt);
			continue;
		}
		int longs = 0, width = 0;
		while (fmt[1] >= '0' && fmt[1] <= '9')
			width = width * 10 + (*++fmt - '0');
		while (fmt[1] == 'l' || fmt[1] == 'z') {
			longs++;
			fmt++;
		}
		switch (*++fmt) {
		case 's': put_str(va_arg(args, const char *)); break;
		case 'c': hal_console_putc((char)va_arg(args, int)); break;
		case 'd': put_signed(take_signed(&args, longs)); break;
		case 'u': put_unsigned_width(take_unsigned(&args, longs), 10, width); break;
		case 'x': put_unsigned_width(take_unsigned(&args, longs), 16, width); break;
		case '%': hal_console_putc('%'); break;
		case '\0': fmt--; break;
		default: hal_console_putc('?'); break;
		}
	}
	va_end(args);
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
