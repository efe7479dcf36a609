/*
 * line.c - the line builder (line.h).
 */
#include "line.h"

void line_char(struct line_buf *lb, char c)
{
	if (lb->len + 1 < lb->cap)
		lb->buf[lb->len] = c;
	lb->len++;
}

void line_str(struct line_buf *lb, const char *s)
{
	while (*s)
		line_char(lb, *s++);
}

void line_hex(struct line_buf *lb, uint64_t v, unsigned digits)
{
	char tmp[16];
	unsigned n = 0;

	do {
		tmp[n++] = "0123456789abcdef"[v & 0xf];
		v >>= 4;
	} while (v != 0 && n < 16);
	while (n < digits && n < 16)
		tmp[n++] = '0';
	while (n > 0)
		line_char(lb, tmp[--n]);
}

/* v / 10 by long division over 16-bit digits; returns the remainder. */
static unsigned div10(uint64_t *v)
{
	uint64_t q = 0;
	uint32_t rem = 0;

	for (int shift = 48; shift >= 0; shift -= 16) {
		uint32_t cur = rem << 16 | (uint32_t)((*v >> shift) & 0xffff);

		q |= (uint64_t)(cur / 10) << shift;
		rem = cur % 10;
	}
	*v = q;
	return rem;
}

void line_dec(struct line_buf *lb, uint64_t v)
{
	char tmp[20];
	unsigned n = 0;

	do {
		tmp[n++] = (char)('0' + div10(&v));
	} while (v != 0);
	while (n > 0)
		line_char(lb, tmp[--n]);
}

void line_key_dec(struct line_buf *lb, const char *key, uint64_t v)
{
	line_str(lb, key);
	line_dec(lb, v);
}

enum status line_finish(struct line_buf *lb, size_t *len)
{
	*len = lb->len;
	if (lb->len + 1 > lb->cap) {
		if (lb->cap > 0)
			lb->buf[0] = '\0';
		return STATUS_SHORT_BUFFER;
	}
	lb->buf[lb->len] = '\0';
	return STATUS_OK;
}

enum status line_format(line_put_fn *put, const void *obj, char *buf, size_t cap,
			size_t *len)
{
	struct line_buf lb = { buf, cap, 0 };

	if (!obj || !len || (!buf && cap != 0))
		return STATUS_INVALID_ARGUMENT;
	put(&lb, obj);
	return line_finish(&lb, len);
}

const char *line_name(const char *const *names, unsigned n, unsigned i)
{
	return i < n ? names[i] : "unknown";
}
