/*
 * devdisc_log.c - the devdisc log lines (shapes in devdisc.h and the
 * contract table of DESIGN.md) written into a caller buffer.
 *
 * No stdio: the same code runs in the guest program and the host tests.
 * A line builder keeps writing past the end only in its count, so one
 * pass tells both the text and, on overflow, the length needed.
 */
#include "devdisc.h"

struct line_buf {
	char *buf;
	size_t cap;
	size_t len;              /* bytes produced, even beyond cap */
};

static const char *const warn_names[PCI_WARN_COUNT] = {
#define PCI_WARN_NAME(name, text) [PCI_WARN_##name] = text,
	PCI_WARN_LIST(PCI_WARN_NAME)
#undef PCI_WARN_NAME
};

const char *pci_warn_name(enum pci_warn_what what)
{
	return (unsigned)what < PCI_WARN_COUNT ? warn_names[what] : "unknown";
}

const char *pci_bar_kind_name(enum pci_bar_kind kind)
{
	static const char *const names[] = { "mem32", "mem64", "io", "rom" };

	return (unsigned)kind < 4 ? names[kind] : "unknown";
}

const char *pci_window_kind_name(enum pci_window_kind kind)
{
	static const char *const names[] = { "mem", "pref", "cb-mem0", "cb-mem1" };

	return (unsigned)kind < 4 ? names[kind] : "unknown";
}

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

/* `digits` = minimum width, zero-padded. */
static void put_hex(struct line_buf *lb, uint64_t v, unsigned digits)
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
		put_char(lb, tmp[--n]);
}

static void put_dec(struct line_buf *lb, uint64_t v)
{
	char tmp[20];
	unsigned n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (n > 0)
		put_char(lb, tmp[--n]);
}

static void put_key_dec(struct line_buf *lb, const char *key, uint64_t v)
{
	put_str(lb, key);
	put_dec(lb, v);
}

static void put_bdf(struct line_buf *lb, uint8_t bus, uint8_t dev, uint8_t fn)
{
	put_str(lb, " dev=");
	put_hex(lb, bus, 2);
	put_char(lb, ':');
	put_hex(lb, dev, 2);
	put_char(lb, '.');
	put_dec(lb, fn);
}

/* NUL-terminates; on overflow leaves an empty string and reports the
 * length needed. */
static enum status finish(struct line_buf *lb, size_t *len)
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

static void put_found(struct line_buf *lb, const struct pci_device *d)
{
	put_str(lb, "devdisc: found");
	put_bdf(lb, d->bus, d->dev, d->fn);
	put_str(lb, " vendor=");
	put_hex(lb, d->vendor, 4);
	put_str(lb, " device=");
	put_hex(lb, d->device, 4);
	put_str(lb, " class=");
	put_hex(lb, d->class_code, 6);
	put_key_dec(lb, " header=", d->header_type);
	put_key_dec(lb, " depth=", d->depth);
	put_key_dec(lb, " bars=", d->nbars);
	if (d->header_type != 0) {
		put_key_dec(lb, " secondary=", d->secondary);
		put_key_dec(lb, " subordinate=", d->subordinate);
	}
	if (d->slot.implemented) {
		put_key_dec(lb, " slot=", d->slot.number);
		put_key_dec(lb, " hotplug=", d->slot.hotplug);
	}
	put_char(lb, '\n');
}

static void put_bar(struct line_buf *lb, const struct pci_device *d,
		    const struct pci_bar *b)
{
	put_str(lb, "devdisc: bar");
	put_bdf(lb, d->bus, d->dev, d->fn);
	put_key_dec(lb, " index=", b->index);
	put_str(lb, " addr=0x");
	put_hex(lb, b->addr, 1);
	put_key_dec(lb, " size=", b->size);
	put_str(lb, " kind=");
	put_str(lb, pci_bar_kind_name((enum pci_bar_kind)b->kind));
	put_key_dec(lb, " pref=", b->pref);
	put_char(lb, '\n');
}

static void put_window(struct line_buf *lb, const struct pci_device *d,
		       const struct pci_window *win)
{
	put_str(lb, "devdisc: window");
	put_bdf(lb, d->bus, d->dev, d->fn);
	put_str(lb, " kind=");
	put_str(lb, pci_window_kind_name((enum pci_window_kind)win->kind));
	put_str(lb, " base=0x");
	put_hex(lb, win->base, 1);
	put_str(lb, " limit=0x");
	put_hex(lb, win->limit, 1);
	put_char(lb, '\n');
}

static void put_device(struct line_buf *lb, const struct pci_device *d)
{
	unsigned i;

	put_found(lb, d);
	for (i = 0; i < d->nbars && i < PCI_MAX_BARS; i++)
		put_bar(lb, d, &d->bar[i]);
	for (i = 0; i < d->nwindows && i < PCI_MAX_WINDOWS; i++)
		put_window(lb, d, &d->window[i]);
}

static void put_warning(struct line_buf *lb, const struct pci_warning *wn)
{
	put_str(lb, "devdisc: warning");
	if (wn->has_dev)
		put_bdf(lb, wn->bus, wn->dev, wn->fn);
	else
		put_str(lb, " dev=none");
	put_str(lb, " what=");
	put_str(lb, pci_warn_name((enum pci_warn_what)wn->what));
	put_key_dec(lb, " detail=", wn->detail);
	put_char(lb, '\n');
}

static bool args_ok(const void *obj, const char *buf, size_t cap, const size_t *len)
{
	return obj && len && (buf || cap == 0);
}

enum status devdisc_format_device(const struct pci_device *d, char *buf,
				  size_t cap, size_t *len)
{
	struct line_buf lb = { buf, cap, 0 };

	if (!args_ok(d, buf, cap, len))
		return STATUS_INVALID_ARGUMENT;
	put_device(&lb, d);
	return finish(&lb, len);
}

enum status devdisc_format_warning(const struct pci_warning *wn, char *buf,
				   size_t cap, size_t *len)
{
	struct line_buf lb = { buf, cap, 0 };

	if (!args_ok(wn, buf, cap, len))
		return STATUS_INVALID_ARGUMENT;
	put_warning(&lb, wn);
	return finish(&lb, len);
}

/* Warnings that did not fit the table still show as one line. */
static void put_dropped(struct line_buf *lb, const struct pci_walk_result *r)
{
	if (r->warn_dropped == 0)
		return;
	put_str(lb, "devdisc: warning dev=none what=truncated-warnings");
	put_key_dec(lb, " detail=", r->warn_dropped);
	put_char(lb, '\n');
}

enum status devdisc_format_walk(const struct pci_walk_result *r, char *buf,
				size_t cap, size_t *len)
{
	struct line_buf lb = { buf, cap, 0 };
	unsigned i;

	if (!args_ok(r, buf, cap, len))
		return STATUS_INVALID_ARGUMENT;
	for (i = 0; i < r->ndev && i < PCI_MAX_DEVICES; i++)
		put_device(&lb, &r->dev[i]);
	for (i = 0; i < r->nwarn && i < PCI_MAX_WARNINGS; i++)
		put_warning(&lb, &r->warn[i]);
	put_dropped(&lb, r);
	return finish(&lb, len);
}

enum status devdisc_format_settled(uint32_t need, uint32_t pool, uint32_t used,
				   uint32_t keep, uint64_t fingerprint,
				   char *buf, size_t cap, size_t *len)
{
	struct line_buf lb = { buf, cap, 0 };

	if (!len || (!buf && cap != 0))
		return STATUS_INVALID_ARGUMENT;
	put_key_dec(&lb, "devdisc: settled need=", need);
	put_key_dec(&lb, " pool=", pool);
	put_key_dec(&lb, " used=", used);
	put_key_dec(&lb, " keep=", keep);
	put_str(&lb, " fingerprint=");
	put_hex(&lb, fingerprint, 16);
	put_char(&lb, '\n');
	return finish(&lb, len);
}
