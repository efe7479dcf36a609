/*
 * fdt_log.c - the FDT walk's log lines (fdt_walk.h) into a caller buffer.
 *
 * A line builder keeps counting past the end of the buffer, so one pass
 * gives the text or, on overflow, the length needed.  Decimal output
 * divides by 10 in 16-bit steps: no 64-bit division on ColdFire.
 */
#include "fdt_walk.h"

struct line_buf {
	char *buf;
	size_t cap;
	size_t len;              /* bytes produced, even beyond cap */
};

static void put_char(struct line_buf *lb, char c)
{
	if (lb->len + 1 < lb->cap)
		lb->buf[lb->len] = c;
	lb->len++;
}

static void put_str(struct line_buf *lb, const char *s)
{
	while (*s)
		put_char(lb, *s++);
}

static void put_hex(struct line_buf *lb, uint64_t v)
{
	char tmp[16];
	unsigned n = 0;

	do {
		tmp[n++] = "0123456789abcdef"[v & 0xf];
		v >>= 4;
	} while (v != 0);
	while (n > 0)
		put_char(lb, tmp[--n]);
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

static void put_dec(struct line_buf *lb, uint64_t v)
{
	char tmp[20];
	unsigned n = 0;

	do {
		tmp[n++] = (char)('0' + div10(&v));
	} while (v != 0);
	while (n > 0)
		put_char(lb, tmp[--n]);
}

static void put_device(struct line_buf *lb, const struct fdtw_device *d)
{
	put_str(lb, "devdisc: found node=");
	put_str(lb, d->path);
	put_str(lb, " compatible=");
	put_str(lb, d->compatible[0] ? d->compatible : "none");
	put_str(lb, " regions=");
	put_dec(lb, d->nregions);
	put_char(lb, '\n');
	for (unsigned i = 0; i < d->nregions; i++) {
		put_str(lb, "devdisc: region node=");
		put_str(lb, d->path);
		put_str(lb, " index=");
		put_dec(lb, i);
		put_str(lb, " addr=0x");
		put_hex(lb, d->region[i].base);
		put_str(lb, " size=");
		put_dec(lb, d->region[i].size);
		put_char(lb, '\n');
	}
}

static void put_warning(struct line_buf *lb, const char *path,
			const char *what, uint32_t detail)
{
	put_str(lb, "devdisc: warning node=");
	put_str(lb, path);
	put_str(lb, " what=");
	put_str(lb, what);
	put_str(lb, " detail=");
	put_dec(lb, detail);
	put_char(lb, '\n');
}

/* Terminates the text, or empties it and reports the size needed. */
static enum status finish(struct line_buf *lb, size_t *len)
{
	*len = lb->len;
	if (lb->len + 1 > lb->cap) {
		if (lb->cap)
			lb->buf[0] = '\0';
		return STATUS_SHORT_BUFFER;
	}
	lb->buf[lb->len] = '\0';
	return STATUS_OK;
}

enum status fdtw_format_device(const struct fdtw_device *d, char *buf,
			       size_t cap, size_t *len)
{
	struct line_buf lb = { buf, cap, 0 };

	if (d == NULL || len == NULL || (buf == NULL && cap))
		return STATUS_INVALID_ARGUMENT;
	put_device(&lb, d);
	return finish(&lb, len);
}

enum status fdtw_format_warning(const struct fdtw_warning *w, char *buf,
				size_t cap, size_t *len)
{
	struct line_buf lb = { buf, cap, 0 };

	if (w == NULL || len == NULL || (buf == NULL && cap))
		return STATUS_INVALID_ARGUMENT;
	put_warning(&lb, w->path, fdtw_warn_name((enum fdtw_warn_what)w->what),
		    w->detail);
	return finish(&lb, len);
}

enum status fdtw_format_walk(const struct fdtw_result *r, char *buf,
			     size_t cap, size_t *len)
{
	struct line_buf lb = { buf, cap, 0 };

	if (r == NULL || len == NULL || (buf == NULL && cap))
		return STATUS_INVALID_ARGUMENT;
	for (unsigned i = 0; i < r->ndev && i < FDTW_MAX_DEVICES; i++)
		put_device(&lb, &r->dev[i]);
	for (unsigned i = 0; i < r->nwarn && i < FDTW_MAX_WARNINGS; i++)
		put_warning(&lb, r->warn[i].path,
			    fdtw_warn_name((enum fdtw_warn_what)r->warn[i].what),
			    r->warn[i].detail);
	if (r->warn_dropped)
		put_warning(&lb, "/", "truncated-warnings", r->warn_dropped);
	return finish(&lb, len);
}
