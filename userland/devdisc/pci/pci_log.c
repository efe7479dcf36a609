/*
 * pci_log.c - the PCI walk's log lines (shapes in pci_log.h and the
 * contract table of docs/log-lines.md) written into a caller buffer through the
 * line builder (line/line.h): no stdio, the same code runs in the guest
 * program and the host tests.
 */
#include "pci_log.h"
#include "line.h"

const char *pci_bar_kind_name(enum pci_bar_kind kind)
{
	static const char *const names[] = { "mem32", "mem64", "io", "rom" };

	return line_name(names, 4, kind);
}

const char *pci_window_kind_name(enum pci_window_kind kind)
{
	static const char *const names[] = { "mem", "pref", "cb-mem0", "cb-mem1" };

	return line_name(names, 4, kind);
}

static void put_bdf(struct line_buf *lb, uint8_t bus, uint8_t dev, uint8_t fn)
{
	line_str(lb, " dev=");
	line_hex(lb, bus, 2);
	line_char(lb, ':');
	line_hex(lb, dev, 2);
	line_char(lb, '.');
	line_dec(lb, fn);
}

static void put_found(struct line_buf *lb, const struct pci_device *d)
{
	line_str(lb, "devdisc: found");
	put_bdf(lb, d->bus, d->dev, d->fn);
	line_str(lb, " vendor=");
	line_hex(lb, d->vendor, 4);
	line_str(lb, " device=");
	line_hex(lb, d->device, 4);
	line_str(lb, " class=");
	line_hex(lb, d->class_code, 6);
	line_key_dec(lb, " header=", d->header_type);
	line_key_dec(lb, " depth=", d->depth);
	line_key_dec(lb, " bars=", d->nbars);
	if (d->header_type != 0) {
		line_key_dec(lb, " secondary=", d->secondary);
		line_key_dec(lb, " subordinate=", d->subordinate);
	}
	if (d->slot.implemented) {
		line_key_dec(lb, " slot=", d->slot.number);
		line_key_dec(lb, " hotplug=", d->slot.hotplug);
	}
	line_char(lb, '\n');
}

static void put_bar(struct line_buf *lb, const struct pci_device *d,
		    const struct pci_bar *b)
{
	line_str(lb, "devdisc: bar");
	put_bdf(lb, d->bus, d->dev, d->fn);
	line_key_dec(lb, " index=", b->index);
	line_str(lb, " addr=0x");
	line_hex(lb, b->addr, 1);
	line_key_dec(lb, " size=", b->size);
	line_str(lb, " kind=");
	line_str(lb, pci_bar_kind_name((enum pci_bar_kind)b->kind));
	line_key_dec(lb, " pref=", b->pref);
	line_char(lb, '\n');
}

static void put_window(struct line_buf *lb, const struct pci_device *d,
		       const struct pci_window *win)
{
	line_str(lb, "devdisc: window");
	put_bdf(lb, d->bus, d->dev, d->fn);
	line_str(lb, " kind=");
	line_str(lb, pci_window_kind_name((enum pci_window_kind)win->kind));
	line_str(lb, " base=0x");
	line_hex(lb, win->base, 1);
	line_str(lb, " limit=0x");
	line_hex(lb, win->limit, 1);
	line_char(lb, '\n');
}

static void put_device(struct line_buf *lb, const void *obj)
{
	const struct pci_device *d = obj;
	unsigned i;

	put_found(lb, d);
	for (i = 0; i < d->nbars && i < PCI_MAX_BARS; i++)
		put_bar(lb, d, &d->bar[i]);
	for (i = 0; i < d->nwindows && i < PCI_MAX_WINDOWS; i++)
		put_window(lb, d, &d->window[i]);
}

enum status pci_format_device(const struct pci_device *d, char *buf,
			      size_t cap, size_t *len)
{
	return line_format(put_device, d, buf, cap, len);
}

static void put_warning(struct line_buf *lb, const void *obj)
{
	const struct pci_warning *wn = obj;

	line_str(lb, "devdisc: warning");
	if (wn->has_dev)
		put_bdf(lb, wn->bus, wn->dev, wn->fn);
	else
		line_str(lb, " dev=none");
	line_str(lb, " what=");
	line_str(lb, pci_warn_name((enum pci_warn_what)wn->what));
	line_key_dec(lb, " detail=", wn->detail);
	line_char(lb, '\n');
}

enum status pci_format_warning(const struct pci_warning *wn, char *buf,
			       size_t cap, size_t *len)
{
	return line_format(put_warning, wn, buf, cap, len);
}

/* Warnings that did not fit the table still show as one line. */
static void put_dropped(struct line_buf *lb, const struct pci_walk_result *r)
{
	if (r->warn_dropped == 0)
		return;
	line_str(lb, "devdisc: warning dev=none what=truncated-warnings");
	line_key_dec(lb, " detail=", r->warn_dropped);
	line_char(lb, '\n');
}

/* Every device, every warning, then the dropped ones. */
static void put_walk(struct line_buf *lb, const void *obj)
{
	const struct pci_walk_result *r = obj;
	unsigned i;

	for (i = 0; i < r->ndev && i < r->dev_cap; i++)
		put_device(lb, &r->dev[i]);
	for (i = 0; i < r->nwarn && i < r->warn_cap; i++)
		put_warning(lb, &r->warn[i]);
	put_dropped(lb, r);
}

enum status pci_format_walk(const struct pci_walk_result *r, char *buf,
			    size_t cap, size_t *len)
{
	return line_format(put_walk, r, buf, cap, len);
}
