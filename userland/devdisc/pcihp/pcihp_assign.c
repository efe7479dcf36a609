/*
 * pcihp_assign.c - BAR placement inside a bridge's windows (see pcihp_assign.h).
 *
 * Memory BARs take at least a whole 4 KiB frame, aligned to it: devdisc
 * maps each BAR by itself, frame by frame, so two BARs must never share a
 * frame (a frame would be mapped, and counted in the pool, twice).
 */
#include "pcihp_assign.h"
#include "line.h"

#define FRAME_BYTES        4096u
#define PCI_COMMAND        0x04u
#define PCI_BAR0           0x10u
#define P2P_IO_WINDOW      0x1cu    /* I/O base, I/O limit (bytes 0 and 1) */
#define P2P_IO_UPPER       0x30u    /* upper 16 bits of I/O base and limit */
#define CMD_IO             0x1u
#define CMD_MEM            0x2u
#define CMD_MASTER         0x4u
#define MAX_32BIT          0xffffffffull

static bool below_port(const struct pci_walk_result *w, unsigned i, uint16_t port)
{
	unsigned steps;

	/* Parents come before children in the table; the step bound only
	 * guards against a corrupt table. */
	for (steps = 0; steps < w->ndev && w->dev[i].parent != PCI_NO_PARENT; steps++) {
		i = w->dev[i].parent;
		if (i == port)
			return true;
		if (i >= w->ndev)
			return false;
	}
	return false;
}

static bool in_window(const struct pcihp_space *sp, uint64_t addr)
{
	unsigned k;

	for (k = 0; k < PCIHP_WIN_COUNT; k++)
		if (sp->present[k] && addr >= sp->win[k].base && addr <= sp->win[k].limit)
			return true;
	return false;
}

enum status pcihp_space_reserve(struct pcihp_space *sp, uint64_t base, uint64_t size)
{
	unsigned i;

	if (size == 0 || base + (size - 1) < base)
		return STATUS_INVALID_ARGUMENT;
	if (!sp->used || sp->nused >= sp->used_cap)
		return STATUS_NO_MEMORY;
	for (i = sp->nused; i > 0 && sp->used[i - 1].base > base; i--)
		sp->used[i] = sp->used[i - 1];
	sp->used[i].base = base;
	sp->used[i].limit = base + (size - 1);
	sp->nused++;
	return STATUS_OK;
}

static void set_window(struct pcihp_space *sp, enum pcihp_win k, uint64_t base, uint64_t limit)
{
	if (base > limit)
		return;
	sp->present[k] = true;
	sp->win[k].base = base;
	sp->win[k].limit = limit;
}

/* I/O window: 4 KiB granularity; 32-bit form when the low nibble is 1. */
static void read_io_window(struct pcihp_space *sp, const struct pci_access *acc,
			   const struct pci_device *b)
{
	uint32_t io = acc->read32(acc->ctx, b->bus, b->dev, b->fn, P2P_IO_WINDOW);
	uint64_t base = (uint64_t)(io & 0xf0u) << 8;
	uint64_t limit = (uint64_t)(io & 0xf000u) | 0xfffu;

	if ((io & 0xfu) == 1) {
		uint32_t up = acc->read32(acc->ctx, b->bus, b->dev, b->fn, P2P_IO_UPPER);

		base |= (uint64_t)(up & 0xffffu) << 16;
		limit |= (uint64_t)(up >> 16) << 16;
	}
	if ((io & 0xffffu) != 0)        /* both registers zero: no I/O window */
		set_window(sp, PCIHP_WIN_IO, base, limit);
}

static void read_port_windows(struct pcihp_space *sp, const struct pci_access *acc,
			      const struct pci_device *b)
{
	unsigned k;

	for (k = 0; k < b->nwindows; k++) {
		const struct pci_window *w = &b->window[k];

		if (w->kind == PCI_WIN_MEM)
			set_window(sp, PCIHP_WIN_MEM, w->base, w->limit);
		else if (w->kind == PCI_WIN_PREF)
			set_window(sp, PCIHP_WIN_PREF, w->base, w->limit);
	}
	read_io_window(sp, acc, b);
}

static bool decoded_bar(const struct pcihp_space *sp, const struct pci_bar *b)
{
	return b->kind != PCI_BAR_ROM && b->addr != 0 && in_window(sp, b->addr);
}

/* Everything a device below the port already decodes inside the windows
 * (reserve false: only counted). */
static enum status reserve_below(struct pcihp_space *sp, const struct pci_device *d,
				 bool reserve, unsigned *count)
{
	enum status st = STATUS_OK;
	unsigned k;

	for (k = 0; k < d->nbars && !st; k++) {
		const struct pci_bar *b = &d->bar[k];
		uint64_t size = b->kind == PCI_BAR_IO || b->size >= FRAME_BYTES ? b->size
										 : FRAME_BYTES;

		if (!decoded_bar(sp, b))
			continue;
		(*count)++;
		if (reserve)
			st = pcihp_space_reserve(sp, b->addr, size);
	}
	for (k = 0; k < d->nwindows && !st; k++, (*count)++)
		if (reserve)
			st = pcihp_space_reserve(sp, d->window[k].base,
					       d->window[k].limit - d->window[k].base + 1);
	return st;
}

/* Every device below the port, counted or reserved. */
static enum status walk_below(struct pcihp_space *sp, const struct pci_walk_result *walk,
			      uint16_t port, bool reserve, unsigned *count)
{
	enum status st = STATUS_OK;

	*count = 0;
	for (unsigned i = port + 1u; i < walk->ndev && !st; i++)
		if (below_port(walk, i, port))
			st = reserve_below(sp, &walk->dev[i], reserve, count);
	return st;
}

enum status pcihp_space_init(struct pcihp_space *sp, const struct pci_access *acc,
			     const struct pci_walk_result *walk, uint16_t port)
{
	unsigned n;

	if (!sp || !acc || !acc->read32 || !walk || port >= walk->ndev ||
	    walk->dev[port].header_type != 1)
		return STATUS_INVALID_ARGUMENT;
	*sp = (struct pcihp_space){ .used = sp->used, .used_cap = sp->used_cap };
	read_port_windows(sp, acc, &walk->dev[port]);
	walk_below(sp, walk, port, false, &n);
	sp->wanted = n + PCIHP_MAX_PLACEMENTS;
	if (!sp->used || sp->wanted > sp->used_cap)
		return STATUS_NO_MEMORY;
	return walk_below(sp, walk, port, true, &n);
}

/* ---- placement -------------------------------------------------------- */

static bool align_up(uint64_t x, uint64_t align, uint64_t *out)
{
	if (x > UINT64_MAX - (align - 1))
		return false;
	*out = (x + align - 1) & ~(align - 1);
	return true;
}

/* Lowest address in [w.base, min(w.limit, max)] aligned to `size` where
 * `size` bytes are free.  `used` is sorted by base, so one pass suffices. */
static bool find_free(const struct pcihp_space *sp, const struct pcihp_range *w,
		      uint64_t max, uint64_t size, uint64_t *out)
{
	uint64_t limit = w->limit < max ? w->limit : max;
	uint64_t at;
	unsigned i;

	if (!align_up(w->base, size, &at))
		return false;
	for (i = 0; i < sp->nused; i++) {
		const struct pcihp_range *u = &sp->used[i];

		if (u->limit < at)
			continue;
		if (at + (size - 1) < u->base)
			break;
		if (u->limit == UINT64_MAX || !align_up(u->limit + 1, size, &at))
			return false;
	}
	if (at > limit || limit - at < size - 1)
		return false;
	*out = at;
	return true;
}

/* Windows a BAR may use, best first; returns how many (0..2). */
static unsigned candidates(const struct pcihp_placement *p, uint8_t win[2], uint64_t max[2])
{
	uint64_t top = p->kind == PCI_BAR_MEM64 ? UINT64_MAX : MAX_32BIT;

	if (p->kind == PCI_BAR_IO) {
		win[0] = PCIHP_WIN_IO;
		max[0] = UINT64_MAX;
		return 1;
	}
	/* The memory window is 32-bit and never prefetchable-only, so any
	 * memory BAR may fall back to it. */
	win[0] = PCIHP_WIN_MEM;
	max[0] = MAX_32BIT;
	if (!p->pref)
		return 1;
	win[1] = win[0];
	max[1] = max[0];
	win[0] = PCIHP_WIN_PREF;
	max[0] = top;
	return 2;
}

/* The window a BAR that fits nowhere is reported against: the first
 * candidate that is open and reaches below the BAR's address limit (a
 * 32-bit BAR is never told about a prefetchable window above 4 GiB),
 * else the best one. */
static uint8_t usable_window(const struct pcihp_space *sp, const uint8_t *win,
			     const uint64_t *max, unsigned n)
{
	for (unsigned k = 0; k < n; k++)
		if (sp->present[win[k]] && sp->win[win[k]].base <= max[k])
			return win[k];
	return win[0];
}

static void place(struct pcihp_space *sp, struct pcihp_placement *p)
{
	uint64_t span = p->kind != PCI_BAR_IO && p->size < FRAME_BYTES ? FRAME_BYTES : p->size;
	uint8_t win[2];
	uint64_t max[2];
	unsigned k, n = candidates(p, win, max);

	p->window = usable_window(sp, win, max, n);
	p->st = STATUS_NO_MEMORY;
	for (k = 0; k < n; k++) {
		if (!sp->present[win[k]] || !find_free(sp, &sp->win[win[k]], max[k], span, &p->addr))
			continue;
		if (pcihp_space_reserve(sp, p->addr, span) == STATUS_OK) {
			p->window = win[k];
			p->st = STATUS_OK;
		}
		return;
	}
}

static void collect(struct pcihp_report *rep, struct pci_device *const *devs, unsigned n)
{
	unsigned i, k;

	rep->n = rep->nofit = 0;
	for (i = 0; i < n; i++)
		for (k = 0; k < devs[i]->nbars; k++) {
			const struct pci_bar *b = &devs[i]->bar[k];
			struct pcihp_placement *p;

			if (b->kind == PCI_BAR_ROM || rep->n >= PCIHP_MAX_PLACEMENTS)
				continue;
			p = &rep->p[rep->n++];
			*p = (struct pcihp_placement){ .dev = (uint8_t)i, .index = b->index,
						     .kind = b->kind, .pref = b->pref,
						     .size = b->size, .window = PCIHP_WIN_NONE };
		}
}

/* Largest first (stable, so equal sizes keep device and BAR order):
 * big alignments are placed while the window is still unfragmented. */
static void sort_largest_first(struct pcihp_report *rep)
{
	unsigned i, j;

	for (i = 1; i < rep->n; i++) {
		struct pcihp_placement p = rep->p[i];

		for (j = i; j > 0 && rep->p[j - 1].size < p.size; j--)
			rep->p[j] = rep->p[j - 1];
		rep->p[j] = p;
	}
}

/* ---- programming ------------------------------------------------------ */

static void write_bar(const struct pci_access *acc, struct pci_device *d,
		      const struct pcihp_placement *p)
{
	uint16_t off = (uint16_t)(PCI_BAR0 + 4u * p->index);
	unsigned k;

	acc->write32(acc->ctx, d->bus, d->dev, d->fn, off, (uint32_t)p->addr);
	if (p->kind == PCI_BAR_MEM64)
		acc->write32(acc->ctx, d->bus, d->dev, d->fn, (uint16_t)(off + 4),
			     (uint32_t)(p->addr >> 32));
	for (k = 0; k < d->nbars; k++)
		if (d->bar[k].index == p->index)
			d->bar[k].addr = p->addr;
}

/* Decode off while BARs move; then on for each kind whose BARs all fit. */
static void program_device(const struct pci_access *acc, struct pci_device *d,
			   unsigned di, const struct pcihp_report *rep)
{
	uint32_t cmd = acc->read32(acc->ctx, d->bus, d->dev, d->fn, PCI_COMMAND) & 0xffffu;
	uint32_t on = CMD_MASTER, off = 0;
	unsigned k;

	/* Only the command half is written: status bits are RW1C. */
	acc->write32(acc->ctx, d->bus, d->dev, d->fn, PCI_COMMAND, cmd & ~(CMD_IO | CMD_MEM));
	for (k = 0; k < rep->n; k++) {
		const struct pcihp_placement *p = &rep->p[k];
		uint32_t bit = p->kind == PCI_BAR_IO ? CMD_IO : CMD_MEM;

		if (p->dev != di)
			continue;
		if (p->st == STATUS_OK) {
			write_bar(acc, d, p);
			on |= bit;
		} else {
			off |= bit;
		}
	}
	cmd = (cmd & ~(CMD_IO | CMD_MEM)) | (on & ~off);
	acc->write32(acc->ctx, d->bus, d->dev, d->fn, PCI_COMMAND, cmd);
	d->command = (uint16_t)cmd;
}

static enum status check_devices(struct pci_device *const *devs, unsigned n)
{
	unsigned i;

	if (!devs || n == 0 || n > PCIHP_MAX_DEVICES)
		return STATUS_INVALID_ARGUMENT;
	for (i = 0; i < n; i++)
		if (!devs[i] || devs[i]->header_type > 1 || devs[i]->nbars > PCI_MAX_BARS)
			return STATUS_INVALID_ARGUMENT;
	return STATUS_OK;
}

enum status pcihp_assign(struct pcihp_space *sp, const struct pci_access *acc,
			 struct pci_device *const *devs, unsigned n,
			 struct pcihp_report *rep)
{
	enum status st = check_devices(devs, n);
	unsigned i;

	if (st || !sp || !acc || !acc->read32 || !acc->write32 || !rep)
		return STATUS_INVALID_ARGUMENT;
	collect(rep, devs, n);
	sort_largest_first(rep);
	for (i = 0; i < rep->n; i++) {
		place(sp, &rep->p[i]);
		rep->nofit += rep->p[i].st != STATUS_OK;
	}
	for (i = 0; i < n; i++)
		program_device(acc, devs[i], i, rep);
	return STATUS_OK;
}

enum status pcihp_format_nofit(const struct pcihp_space *sp, const struct pci_device *d,
			       const struct pcihp_placement *p, char *buf, size_t cap,
			       size_t *len)
{
	static const char *const names[PCIHP_WIN_COUNT] = { "mem", "pref", "io" };
	struct line_buf l = { buf, cap, 0 };
	bool open;

	if (!sp || !d || !p || !buf || cap == 0 || !len || p->window >= PCIHP_WIN_COUNT)
		return STATUS_INVALID_ARGUMENT;
	open = sp->present[p->window];
	line_str(&l, "devdisc: nofit dev=");
	line_hex(&l, d->bus, 2);
	line_char(&l, ':');
	line_hex(&l, d->dev, 2);
	line_char(&l, '.');
	line_char(&l, (char)('0' + (d->fn & 7)));
	line_key_dec(&l, " bar=", p->index);
	line_key_dec(&l, " size=", p->size);
	line_str(&l, " window=");
	line_str(&l, open ? names[p->window] : "none");
	line_str(&l, " base=0x");
	line_hex(&l, open ? sp->win[p->window].base : 0, 1);
	line_str(&l, " limit=0x");
	line_hex(&l, open ? sp->win[p->window].limit : 0, 1);
	line_char(&l, '\n');
	return line_finish(&l, len);
}
