/*
 * dd_pci_bus.c - the PCI bus backend (dd_bus.h): walk PCI through
 * 0xCF8/0xCFC, log every device and BAR, one region per assigned memory
 * BAR, the need with the hot-plug reserve, and the mapping lines.  The
 * hot-plug watch is dd_pci_watch.c.
 *
 * Manifest: devdisc console,ioport:0xcf8-0xcff,devmem:all,settle,bootinfo,
 * endpoint:spacebank,reboot,framealloc (the last three optional: without
 * them no space bank refresh, no store write, no reboot).
 */
#include "dd_bus.h"
#include "dd_log.h"
#include "dd_pci.h"
#include "dd_pci_cfg.h"
#include "pci_log.h"
#include "pci_need.h"
#include "kh_user.h"
#include "kh_objects.h"

#define PAGE 4096ull

/* The tables' seeds (dd_table.h): what each keeps when FrameAlloc
 * refuses; a machine of eight functions and BARs fits them. */
static struct pci_device seed_dev[8];
static struct pci_warning seed_warn[8];
static struct dd_region seed_region[2 * 8];

struct dd_pci dd_pci;

/* Bound at the first walk (not in an initialiser: dd_pci stays in .bss,
 * out of the program image). */
static void seed_tables(void)
{
	if (dd_pci.devices.base)
		return;
	dd_pci.devices = (struct dd_table)DD_TABLE_SEED(seed_dev);
	dd_pci.warnings = (struct dd_table)DD_TABLE_SEED(seed_warn);
	dd_pci.regions = (struct dd_table)DD_TABLE_SEED(seed_region);
}

static const char hex[] = "0123456789abcdef";

void dd_pci_bdf(char out[8], const struct pci_device *dev)
{
	out[0] = hex[dev->bus >> 4];
	out[1] = hex[dev->bus & 15];
	out[2] = ':';
	out[3] = hex[(dev->dev >> 4) & 1];
	out[4] = hex[dev->dev & 15];
	out[5] = '.';
	out[6] = (char)('0' + (dev->fn & 7));
	out[7] = '\0';
}

enum status dd_bus_caps(struct dd_state *d)
{
	(void)d;
	return kh_cap_find(KH_CAP_IOPORT, 0, &dd_pci.io);
}

static enum status walk_once(void)
{
	static const uint8_t bus0 = 0;
	struct pci_access acc;

	seed_tables();
	pci_walk_result_init(&dd_pci.walk, dd_pci.devices.base, dd_pci.devices.cap,
			     dd_pci.warnings.base, dd_pci.warnings.cap);
	dd_pci_access(&dd_pci.io, &acc);
	if (dd_pci.nroots == 0)
		return pci_walk_roots(&acc, &bus0, 1, &dd_pci.walk);
	return pci_walk_roots(&acc, dd_pci.roots, dd_pci.nroots, &dd_pci.walk);
}

static bool devices_short(const struct pci_walk_result *w)
{
	return w->dev_wanted > w->dev_cap;
}

static bool warnings_short(const struct pci_walk_result *w)
{
	return w->warn_dropped != 0;
}

/* The walk's tables that were too small, toward what it found (devices
 * with room for hot-plug); true if one grew. */
static bool grow_walk_tables(const struct pci_walk_result *w)
{
	uint32_t room = pci_hotplug_slots(w) * DD_PCI_ROOM_PER_SLOT;
	uint32_t warns = pci_walk_warn_wanted(w);
	bool grown = false;

	if (devices_short(w))
		grown |= dd_table_grow("devices", &dd_pci.devices, w->dev_wanted + room,
				       w->dev_wanted);
	if (warnings_short(w))
		grown |= dd_table_grow("warnings", &dd_pci.warnings, warns + PCI_WARN_RESERVED,
				       warns);
	return grown;
}

/* At most three walks: the second over tables of what the first found
 * (counting goes on past a full table), a third only if the machine
 * changed in between. */
enum status dd_pci_walk(void)
{
	const struct pci_walk_result *w = &dd_pci.walk;
	enum status st;

	for (unsigned walks = 0; walks < 3; walks++) {
		if ((st = walk_once()))
			return st;
		if ((!devices_short(w) && !warnings_short(w)) || !grow_walk_tables(w))
			break;
	}
	if (devices_short(w))
		dd_pci_limit("devices", w->dev_cap, w->dev_wanted);
	if (warnings_short(w))
		dd_pci_limit("warnings", w->warn_cap, pci_walk_warn_wanted(w));
	return STATUS_OK;
}

/* Once, at boot: the root buses besides bus 0 (QEMU's pxb-pcie expander
 * bridges) from a scan of the bus numbers no bridge claims; later walks
 * visit the same roots without scanning again.  Logs `roots` when there
 * is more than bus 0. */
static enum status find_roots(void)
{
	struct pci_access acc;
	uint32_t reads;
	unsigned n;
	enum status st;

	dd_pci_access(&dd_pci.io, &acc);
	if (dd_pci.walk.truncated & PCI_TRUNC_DEVICES)
		return STATUS_OK;   /* a full table: nothing more would fit */
	st = pci_walk_find_roots(&acc, &dd_pci.walk, dd_pci.roots, PCI_MAX_ROOTS, &n, &reads);
	if (st == STATUS_SHORT_BUFFER)
		dd_pci_limit("roots", PCI_MAX_ROOTS, PCI_MAX_ROOTS + 1);
	else if (st)
		return st;
	dd_pci.nroots = n;
	if (n < 2)
		return STATUS_OK;
	kh_printf("devdisc: roots count=%u first=%u last=%u reads=%u\n", n, dd_pci.roots[1],
		  dd_pci.roots[n - 1], reads);
	return dd_pci_walk();
}

/* A BAR smaller than a page is naturally aligned, so it never crosses
 * one: mapping its page covers it. */
static void region_add(struct dd_state *d, uint16_t devi, const struct pci_bar *b)
{
	if (d->nregion >= d->region_cap) {
		dd_pci.regions_dropped++;
		return;
	}
	d->region[d->nregion++] = (struct dd_region){
		.phys = b->addr & ~(PAGE - 1), .pages = (uint32_t)pci_region_frames(b->size),
		.dev = devi, .index = b->index, .pref = b->pref, .last = STATUS_OK };
}

/* Unassigned BARs (address 0: the firmware or pcihp_assign gave them no
 * room) and BARs of a device whose memory decode is off are left out:
 * there is nothing to map until someone assigns them (pci_bar_mappable). */
static uint32_t count_regions(const struct pci_walk_result *w)
{
	uint32_t n = 0;

	for (uint16_t i = 0; i < w->ndev; i++)
		for (uint8_t k = 0; k < w->dev[i].nbars; k++)
			n += pci_bar_mappable(&w->dev[i], &w->dev[i].bar[k]);
	return n;
}

/* The region table big enough for `want` entries and a copy of as many
 * (a refusal keeps it as it was: regions past it are dropped). */
static void regions_fit(struct dd_state *d, uint32_t want)
{
	seed_tables();
	if (2 * want > dd_pci.regions.cap)
		dd_table_grow("regions", &dd_pci.regions, 2 * want, want);
	d->region = dd_pci.regions.base;
	d->region_cap = dd_pci.regions.cap / 2;
}

const struct dd_region *dd_pci_collect(struct dd_state *d)
{
	const struct pci_walk_result *w = &dd_pci.walk;
	uint32_t want = count_regions(w);
	struct dd_region *copy;

	regions_fit(d, want > d->nregion ? want : d->nregion);
	copy = d->region + d->region_cap;
	for (uint32_t i = 0; i < d->nregion; i++)
		copy[i] = d->region[i];
	d->nregion = 0;
	dd_pci.regions_dropped = 0;
	for (uint16_t i = 0; i < w->ndev; i++) {
		const struct pci_device *dev = &w->dev[i];

		for (uint8_t k = 0; k < dev->nbars; k++)
			if (pci_bar_mappable(dev, &dev->bar[k]))
				region_add(d, i, &dev->bar[k]);
	}
	if (dd_pci.regions_dropped) {
		kh_printf("devdisc: warning dev=none what=too-many-regions detail=%u\n",
			  dd_pci.regions_dropped);
		dd_pci_limit("regions", d->region_cap, d->region_cap + dd_pci.regions_dropped);
	}
	return copy;
}

void dd_pci_limit(const char *what, uint32_t have, uint32_t need)
{
	kh_printf("devdisc: limit what=%s have=%u need=%u\n", what, have, need);
}

/* One console write per device (its found, bar and window lines). */
static void log_walk(const struct pci_walk_result *w)
{
	size_t len;

	for (uint16_t i = 0; i < w->ndev; i++)
		dd_emit(pci_format_device(&w->dev[i], dd_logbuf, sizeof dd_logbuf, &len), &len);
	for (uint16_t i = 0; i < w->nwarn; i++)
		dd_emit(pci_format_warning(&w->warn[i], dd_logbuf, sizeof dd_logbuf, &len), &len);
	if (w->warn_dropped)
		kh_printf("devdisc: warning dev=none what=truncated-warnings detail=%u\n",
			  w->warn_dropped);
}

enum status dd_bus_discover(struct dd_state *d)
{
	const struct pci_walk_result *w = &dd_pci.walk;
	enum status st;

	if ((st = dd_pci_walk()) || (st = find_roots()))
		return st;
	log_walk(w);
	kh_printf("devdisc: walked devices=%u buses=%u warnings=%u accesses=%u\n",
		  w->ndev, w->nbuses, w->nwarn, w->accesses);
	dd_pci_collect(d);
	return STATUS_OK;
}

enum status dd_bus_measure(const struct dd_state *d, uint32_t *need, uint64_t *fingerprint)
{
	enum status st;

	(void)d;
	if ((st = pci_need(&dd_pci.walk, DD_PCI_HOTPLUG_RESERVE_FRAMES, need)))
		return st;
	*fingerprint = pci_fingerprint(&dd_pci.walk);
	return STATUS_OK;
}

/* Hot-plug-capable slots with nothing behind them, each worth the
 * reserve. */
uint32_t dd_bus_reserve(const struct dd_state *d)
{
	const struct pci_walk_result *w = &dd_pci.walk;
	uint32_t n = 0;

	(void)d;
	for (uint16_t i = 0; i < w->ndev; i++) {
		bool occupied = false;

		if (!w->dev[i].slot.hotplug)
			continue;
		for (uint16_t j = 0; j < w->ndev; j++)
			occupied |= j != i && w->dev[j].parent == i;
		n += !occupied;
	}
	return n * DD_PCI_HOTPLUG_RESERVE_FRAMES;
}

/* bus << 8 | dev << 3 | fn, as the retune log's trigger field. */
uint32_t dd_bus_trigger(const struct dd_state *d, uint16_t dev)
{
	const struct pci_device *p = &dd_pci.walk.dev[dev];

	(void)d;
	return (uint32_t)p->bus << 8 | (uint32_t)p->dev << 3 | p->fn;
}

void dd_bus_log_unmapped(const struct dd_state *d, const struct dd_region *r)
{
	char bdf[8];

	(void)d;
	dd_pci_bdf(bdf, &dd_pci.walk.dev[r->dev]);
	kh_printf("devdisc: unmapped dev=%s index=%u frames=%u missing=%u status=%s\n",
		  bdf, r->index, r->pages, r->missing, status_name(r->last));
}
