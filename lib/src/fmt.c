/* fmt.c - see fmt.h. */
#include <stdint.h>
#include "fmt.h"

struct spec {
	int width;       /* minimum digits, zero-padded */
	int longs;       /* number of l/z modifiers */
};

static void put_str(struct fmt_sink *s, const char *str)
{
	if (!str)
		str = "(null)";
	while (*str)
		s->put(s, *str++);
}

/* *v /= base, returns the remainder, in 16-bit steps so that no 64-bit
 * division (a libgcc call on 32-bit targets) is needed. */
static unsigned divide_in_place(uint64_t *v, unsigned base)
{
	uint64_t q = 0;
	uint32_t r = 0;

	for (int shift = 48; shift >= 0; shift -= 16) {
		uint32_t cur = (r << 16) | (uint32_t)((*v >> shift) & 0xffff);
		q |= (uint64_t)(cur / base) << shift;
		r = cur % base;
	}
	*v = q;
	return r;
}

static void put_unsigned(struct fmt_sink *s, uint64_t v, unsigned base, int width)
{
	char digits[24];
	int n = 0;

	do
		digits[n++] = "0123456789abcdef"[divide_in_place(&v, base)];
	while (v);
	for (; width > n; width--)
		s->put(s, '0');
	while (n)
		s->put(s, digits[--n]);
}

static void put_signed(struct fmt_sink *s, int64_t v, int width)
{
	if (v < 0) {
		s->put(s, '-');
		put_unsigned(s, (uint64_t)0 - (uint64_t)v, 10, width);
		return;
	}
	put_unsigned(s, (uint64_t)v, 10, width);
}

/* Reads one integer argument of the width the length modifiers name. */
static uint64_t take_unsigned(va_list *ap, int longs)
{
	if (longs >= 2)
		return va_arg(*ap, unsigned long long);
	if (longs == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static int64_t take_signed(va_list *ap, int longs)
{
	if (longs >= 2)
		return va_arg(*ap, long long);
	if (longs == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

/* Parses width and length modifiers after '%'; returns the conversion. */
static const char *parse_spec(const char *fmt, struct spec *sp)
{
	sp->width = 0;
	sp->longs = 0;
	while (*fmt >= '0' && *fmt <= '9')
		sp->width = sp->width * 10 + (*fmt++ - '0');
	while (*fmt == 'l' || *fmt == 'z') {
		sp->longs++;
		fmt++;
	}
	return fmt;
}

static void convert(struct fmt_sink *s, char conv, const struct spec *sp, va_list *ap)
{
	switch (conv) {
	case 's': put_str(s, va_arg(*ap, const char *)); break;
	case 'c': s->put(s, (char)va_arg(*ap, int)); break;
	case 'd': put_signed(s, take_signed(ap, sp->longs), sp->width); break;
	case 'u': put_unsigned(s, take_unsigned(ap, sp->longs), 10, sp->width); break;
	case 'x': put_unsigned(s, take_unsigned(ap, sp->longs), 16, sp->width); break;
	case '%': s->put(s, '%'); break;
	default: s->put(s, '%'); s->put(s, conv); break;
	}
}

void fmt_vformat(struct fmt_sink *sink, const char *fmt, va_list ap)
{
	va_list args;
	struct spec sp;

	va_copy(args, ap);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			sink->put(sink, *fmt);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp);
		if (!*fmt)
			break;
		convert(sink, *fmt, &sp, &args);
	}
	va_end(args);
}
