/*
 * pci_walk.c - depth-first enumeration of every bus reachable from bus 0.
 *
 * An explicit stack of buses replaces recursion: a bridge's secondary bus
 * is pushed right after the bridge is recorded, so the table comes out in
 * pre-order (a bridge, then everything below it, then its next sibling).
 * Each bus is entered at most once (a bitmap of bus numbers), and only if
 * its number is above the bus of the bridge pointing at it, so a hostile
 * bridge cannot make the walk go round; the stack never holds more than
 * PCI_MAX_BUSES buses.
 */
#include "pci_cfg.h"

enum probe_next { NEXT_FUNCTION, NEXT_DEVICE, STOP_WALK };

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

/* Enters the bus below bridge `index` unless its number is hostile. */
static void enter_secondary(struct pci_walker *w, uint16_t index)
{
	const struct pci_device *b = &w->out->dev[index];

	if (b->secondary <= b->bus) {
		pci_warn(w, b, PCI_WARN_BUS_LOOP, b->secondary);
	} else if (bus_visited(w, b->secondary)) {
		pci_warn(w, b, PCI_WARN_BUS_REVISIT, b->secondary);
	} else if (w->out->nbuses >= PCI_MAX_BUSES) {
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

/* Stops the walk once a function is found that the table cannot hold. */
static enum probe_next table_full(struct pci_walker *w)
{
	w->out->truncated |= PCI_TRUNC_DEVICES;
	pci_warn(w, NULL, PCI_WARN_TRUNCATED_DEVICES, PCI_MAX_DEVICES);
	return STOP_WALK;
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
	if ((id & 0xffffu) == 0xffffu) {
		pci_warn(w, d, PCI_WARN_BAD_VENDOR, id >> 16);
		return absent;
	}
	if (r->ndev >= PCI_MAX_DEVICES)
		return table_full(w);
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
	if (d->header_type != 0)
		enter_secondary(w, (uint16_t)(r->ndev - 1));
	return ((devfn & 7) == 0 && !(hdr & PCI_HDR_MULTIFN)) ? NEXT_DEVICE
							       : NEXT_FUNCTION;
}

static enum status check_access(const struct pci_access *acc,
				const struct pci_walk_result *out)
{
	if (!acc || !out || !acc->read32 || !acc->write32)
		return STATUS_INVALID_ARGUMENT;
	return STATUS_OK;
}

enum status pci_walk(const struct pci_access *acc, struct pci_walk_result *out)
{
	struct pci_walker w = { .acc = acc, .out = out };
	struct pci_device scratch;
	enum status st = check_access(acc, out);

	if (st)
		return st;
	out->ndev = out->nwarn = out->warn_dropped = out->nbuses = 0;
	out->truncated = out->accesses = 0;
	push_bus(&w, 0, 0, PCI_NO_PARENT);
	while (w.sp > 0) {
		struct bus_frame *f = &w.stack[w.sp - 1];
		uint16_t devfn = f->next_devfn;
		enum probe_next next;

		if (devfn >= 256) {
			w.sp--;
			continue;
		}
		/* Advance first: probing may push a bus above this frame. */
		f->next_devfn = (uint16_t)(devfn + 1);
		next = probe_function(&w, f, devfn, &scratch);
		if (next == STOP_WALK)
			break;
		if (next == NEXT_DEVICE)
			f->next_devfn = (uint16_t)((devfn | 7) + 1);
	}
	return STATUS_OK;
}
