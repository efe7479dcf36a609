/*
 * dd_fdt_bus.c - the flattened-device-tree bus backend (dd_bus.h), for
 * ColdFire (QEMU mcf5208evb): walk the DTB the loader carried in the ROM
 * image, log every node and region, one region per page-aligned span of
 * a node's reg entry, the need with no hot-plug reserve (the board has no
 * hot-plug bus), and nothing to watch.
 *
 * The DTB: BootInfo says where it is (dtb_phys, dtb_size).  It lies in
 * the boot ROM, and without an MMU every program can read any address, so
 * the BootInfo capability is what grants devdisc the knowledge of where
 * to read; nothing is mapped for it (a DevMem mapping would take pool
 * records the devices need).  docs/coldfire.md.
 *
 * Manifest: devdisc console,devmem:all,settle,bootinfo[,endpoint:spacebank]
 * [,framealloc] (the tables' frames, dd_table.h).
 */
#include "dd_bus.h"
#include "dd_log.h"
#include "dd_table.h"
#include "fdtw_grow.h"
#include "fdtw_log.h"
#include "fdtw_need.h"
#include "kh_user.h"
#include "kh_objects.h"

#define PAGE 4096u
/*
 * The seeds of the walk's tables (fdtw_walk.h: the caller's) and of the
 * region table (dd.h), dd_table.h: 8 devices with 32 regions between
 * them, 16 mappings (about 2.3 KiB of the program's data; the stock
 * boards have 4 or 5 devices of one region each), as small as x86_64's
 * PCI seeds.  Room for 4 regions a device and mappings for 2: a board
 * past the seeds without FrameAlloc (mcf5208evb-huge.dts) so fills the
 * device table first and then reaches every table's limit (the
 * fallback's test, case huge-noframes).  The
 * walk counts past a full table, so a DTB that holds more moves the table
 * to FrameAlloc frames of exactly what it counted (a `table` line) and is
 * walked again (fdtw_grow.h); a table FrameAlloc cannot grow (no grant,
 * its limit, the window full) keeps its seed and says so in one
 * `devdisc: limit` line; need and fingerprint then cover what was kept.
 */
static struct fdtw_device seed_dev[8];
static struct fdtw_region seed_reg[32];
static struct dd_region seed_map[16];
static struct dd_table devs, regs, maps;
static struct fdtw_result walk;

/* Bound at the first walk (not in an initialiser: the tables stay in
 * .bss, out of the program image). */
static void seed_tables(void)
{
	if (devs.base)
		return;
	devs = (struct dd_table)DD_TABLE_SEED(seed_dev);
	regs = (struct dd_table)DD_TABLE_SEED(seed_reg);
	maps = (struct dd_table)DD_TABLE_SEED(seed_map);
}

enum status dd_bus_caps(struct dd_state *d)
{
	(void)d;
	return STATUS_OK;
}

static void limit(const char *what, uint32_t have, uint32_t need)
{
	kh_printf("devdisc: limit what=%s have=%u need=%u\n", what, have, need);
}

/* The walk's tables toward what it counted (fdtw_grow.h), through
 * FrameAlloc frames. */
static bool grow_walk_table(void *ctx, enum fdtw_table which, uint32_t want, void **base,
			    uint32_t *cap)
{
	bool devices = which == FDTW_TABLE_DEVICES;
	struct dd_table *t = devices ? &devs : &regs;

	(void)ctx;
	if (!dd_table_grow(devices ? "fdt-devices" : "fdt-regions", t, want, want))
		return false;
	*base = t->base;
	*cap = t->cap;
	return true;
}

static enum status walk_sized(const struct dd_state *d)
{
	static const struct fdtw_grower grower = { grow_walk_table, NULL };

	seed_tables();
	fdtw_result_init(&walk, devs.base, devs.cap, regs.base, regs.cap);
	return fdtw_walk_grown((const void *)(uintptr_t)d->facts.dtb_phys,
			       (size_t)d->facts.dtb_size, &walk, &grower, NULL);
}

static void log_walk(const struct dd_state *d)
{
	size_t len = 0;

	for (uint16_t i = 0; i < walk.ndev; i++)
		dd_emit(fdtw_format_device(&walk.dev[i], dd_logbuf, sizeof dd_logbuf, &len), &len);
	for (uint16_t i = 0; i < walk.nwarn; i++)
		dd_emit(fdtw_format_warning(&walk.warn[i], dd_logbuf, sizeof dd_logbuf, &len), &len);
	kh_printf("devdisc: walked nodes=%u devices=%u disabled=%u warnings=%u dtb=0x%lx size=%lu\n",
		  (unsigned)walk.nnodes, walk.ndev, walk.ndisabled, walk.nwarn,
		  (unsigned long)d->facts.dtb_phys, (unsigned long)d->facts.dtb_size);
	if (fdtw_devices_short(&walk))
		limit("fdt-devices", walk.dev_cap, walk.dev_wanted);
	if (fdtw_regions_short(&walk))
		limit("fdt-regions", walk.region_cap, walk.regions_wanted);
}

/* A region as whole pages: the base rounded down, the end up; false if
 * it ends beyond 4 GiB (no address for it here). */
static bool region_add(struct dd_state *d, uint16_t devi, uint8_t index,
		       const struct fdtw_region *r)
{
	uint64_t first = r->base & ~(uint64_t)(PAGE - 1);
	uint64_t end = r->base + r->size;

	if (end > 0x100000000ull || end <= r->base)
		return false;
	d->region[d->nregion++] = (struct dd_region){
		.phys = first, .pages = (uint32_t)((end - first + PAGE - 1) / PAGE),
		.dev = devi, .index = index, .last = STATUS_OK };
	return true;
}

/* The region table sized from the walk's regions before it is filled;
 * regions past a table that could not grow are not mapped. */
static void collect(struct dd_state *d)
{
	uint32_t dropped = 0;

	dd_table_grow("regions", &maps, walk.nregions_used, walk.nregions_used);
	d->region = maps.base;
	d->region_cap = maps.cap;
	d->nregion = 0;
	for (uint16_t i = 0; i < walk.ndev; i++) {
		const struct fdtw_device *dev = &walk.dev[i];

		for (uint16_t j = 0; j < dev->nregions; j++)
			if (d->nregion == d->region_cap)
				dropped++;
			else if (!region_add(d, i, (uint8_t)j, &dev->region[j]))
				kh_printf("devdisc: warning node=%s what=unmappable detail=%u\n",
					  dev->path, j);
	}
	if (dropped)
		limit("regions", d->region_cap, d->region_cap + dropped);
}

enum status dd_bus_discover(struct dd_state *d)
{
	enum status st;

	if (d->facts.dtb_phys == 0 || d->facts.dtb_size == 0)
		return STATUS_NOT_FOUND;
	if ((st = walk_sized(d)))
		return st;
	log_walk(d);
	collect(d);
	return STATUS_OK;
}

enum status dd_bus_measure(const struct dd_state *d, uint32_t *need, uint64_t *fingerprint)
{
	enum status st;

	(void)d;
	if ((st = fdtw_need(&walk, need)))
		return st;
	*fingerprint = fdtw_fingerprint(&walk);
	return STATUS_OK;
}

/* No hot-plug bus on this board: nothing to keep in reserve. */
uint32_t dd_bus_reserve(const struct dd_state *d)
{
	(void)d;
	return 0;
}

/* No store writer on this target either (dd_store_none.c): no record. */
uint32_t dd_bus_trigger(const struct dd_state *d, uint16_t dev)
{
	(void)d;
	(void)dev;
	return BOOTCFG_TRIGGER_NONE;
}

/* devdisc drives nothing on a device-tree board: every region is held. */
bool dd_bus_touches(const struct dd_state *d, const struct dd_region *r)
{
	(void)d, (void)r;
	return false;
}

void dd_bus_log_mapped(const struct dd_state *d, uint16_t dev, uint32_t frames)
{
	(void)d;
	kh_printf("devdisc: mapped node=%s frames=%u\n", walk.dev[dev].path, frames);
}

void dd_bus_log_unmapped(const struct dd_state *d, const struct dd_region *r)
{
	(void)d;
	kh_printf("devdisc: unmapped node=%s addr=0x%x pages=%u missing=%u status=%s\n",
		  walk.dev[r->dev].path, (unsigned)r->phys, r->pages, r->missing,
		  status_name(r->last));
}

/* Nothing changes on this board after boot: devdisc exits. */
/* Nothing can be removed from a device tree while the machine runs. */
void dd_bus_quiesce(struct dd_state *d)
{
	(void)d;
}

void dd_bus_watch(struct dd_state *d)
{
	(void)d;
	kh_printf("devdisc: done\n");
}
