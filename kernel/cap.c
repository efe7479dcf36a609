/*
 * cap.c - capability type names, the manifest's grant list and the pure
 * checks of a slot's range (cap.h).  Pure: the host tests build it as it
 * is.
 */
#include <stdbool.h>
#include "cap.h"
#include "names.h"

#define PAGE_BYTES  4096ull
#define PORT_LAST   0xffffull

KH_NAME_FUNCTION(cap_type_name, enum cap_type, CAP_TYPE_LIST, CAP_TYPE_COUNT)

/* A bounded piece of the manifest text. */
struct span {
	const char *s;
	unsigned len;
};

static bool span_is(struct span sp, const char *word)
{
	unsigned i = 0;

	for (; i < sp.len; i++)
		if (word[i] != sp.s[i])
			return false;
	return word[i] == '\0';
}

/* Splits sp at the first `sep`: head before it, *rest after (len 0 and
 * false when there is no separator). */
static bool span_split(struct span sp, char sep, struct span *head, struct span *rest)
{
	for (unsigned i = 0; i < sp.len; i++) {
		if (sp.s[i] == sep) {
			*head = (struct span){ sp.s, i };
			*rest = (struct span){ sp.s + i + 1, sp.len - i - 1 };
			return true;
		}
	}
	*head = sp;
	*rest = (struct span){ sp.s + sp.len, 0 };
	return false;
}

/* Type named by sp; "null" is not grantable. */
static enum status lookup(struct span sp, enum cap_type *t)
{
	for (unsigned i = CAP_NULL + 1; i < CAP_TYPE_COUNT; i++) {
		if (span_is(sp, cap_type_name((enum cap_type)i))) {
			*t = (enum cap_type)i;
			return STATUS_OK;
		}
	}
	return STATUS_NOT_FOUND;
}

static int digit_value(char c, unsigned base)
{
	int v = c >= '0' && c <= '9' ? c - '0' :
		c >= 'a' && c <= 'f' ? c - 'a' + 10 :
		c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;
	return v < (int)base ? v : -1;
}

/* Whole span as a number: 0x-prefixed hex or decimal, no overflow. */
static enum status parse_number(struct span sp, uint64_t *out)
{
	unsigned base = 10, at = 0;
	uint64_t v = 0;

	if (sp.len > 2 && sp.s[0] == '0' && (sp.s[1] == 'x' || sp.s[1] == 'X')) {
		base = 16;
		at = 2;
	}
	if (at == sp.len)
		return STATUS_INVALID_ARGUMENT;
	for (; at < sp.len; at++) {
		int d = digit_value(sp.s[at], base);
		if (d < 0 || v > (~0ull - (uint64_t)d) / base)
			return STATUS_INVALID_ARGUMENT;
		v = v * base + (uint64_t)d;
	}
	*out = v;
	return STATUS_OK;
}

/* "<first>-<last>", inclusive, first <= last. */
static enum status parse_range(struct span sp, uint64_t *first, uint64_t *last)
{
	struct span a, b;

	if (!span_split(sp, '-', &a, &b))
		return STATUS_INVALID_ARGUMENT;
	enum status st = parse_number(a, first);
	if (!st)
		st = parse_number(b, last);
	if (!st && *first > *last)
		st = STATUS_OUT_OF_RANGE;
	return st;
}

static enum status parse_devmem(struct span arg, struct cap *c)
{
	if (span_is(arg, "all")) {
		c->arg0 = 0;
		c->arg1 = CAP_DEVMEM_ALL;
		return STATUS_OK;
	}
	enum status st = parse_range(arg, &c->arg0, &c->arg1);
	if (!st && (c->arg0 % PAGE_BYTES || (c->arg1 + 1) % PAGE_BYTES))
		st = STATUS_OUT_OF_RANGE;
	return st;
}

static enum status parse_ioport(struct span arg, struct cap *c)
{
	enum status st = parse_range(arg, &c->arg0, &c->arg1);

	if (!st && c->arg1 > PORT_LAST)
		st = STATUS_OUT_OF_RANGE;
	return st;
}

/* "<name>" or "<name>:recv"; names are 1..CAP_NAME_BYTES-1 bytes. */
static enum status parse_endpoint(struct span arg, struct cap_grant *g)
{
	struct span name, flag;

	if (span_split(arg, ':', &name, &flag)) {
		if (!span_is(flag, "recv"))
			return STATUS_INVALID_ARGUMENT;
		g->cap.rights |= CAP_RIGHT_RECV;
	}
	if (!name.len || name.len >= CAP_NAME_BYTES)
		return STATUS_INVALID_ARGUMENT;
	for (unsigned i = 0; i < name.len; i++)
		g->name[i] = name.s[i];
	g->name[name.len] = '\0';
	return STATUS_OK;
}

static enum status parse_argument(struct span arg, bool has_arg, struct cap_grant *g)
{
	if (g->cap.type == CAP_FRAMEALLOC)
		g->cap.arg1 = CAP_FRAMES_ANY;   /* the manifest grant counts no frames */
	switch (g->cap.type) {
	case CAP_DEVMEM:   return has_arg ? parse_devmem(arg, &g->cap) : STATUS_INVALID_ARGUMENT;
	case CAP_IOPORT:   return has_arg ? parse_ioport(arg, &g->cap) : STATUS_INVALID_ARGUMENT;
	case CAP_ENDPOINT: return has_arg ? parse_endpoint(arg, g) : STATUS_INVALID_ARGUMENT;
	default:           return has_arg ? STATUS_INVALID_ARGUMENT : STATUS_OK;
	}
}

static enum status parse_item(struct span item, struct cap_grant *g)
{
	struct span type, arg;
	enum cap_type t;

	bool has_arg = span_split(item, ':', &type, &arg);
	if (!type.len)
		return STATUS_INVALID_ARGUMENT;
	if (lookup(type, &t))
		return STATUS_NOT_FOUND;
	*g = (struct cap_grant){ .cap = { .type = (uint8_t)t } };
	return parse_argument(arg, has_arg, g);
}

/* Length of the NUL-terminated text within max, or max if unterminated. */
static unsigned bounded_len(const char *s, unsigned max)
{
	unsigned n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

enum status cap_parse_grant_list(const char *s, unsigned max, struct cap_grant *out,
				 unsigned max_out, unsigned *count)
{
	struct cap_grant tmp;
	unsigned n = 0;

	if (!s || !count || (max_out && !out))
		return STATUS_INVALID_ARGUMENT;
	unsigned len = bounded_len(s, max);
	if (len == max)
		return STATUS_INVALID_ARGUMENT;
	struct span rest = { s, len }, item;
	/* Two passes: validate everything, then write; bad input writes nothing. */
	for (int pass = 0; pass < 2; pass++) {
		rest = (struct span){ s, len };
		n = 0;
		while (rest.len) {
			bool more = span_split(rest, ',', &item, &rest);
			if (!item.len || (more && !rest.len))
				return STATUS_INVALID_ARGUMENT;   /* empty item, trailing comma */
			enum status st = parse_item(item, pass ? &out[n] : &tmp);
			if (st)
				return st;
			if (++n > max_out && pass == 0)
				return STATUS_NO_MEMORY;
		}
	}
	*count = n;
	return STATUS_OK;
}

enum status cap_parse_grants(const char *s, unsigned max, uint32_t *mask)
{
	struct cap_grant g[KH_CAPS_MAX];
	unsigned n;
	uint32_t m = 0;

	if (!mask)
		return STATUS_INVALID_ARGUMENT;
	enum status st = cap_parse_grant_list(s, max, g, KH_CAPS_MAX, &n);
	if (st)
		return st;
	for (unsigned i = 0; i < n; i++)
		m |= 1u << g[i].cap.type;
	*mask = m;
	return STATUS_OK;
}

bool cap_has_range(const struct cap *c)
{
	return c->type == CAP_DEVMEM || c->type == CAP_IOPORT || c->type == CAP_FRAMEALLOC;
}

enum status cap_check_derive(const struct cap *c, uint64_t first, uint64_t last,
			     uint64_t rights)
{
	if (rights & ~(uint64_t)c->rights || (rights & KH_RIGHT_RESCIND))
		return STATUS_WIDER_THAN_HELD;
	if (!cap_has_range(c))
		return first || last ? STATUS_INVALID_ARGUMENT : STATUS_OK;
	if (first > last || (c->type == CAP_FRAMEALLOC && first))
		return STATUS_INVALID_ARGUMENT;   /* a frame count is [0, n - 1] */
	if (first < c->arg0 || last > c->arg1)
		return STATUS_WIDER_THAN_HELD;
	if (c->type == CAP_DEVMEM && ((first % PAGE_BYTES) || ((last + 1) % PAGE_BYTES)))
		return STATUS_MISALIGNED;
	return STATUS_OK;
}

enum status cap_frames_allow(const struct cap *c, uint64_t held, uint64_t more)
{
	if (c->type != CAP_FRAMEALLOC || c->arg1 == CAP_FRAMES_ANY)
		return STATUS_OK;
	uint64_t n = c->arg1 + 1;
	return held <= n && more <= n - held ? STATUS_OK : STATUS_OVER_QUOTA;
}
