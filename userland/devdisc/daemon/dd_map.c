/*
 * dd_map.c - every region of the table through DevMem, one hold (or, for
 * the few registers devdisc drives itself, one mapping) per region, each
 * taking one pool record per 4 KiB frame.  A region a driver gets is
 * published from devdisc's hold (dd_pci_drivers.c).  Prefetchable regions'
 * records are write-combining, the others uncached.
 *
 * A region the pool cannot serve stays unmapped with its shortfall
 * noted; whether the kept headroom may cover it is the policy's call
 * (dd_policy.c), after which dd_map_pending() tries again.
 */
#include "dd_map.h"
#include "dd_bus.h"
#include "dd_va.h"
#include "kh_user.h"
#include "kh_objects.h"

#define PAGE 4096ull

/* A region devdisc touches (dd_bus_touches) is mapped at an address of
 * dd_va.h; every other one is held: its records taken, no page, so
 * devdisc's page tables do not limit how much device memory it accounts
 * for. */
static enum status region_map(struct dd_state *d, struct dd_region *r)
{
	uint64_t va = 0, missing = 0;
	unsigned flags = r->pref ? KH_MAP_WC : 0;
	bool touch = dd_bus_touches(d, r);
	enum status st;

	if (touch && !dd_va_place(d, r, &va))
		return r->last = STATUS_NO_MEMORY;
	st = touch ? kh_devmem_map(d->devmem, r->phys, r->pages, va, flags, &missing)
		   : kh_devmem_hold(d->devmem, r->phys, r->pages, flags, &missing);
	r->last = st;
	r->missing = st == STATUS_POOL_EXHAUSTED ? (uint32_t)missing : 0;
	if (st)
		return st;
	r->va = va;
	r->mapped = true;
	if (touch)
		dd_va_taken(d, r);
	return STATUS_OK;
}

/* Maps the device's unmapped regions; true if it had any and all are now
 * mapped.  *frames = the device's frames. */
static bool map_device(struct dd_state *d, uint16_t dev, uint32_t *frames)
{
	bool tried = false, all = true;

	*frames = 0;
	for (uint32_t i = 0; i < d->nregion; i++) {
		struct dd_region *r = &d->region[i];

		if (r->dev != dev)
			continue;
		*frames += r->pages;
		if (r->mapped)
			continue;
		tried = true;
		if (region_map(d, r)) {
			all = false;
			dd_bus_log_unmapped(d, r);
		}
	}
	return tried && all;
}

/* The backend fills the table device by device, so a device's regions
 * are adjacent and devices come in the backend's order. */
void dd_map_pending(struct dd_state *d)
{
	for (uint32_t i = 0; i < d->nregion; i++) {
		uint16_t dev = d->region[i].dev;
		uint32_t frames;

		if (i > 0 && d->region[i - 1].dev == dev)
			continue;
		if (map_device(d, dev, &frames))
			dd_bus_log_mapped(d, dev, frames);
	}
}

static uint32_t frames_where(const struct dd_state *d, bool mapped)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < d->nregion; i++)
		if (d->region[i].mapped == mapped)
			n += d->region[i].pages;
	return n;
}

uint32_t dd_frames_mapped(const struct dd_state *d)
{
	return frames_where(d, true);
}

uint32_t dd_frames_unmapped(const struct dd_state *d)
{
	return frames_where(d, false);
}

/* A published region's frames are rescinded (every mapping of them,
 * devdisc's and its driver's, goes); the master slot goes with them. */
static enum status region_rescind(struct dd_region *r)
{
	enum status st = kh_devmem_rescind(r->master - 1, 0, 0);

	kh_cap_delete(r->master - 1);
	r->master = 0;
	return st;
}

static enum status region_unmap(struct dd_state *d, struct dd_region *r)
{
	enum status st = r->master ? region_rescind(r)
		       : r->va ? kh_devmem_unmap(d->devmem, r->va)
		       : kh_devmem_release(d->devmem, r->phys);

	if (st)
		return st;
	if (r->va)
		dd_va_returned(d, r);
	r->mapped = false;
	r->va = 0;
	return STATUS_OK;
}

/* Last region first: the reverse of mapping order, so every address
 * range returns to its cursor. */
enum status dd_unmap_device(struct dd_state *d, uint16_t dev, uint32_t *frames)
{
	enum status first = STATUS_OK;

	*frames = 0;
	for (uint32_t i = d->nregion; i-- > 0;) {
		struct dd_region *r = &d->region[i];
		enum status st;

		if (r->dev != dev || !r->mapped)
			continue;
		if ((st = region_unmap(d, r))) {
			first = first ? first : st;
			continue;
		}
		*frames += r->pages;
	}
	return first;
}

/* A region of the new table that an old mapping still serves. */
static struct dd_region *region_match(struct dd_state *d, const struct dd_region *old)
{
	for (uint32_t i = 0; i < d->nregion; i++) {
		struct dd_region *r = &d->region[i];

		if (!r->mapped && r->phys == old->phys && r->pages == old->pages)
			return r;
	}
	return NULL;
}

/* A mapping whose region vanished from the walk (surprise removal) goes,
 * so its records return to the pool. */
static void carry_mapping(struct dd_state *d, const struct dd_region *old)
{
	struct dd_region *r = region_match(d, old);

	if (r) {
		r->va = old->va;
		r->mapped = true;
		r->master = old->master;
		return;
	}
	struct dd_region gone = *old;

	kh_printf("devdisc: warning dev=none what=stale-mapping detail=%u status=%s\n",
		  old->pages, status_name(region_unmap(d, &gone)));
}

void dd_regions_keep(struct dd_state *d, const struct dd_region *old, uint32_t nold)
{
	for (uint32_t i = 0; i < nold; i++)
		if (old[i].mapped)
			carry_mapping(d, &old[i]);
}
