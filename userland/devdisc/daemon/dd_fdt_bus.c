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
 */
#include "dd_bus.h"
#include "dd_log.h"
#include "fdtw_log.h"
#include "fdtw_need.h"
#include "kh_user.h"
#include "kh_objects.h"

#define PAGE 4096u
/* The walk's tables (fdtw_walk.h: the caller's): 256 devices with 1024
 * regions between them, ~55 KiB of the program's data.  A DTB that holds
 * more says so in one `devdisc: limit` line per table; need and
 * fingerprint then cover what was kept. */
#define DD_FDT_DEVICES 256u
#define DD_FDT_REGIONS 1024u
/* The region table (dd.h): 256 mappings, ~10 KiB of the image; more: a
 * `limit what=regions` line, the rest not mapped. */
#define DD_FDT_MAPS    256u

FDTW_RESULT(walk, DD_FDT_DEVICES, DD_FDT_REGIONS);   /* large: not on the stack */
static struct dd_region maps[DD_FDT_MAPS];

enum status dd_bus_caps(struct dd_state *d)
{
	(void)d;
	return STATUS_OK;
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
	if (walk.dev_wanted > walk.ndev)
		kh_printf("devdisc: limit what=fdt-devices have=%u need=%u\n",
			  (unsigned)walk.dev_cap, (unsigned)walk.dev_wanted);
	if (walk.regions_wanted > walk.nregions_used)
		kh_printf("devdisc: limit what=fdt-regions have=%u need=%u\n",
			  (unsigned)walk.region_cap, (unsigned)walk.regions_wanted);
}

/* A region as whole pages: the base rounded down, the end up. */
static bool region_add(struct dd_state *d, uint16_t devi, uint8_t index,
		       const struct fdtw_region *r)
{
	uint64_t first = r->base & ~(uint64_t)(PAGE - 1);
	uint64_t end = r->base + r->size;

	if (d->nregion == d->region_cap || end > 0x100000000ull || end <= r->base)
		return false;
	d->region[d->nregion++] = (struct dd_region){
		.phys = first, .pages = (uint32_t)((end - first + PAGE - 1) / PAGE),
		.dev = devi, .index = index, .last = STATUS_OK };
	return true;
}

static void collect(struct dd_state *d)
{
	d->region = maps;
	d->region_cap = DD_FDT_MAPS;
	d->nregion = 0;
	for (uint16_t i = 0; i < walk.ndev; i++) {
		const struct fdtw_device *dev = &walk.dev[i];

		for (uint16_t j = 0; j < dev->nregions; j++)
			if (!region_add(d, i, (uint8_t)j, &dev->region[j]))
				kh_printf("devdisc: warning node=%s what=unmappable detail=%u\n",
					  dev->path, j);
	}
}

enum status dd_bus_discover(struct dd_state *d)
{
	enum status st;

	if (d->facts.dtb_phys == 0 || d->facts.dtb_size == 0)
		return STATUS_NOT_FOUND;
	st = fdtw_walk((const void *)(uintptr_t)d->facts.dtb_phys, (size_t)d->facts.dtb_size,
		       &walk);
	if (st)
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
