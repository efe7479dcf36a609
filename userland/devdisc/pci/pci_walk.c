/*
 * pci_walk.c - depth-first enumeration of every bus reachable from bus 0.
 *
 * An explicit stack of buses replaces recursion: a bridge's secondary bus
 * is pushed right after the bridge is recorded, so the table comes out in
 * pre-order (a bridge, then everything below it, then its next sibling).
 * Each bus is entered at most once (a bitmap of bus numbers), and only if
 * its number is above the bus of the bridge pointing at it, so a hostile
 * bridge cannot make the walk go round; the stack never holds more than
 * PCI_MAX_BUSES (256) buses.  Functions past the caller's device table
 * are counted, and the buses behind counted bridges walked the same way,
 * so dev_wanted says how big a table the machine needs.
 */
#include "pci_cfg.h"

enum probe_next { NEXT_FUNCTION, NEXT_DEVICE };

struct warn_mark {
	uint16_t nwarn, dropped;
	uint32_t truncated;
};

static void mark_warnings(const struct pci_walker *w, struct warn_mark *m)
{
	m->nwarn = w->out->nwarn;
	m->dropped = w->out->warn_dropped;
	m->truncated = w->out->truncated;
}

static void forget_warnings(struct pci_walker *w, const struct warn_mark *m)
{
	w->out->nwarn = m->nwarn;
	w->out->warn_dropped = m->dropped;
	w->out->truncated = m->truncated;
}

static bool bus_visited(const struct pci_walker *w, uint8_t bus)
{
	return (w->visited[bus / 32] >> (bus % 32)) & 1;
}

static void push_bus(struct pci_walker *w, uint8_t bus, uint8_t depth,
		     uint16_t bridge)
{
	struct bus_frame *f = &w->stack[w->sp++];

	w->visited[bus / 32] |= 1u << (bus % 32);
	w->out->nbuses++;
	f->bus = bus;
	f->depth = depth;
	f->next_devfn = 0;
	f->bridge = bridge;
}

/* Enters the bus below bridge b unless its number is hostile (`index`:
 * its table index, PCI_NO_PARENT for a bridge past a full table, whose
 * faults are not recorded: only counted functions lie below it). */
static void enter_secondary(struct pci_walker *w, const struct pci_device *b, uint16_t index)
{
	bool record = index != PCI_NO_PARENT;

	if (b->secondary <= b->bus) {
		if (record)
			pci_warn(w, b, PCI_WARN_BUS_LOOP, b->secondary);
	} else if (bus_visited(w, b->secondary)) {
		if (record)
			pci_warn(w, b, PCI_WARN_BUS_REVISIT, b->secondary);
	} else if (w->out->nbuses >= PCI_MAX_BUSES) {
		/* Cannot happen (each of the 256 bus numbers is entered once);
		 * kept as the bound of the stack. */
		if (!(w->out->truncated & PCI_TRUNC_BUSES))
			pci_warn(w, NULL, PCI_WARN_TRUNCATED_BUSES, b->secondary);
		w->out->truncated |= PCI_TRUNC_BUSES;
	} else {
		push_bus(w, b->secondary, (uint8_t)(b->depth + 1), index);
	}
}

/* Identity, BARs, capabilities, windows and bus numbers of one function
 * into table slot `d` (not yet counted). */
static void read_function(struct pci_walker *w, struct pci_device *d,
			  uint32_t id)
{
	uint32_t buses;

	d->vendor = (uint16_t)id;
	d->device = (uint16_t)(id >> 16);
	d->class_code = pci_rd(w, d, PCI_CLASS_REV) >> 8;
	pci_size_bars(w, d);
	pci_read_caps(w, d);
	pci_read_windows(w, d);
	if (d->header_type != 0) {
		buses = pci_rd(w, d, PCI_BUS_NUMBERS);
		d->secondary = (uint8_t)(buses >> 8);
		d->subordinate = (uint8_t)(buses >> 16);
	}
}

static void start_entry(struct pci_device *d, const struct bus_frame *f,
			uint16_t devfn, uint8_t header_type)
{
	*d = (struct pci_device){ 0 };
	d->bus = f->bus;
	d->dev = (uint8_t)(devfn >> 3);
	d->fn = (uint8_t)(devfn & 7);
	d->header_type = header_type;
	d->depth = f->depth;
	d->parent = f->bridge;
}

/* The first function the table cannot hold: one walk-wide warning. */
static void note_full(struct pci_walker *w)
{
	if (w->out->truncated & PCI_TRUNC_DEVICES)
		return;
	w->out->truncated |= PCI_TRUNC_DEVICES;
	pci_warn(w, NULL, PCI_WARN_TRUNCATED_DEVICES, w->out->dev_cap);
}

/*
 * A function past a full table (`d` holds its place): counted in
 * dev_wanted, and a bridge's bus entered so that what lies behind it is
 * counted too.  Only the header type and bus numbers are read: no BAR
 * sizing, no capability list, no warning, so a too-small table costs
 * three reads per function and a second walk over a bigger one finds the
 * same machine.
 */
static enum probe_next count_function(struct pci_walker *w, struct pci_device *d,
				      uint16_t devfn, enum probe_next absent)
{
	uint32_t hdr = pci_rd(w, d, PCI_HEADER_DWORD), buses;

	if (hdr == 0xffffffffu || ((hdr >> 16) & 0x7f) > 2)
		return absent;
	hdr = (hdr >> 16) & 0xff;
	note_full(w);
	w->out->dev_wanted++;
	d->header_type = (uint8_t)(hdr & 0x7f);
	if (d->header_type != 0) {
		buses = pci_rd(w, d, PCI_BUS_NUMBERS);
		d->secondary = (uint8_t)(buses >> 8);
		d->subordinate = (uint8_t)(buses >> 16);
		enter_secondary(w, d, PCI_NO_PARENT);
	}
	return ((devfn & 7) == 0 && !(hdr & PCI_HDR_MULTIFN)) ? NEXT_DEVICE : NEXT_FUNCTION;
}

/*
 * Probes one function into `d` (scratch until committed).  Absent
 * functions and bogus headers say nothing about the other functions of
 * the slot unless this is function 0, whose header type tells whether
 * the device has more than one.
 */
static enum probe_next probe_function(struct pci_walker *w,
				      const struct bus_frame *f, uint16_t devfn,
				      struct pci_device *d)
{
	struct pci_walk_result *r = w->out;
	enum probe_next absent = (devfn & 7) == 0 ? NEXT_DEVICE : NEXT_FUNCTION;
	struct warn_mark mark;
	uint32_t id, hdr;

	start_entry(d, f, devfn, 0);
	id = pci_rd(w, d, PCI_ID);
	if (id == 0xffffffffu)
		return absent;
	if (r->ndev >= r->dev_cap && (id & 0xffffu) != 0xffffu)
		return count_function(w, d, devfn, absent);
	if ((id & 0xffffu) == 0xffffu) {
		if (r->ndev < r->dev_cap)
			pci_warn(w, d, PCI_WARN_BAD_VENDOR, id >> 16);
		return absent;
	}
	hdr = pci_rd(w, d, PCI_HEADER_DWORD);
	if (hdr == 0xffffffffu) {       /* gone between two reads */
		pci_warn(w, d, PCI_WARN_VANISHED, id);
		return absent;
	}
	hdr = (hdr >> 16) & 0xff;
	if ((hdr & 0x7f) > 2) {
		pci_warn(w, d, PCI_WARN_BAD_HEADER_TYPE, hdr);
		return absent;
	}
	d->header_type = (uint8_t)(hdr & 0x7f);
	mark_warnings(w, &mark);
	read_function(w, d, id);
	/* A function that left while being probed (surprise removal, or
	 * reads turning to all ones) is dropped with everything read,
	 * including the warnings its garbage caused. */
	if (pci_rd(w, d, PCI_ID) != id) {
		forget_warnings(w, &mark);
		pci_warn(w, d, PCI_WARN_VANISHED, id);
		return absent;
	}
	r->dev[r->ndev++] = *d;
	r->dev_wanted++;
	if (d->header_type != 0)
		enter_secondary(w, &r->dev[r->ndev - 1], (uint16_t)(r->ndev - 1));
	return ((devfn & 7) == 0 && !(hdr & PCI_HDR_MULTIFN)) ? NEXT_DEVICE
							       : NEXT_FUNCTION;
}

static enum status check_access(const struct pci_access *acc,
				const struct pci_walk_result *out)
{
	if (!acc || !out || !acc->read32 || !acc->write32)
		return STATUS_INVALID_ARGUMENT;
	if ((out->dev_cap && !out->dev) || (out->warn_cap && !out->warn) ||
	    out->dev_cap > UINT16_MAX || out->warn_cap > UINT16_MAX)
		return STATUS_INVALID_ARGUMENT;
	return STATUS_OK;
}

void pci_walk_result_init(struct pci_walk_result *r, struct pci_device *dev, uint32_t dev_cap,
			  struct pci_warning *warn, uint32_t warn_cap)
{
	*r = (struct pci_walk_result){
		.dev = dev, .warn = warn,
		.dev_cap = dev_cap > UINT16_MAX ? UINT16_MAX : dev_cap,
		.warn_cap = warn_cap > UINT16_MAX ? UINT16_MAX : warn_cap };
}

uint32_t pci_walk_warn_wanted(const struct pci_walk_result *r)
{
	return (uint32_t)r->nwarn + r->warn_dropped;
}

/* Everything below one root bus, depth first. */
static void walk_root(struct pci_walker *w, uint8_t root)
{
	struct pci_device scratch;

	if (bus_visited(w, root))
		return;
	if (w->out->nbuses >= PCI_MAX_BUSES) {
		if (!(w->out->truncated & PCI_TRUNC_BUSES))
			pci_warn(w, NULL, PCI_WARN_TRUNCATED_BUSES, root);
		w->out->truncated |= PCI_TRUNC_BUSES;
		return;
	}
	push_bus(w, root, 0, PCI_NO_PARENT);
	while (w->sp > 0) {
		struct bus_frame *f = &w->stack[w->sp - 1];
		uint16_t devfn = f->next_devfn;
		enum probe_next next;

		if (devfn >= 256) {
			w->sp--;
			continue;
		}
		/* Advance first: probing may push a bus above this frame. */
		f->next_devfn = (uint16_t)(devfn + 1);
		next = probe_function(w, f, devfn, &scratch);
		if (next == NEXT_DEVICE)
			f->next_devfn = (uint16_t)((devfn | 7) + 1);
	}
}

enum status pci_walk_roots(const struct pci_access *acc, const uint8_t *roots, unsigned nroots,
			   struct pci_walk_result *out)
{
	struct pci_walker w = { .acc = acc, .out = out };
	enum status st = check_access(acc, out);

	if (st)
		return st;
	if (!roots || nroots == 0 || nroots > PCI_MAX_ROOTS)
		return STATUS_INVALID_ARGUMENT;
	out->ndev = out->nwarn = out->warn_dropped = out->nbuses = 0;
	out->truncated = out->accesses = out->dev_wanted = 0;
	for (unsigned i = 0; i < nroots; i++)
		walk_root(&w, roots[i]);
	return STATUS_OK;
}

enum status pci_walk(const struct pci_access *acc, struct pci_walk_result *out)
{
	static const uint8_t bus0 = 0;

	return pci_walk_roots(acc, &bus0, 1, out);
}

/* ---- other root buses --------------------------------------------------- */

static void cover(uint32_t *map, unsigned lo, unsigned hi)
{
	for (unsigned b = lo; b <= hi && b < 256; b++)
		map[b / 32] |= 1u << (b % 32);
}

static bool covered(const uint32_t *map, unsigned b)
{
	return (map[b / 32] >> (b % 32)) & 1;
}

/* Every bus the walk reached or that a bridge of it forwards to. */
static void cover_walk(uint32_t *map, const struct pci_walk_result *w)
{
	cover(map, 0, 0);
	for (unsigned i = 0; i < w->ndev && i < w->dev_cap; i++) {
		const struct pci_device *d = &w->dev[i];

		cover(map, d->bus, d->bus);
		if (d->header_type != 0 && d->secondary > d->bus)
			cover(map, d->secondary, d->subordinate);
	}
}

/* Whether any function answers on `bus`; the ranges its bridges forward
 * to are marked covered (they are not roots).  *reads counts accesses. */
static bool probe_root(const struct pci_access *acc, uint8_t bus, uint32_t *map, uint32_t *reads)
{
	bool found = false;

	for (uint8_t dev = 0; dev < 32; dev++) {
		uint32_t id = acc->read32(acc->ctx, bus, dev, 0, 0), hdr;

		++*reads;
		if (id == 0xffffffffu || (id & 0xffffu) == 0xffffu)
			continue;
		found = true;
		hdr = acc->read32(acc->ctx, bus, dev, 0, PCI_HEADER_DWORD) >> 16;
		++*reads;
		for (uint8_t fn = 0; fn < ((hdr & PCI_HDR_MULTIFN) ? 8 : 1); fn++) {
			uint32_t h = acc->read32(acc->ctx, bus, dev, fn, PCI_HEADER_DWORD) >> 16;
			uint32_t buses;

			++*reads;
			if ((h & 0x7f) != 1 && (h & 0x7f) != 2)
				continue;
			buses = acc->read32(acc->ctx, bus, dev, fn, PCI_BUS_NUMBERS);
			++*reads;
			if (((buses >> 8) & 0xff) > bus)
				cover(map, (buses >> 8) & 0xff, (buses >> 16) & 0xff);
		}
	}
	return found;
}

enum status pci_walk_find_roots(const struct pci_access *acc, const struct pci_walk_result *walked,
				uint8_t *roots, unsigned cap, unsigned *n, uint32_t *reads)
{
	uint32_t map[256 / 32] = { 0 };

	if (!acc || !acc->read32 || !walked || !roots || !n || !reads || cap == 0)
		return STATUS_INVALID_ARGUMENT;
	*n = 0;
	*reads = 0;
	roots[(*n)++] = 0;
	cover_walk(map, walked);
	for (unsigned b = 1; b < 256; b++) {
		if (covered(map, b) || !probe_root(acc, (uint8_t)b, map, reads))
			continue;
		if (*n == cap)
			return STATUS_SHORT_BUFFER;
		roots[(*n)++] = (uint8_t)b;
	}
	return STATUS_OK;
}
