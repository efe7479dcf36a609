/*
 * cf_map.c - devdisc (ColdFire): every region of every device the FDT
 * walk found, mapped through DevMem.  Without an MMU the user address of
 * a device page is its physical address (kernel/devmem.c), so the map
 * call passes vaddr == phys; the kernel still checks the grant and takes
 * one StructPage record from the pool per frame.
 */
#include "cf_devdisc.h"
#include "kh_user.h"
#include "kh_objects.h"

#define PAGE 4096u

/* A region as whole pages: the base rounded down, the end up. */
static bool region_add(struct cf_devdisc *d, uint16_t devi, const struct fdtw_region *r)
{
	uint64_t first = r->base & ~(uint64_t)(PAGE - 1);
	uint64_t end = r->base + r->size;

	if (d->nregion == CF_REGIONS_MAX || end > 0x100000000ull || end <= r->base)
		return false;
	d->region[d->nregion++] = (struct cf_region){
		.phys = (uint32_t)first,
		.pages = (uint32_t)((end - first + PAGE - 1) / PAGE),
		.dev = devi,
	};
	return true;
}

void cf_regions_collect(struct cf_devdisc *d)
{
	d->nregion = 0;
	for (uint16_t i = 0; i < d->walk.ndev; i++) {
		const struct fdtw_device *dev = &d->walk.dev[i];

		for (uint8_t j = 0; j < dev->nregions; j++)
			if (!region_add(d, i, &dev->region[j]))
				kh_printf("devdisc: warning node=%s what=unmappable detail=%u\n",
					  dev->path, j);
	}
}

static enum status region_map(struct cf_devdisc *d, struct cf_region *r)
{
	uint64_t missing = 0;
	enum status st = kh_devmem_map(d->devmem, r->phys, r->pages, r->phys, 0, &missing);

	r->last = st;
	r->missing = st == STATUS_POOL_EXHAUSTED ? (uint32_t)missing : 0;
	r->mapped = st == STATUS_OK;
	return st;
}

/* Maps the device's unmapped regions; true if all of them are mapped. */
static bool map_device(struct cf_devdisc *d, uint16_t devi, uint32_t *frames)
{
	bool all = true;

	*frames = 0;
	for (uint32_t i = 0; i < d->nregion; i++) {
		struct cf_region *r = &d->region[i];

		if (r->dev != devi)
			continue;
		if (!r->mapped && region_map(d, r)) {
			kh_printf("devdisc: unmapped node=%s addr=0x%x pages=%u missing=%u status=%s\n",
				  d->walk.dev[devi].path, r->phys, r->pages, r->missing,
				  status_name(r->last));
			all = false;
			continue;
		}
		*frames += r->pages;
	}
	return all;
}

/* One `mapped` line per device whose regions are now all mapped. */
void cf_map_pending(struct cf_devdisc *d)
{
	for (uint16_t i = 0; i < d->walk.ndev; i++) {
		uint32_t frames;
		bool was_mapped = true;

		for (uint32_t j = 0; j < d->nregion; j++)
			was_mapped &= d->region[j].dev != i || d->region[j].mapped;
		if (was_mapped)
			continue;
		if (map_device(d, i, &frames))
			kh_printf("devdisc: mapped node=%s frames=%u\n", d->walk.dev[i].path, frames);
	}
}

static uint32_t frames_where(const struct cf_devdisc *d, bool mapped)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < d->nregion; i++)
		if (d->region[i].mapped == mapped)
			n += d->region[i].pages;
	return n;
}

uint32_t cf_frames_mapped(const struct cf_devdisc *d)
{
	return frames_where(d, true);
}

uint32_t cf_frames_unmapped(const struct cf_devdisc *d)
{
	return frames_where(d, false);
}
