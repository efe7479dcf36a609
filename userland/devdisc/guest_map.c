/*
 * guest_map.c - every memory BAR mapped through DevMem, one mapping per
 * BAR, each taking one pool record per 4 KiB frame.  Prefetchable BARs
 * are mapped write-combining, the others uncached.
 *
 * A BAR the pool cannot serve stays unmapped with its shortfall noted;
 * whether the kept headroom may cover it is the policy's call
 * (retune_act.c), after which dd_map_pending() tries again.
 */
#include "guest.h"
#include "devdisc.h"
#include "kh_user.h"
#include "kh_objects.h"

#define PAGE 4096ull

static bool is_memory_bar(const struct pci_bar *b)
{
	return b->kind == PCI_BAR_MEM32 || b->kind == PCI_BAR_MEM64;
}

/* A BAR smaller than a page is naturally aligned, so it never crosses
 * one: mapping its page covers it. */
static void region_add(struct devdisc *d, uint16_t devi, const struct pci_bar *b)
{
	struct dd_region *r;

	if (d->nregion == DEVDISC_REGIONS_MAX) {
		d->regions_dropped++;
		return;
	}
	r = &d->region[d->nregion++];
	*r = (struct dd_region){ .phys = b->addr & ~(PAGE - 1),
				 .pages = (uint32_t)devdisc_region_frames(b->size),
				 .dev = devi, .bar = b->index, .pref = b->pref,
				 .last = STATUS_OK };
}

/* Unassigned BARs (address 0: the firmware gave them no room) are left
 * out: there is nothing to map until someone assigns them. */
void dd_regions_collect(struct devdisc *d)
{
	d->nregion = 0;
	d->regions_dropped = 0;
	for (uint16_t i = 0; i < d->walk.ndev; i++) {
		const struct pci_device *dev = &d->walk.dev[i];

		for (uint8_t k = 0; k < dev->nbars; k++)
			if (is_memory_bar(&dev->bar[k]) && dev->bar[k].addr)
				region_add(d, i, &dev->bar[k]);
	}
	if (d->regions_dropped)
		kh_printf("devdisc: warning dev=none what=too-many-regions detail=%u\n",
			  d->regions_dropped);
}

/* Regions under 2 MiB are packed page after page (they share page
 * tables, of which a process has 16); bigger ones keep the physical
 * address's offset inside a 2 MiB page, so they get large device pages
 * (docs/capabilities.md) and need no page table of their own. */
static uint64_t *va_cursor(struct devdisc *d, const struct dd_region *r)
{
	return r->pages * PAGE < DEVDISC_LARGE ? &d->va_next : &d->va_large_next;
}

static uint64_t va_for(struct devdisc *d, const struct dd_region *r)
{
	uint64_t at = *va_cursor(d, r), va;

	if (r->pages * PAGE < DEVDISC_LARGE)
		return at;
	va = (at + DEVDISC_LARGE - 1) & ~(DEVDISC_LARGE - 1);
	return va + (r->phys & (DEVDISC_LARGE - 1));
}

static enum status region_map(struct devdisc *d, struct dd_region *r)
{
	uint64_t va = va_for(d, r), missing = 0;
	uint64_t top = va_cursor(d, r) == &d->va_next ? DEVDISC_VA_LARGE : DEVDISC_VA_TOP;
	enum status st;

	if (va + (uint64_t)r->pages * PAGE > top)
		return r->last = STATUS_NO_MEMORY;
	st = kh_devmem_map(d->devmem, r->phys, r->pages, va,
			   r->pref ? KH_MAP_WC : 0, &missing);
	r->last = st;
	r->missing = st == STATUS_POOL_EXHAUSTED ? (uint32_t)missing : 0;
	if (st)
		return st;
	r->va = va;
	r->mapped = true;
	*va_cursor(d, r) = va + (uint64_t)r->pages * PAGE;
	return STATUS_OK;
}

static void log_unmapped(const struct devdisc *d, const struct dd_region *r)
{
	char bdf[8];

	dd_log_bdf(bdf, &d->walk.dev[r->dev]);
	kh_printf("devdisc: unmapped dev=%s index=%u frames=%u missing=%u status=%s\n",
		  bdf, r->bar, r->pages, r->missing, status_name(r->last));
}

/* Maps the device's unmapped regions; true if it had any and all are now
 * mapped.  *frames = the device's frames. */
static bool map_device(struct devdisc *d, uint16_t devi, uint32_t *frames)
{
	bool tried = false, all = true;

	*frames = 0;
	for (uint32_t i = 0; i < d->nregion; i++) {
		struct dd_region *r = &d->region[i];

		if (r->dev != devi)
			continue;
		*frames += r->pages;
		if (r->mapped)
			continue;
		tried = true;
		if (region_map(d, r)) {
			all = false;
			log_unmapped(d, r);
		}
	}
	return tried && all;
}

void dd_map_pending(struct devdisc *d)
{
	for (uint16_t i = 0; i < d->walk.ndev; i++) {
		uint32_t frames;
		char bdf[8];

		if (!map_device(d, i, &frames))
			continue;
		dd_log_bdf(bdf, &d->walk.dev[i]);
		kh_printf("devdisc: mapped dev=%s frames=%u\n", bdf, frames);
	}
}

static uint32_t frames_where(const struct devdisc *d, bool mapped)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < d->nregion; i++)
		if (d->region[i].mapped == mapped)
			n += d->region[i].pages;
	return n;
}

uint32_t dd_frames_mapped(const struct devdisc *d)
{
	return frames_where(d, true);
}

uint32_t dd_frames_unmapped(const struct devdisc *d)
{
	return frames_where(d, false);
}

/* The address space a mapping used is handed back when it was the last
 * one taken, so that add/remove cycles reuse it (page tables are few). */
static enum status region_unmap(struct devdisc *d, struct dd_region *r)
{
	uint64_t *cursor = va_cursor(d, r);
	enum status st = kh_devmem_unmap(d->devmem, r->va);

	if (st)
		return st;
	if (r->va + (uint64_t)r->pages * PAGE == *cursor)
		*cursor = r->va;
	r->mapped = false;
	r->va = 0;
	return STATUS_OK;
}

/* Last region first: the reverse of mapping order, so every address
 * range returns to its cursor. */
enum status dd_unmap_device(struct devdisc *d, uint16_t devi, uint32_t *frames)
{
	enum status first = STATUS_OK;

	*frames = 0;
	for (uint32_t i = d->nregion; i-- > 0;) {
		struct dd_region *r = &d->region[i];
		enum status st;

		if (r->dev != devi || !r->mapped)
			continue;
		if ((st = region_unmap(d, r))) {
			first = first ? first : st;
			continue;
		}
		*frames += r->pages;
	}
	return first;
}

static struct dd_region old_region[DEVDISC_REGIONS_MAX];

/* A region of the new table that an old mapping still serves. */
static struct dd_region *region_match(struct devdisc *d, const struct dd_region *old)
{
	for (uint32_t i = 0; i < d->nregion; i++) {
		struct dd_region *r = &d->region[i];

		if (!r->mapped && r->phys == old->phys && r->pages == old->pages)
			return r;
	}
	return NULL;
}

/* A mapping whose BAR vanished from the walk (surprise removal) goes, so
 * its records return to the pool. */
static void carry_mapping(struct devdisc *d, const struct dd_region *old)
{
	struct dd_region *r = region_match(d, old);

	if (r) {
		r->va = old->va;
		r->mapped = true;
		return;
	}
	struct dd_region gone = *old;

	kh_printf("devdisc: warning dev=none what=stale-mapping detail=%u status=%s\n",
		  old->pages, status_name(region_unmap(d, &gone)));
}

void dd_regions_refresh(struct devdisc *d)
{
	uint32_t nold = d->nregion;

	for (uint32_t i = 0; i < nold; i++)
		old_region[i] = d->region[i];
	dd_regions_collect(d);
	for (uint32_t i = 0; i < nold; i++)
		if (old_region[i].mapped)
			carry_mapping(d, &old_region[i]);
}

/* A mapping outside the region table, uncached, packed with the small
 * BARs so that it shares their page tables (the store writer's disk
 * registers: devdisc's own map of a prefetchable BAR is write-combining,
 * wrong for registers).  0 if it cannot be made. */
uintptr_t dd_map_extra(struct devdisc *d, uint64_t phys, uint64_t len)
{
	uint64_t in_page = phys & (PAGE - 1);
	struct dd_region r = { .phys = phys - in_page,
			       .pages = (uint32_t)((in_page + len + PAGE - 1) / PAGE) };

	if (len == 0 || r.pages * PAGE >= DEVDISC_LARGE || region_map(d, &r))
		return 0;
	return (uintptr_t)(r.va + in_page);
}

void dd_unmap_extra(struct devdisc *d, uintptr_t va, uint64_t len)
{
	uint64_t in_page = va & (PAGE - 1);
	struct dd_region r = { .va = va - in_page, .mapped = true,
			       .pages = (uint32_t)((in_page + len + PAGE - 1) / PAGE) };

	region_unmap(d, &r);
}
