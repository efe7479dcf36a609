/*
 * dd_va_x86_64.c - user addresses for device mappings on a paged
 * machine (dd_va.h), below the FrameAlloc window.
 *
 * Regions under 2 MiB are packed page after page (they share page
 * tables, of which a process has 16); bigger ones keep the physical
 * address's offset inside a 2 MiB page, so they get large device pages
 * (docs/capabilities.md) and need no page table of their own.
 */
#include "dd_va.h"

#define PAGE         4096ull
#define VA_BASE      0x0000040000000000ull   /* small regions: 4 TiB up */
#define VA_LARGE     0x0000080000000000ull   /* 2 MiB and more: 8 TiB up */
#define VA_TOP       KH_FRAME_VA_BASE
#define LARGE_PAGE   0x200000ull              /* 2 MiB device pages */

void dd_va_init(struct dd_state *d)
{
	d->va_next = VA_BASE;
	d->va_large_next = VA_LARGE;
}

/* A mapping of `pages` that shares the small regions' page tables. */
static bool dd_va_small(uint32_t pages)
{
	return pages * PAGE < LARGE_PAGE;
}

static uint64_t *cursor(struct dd_state *d, const struct dd_region *r)
{
	return dd_va_small(r->pages) ? &d->va_next : &d->va_large_next;
}

bool dd_va_place(struct dd_state *d, const struct dd_region *r, uint64_t *va)
{
	uint64_t at = *cursor(d, r);
	uint64_t top = dd_va_small(r->pages) ? VA_LARGE : VA_TOP;

	if (dd_va_small(r->pages))
		*va = at;
	else
		*va = ((at + LARGE_PAGE - 1) & ~(LARGE_PAGE - 1)) + (r->phys & (LARGE_PAGE - 1));
	return *va + (uint64_t)r->pages * PAGE <= top;
}

void dd_va_taken(struct dd_state *d, const struct dd_region *r)
{
	*cursor(d, r) = r->va + (uint64_t)r->pages * PAGE;
}

/* The address space a mapping used is handed back when it was the last
 * one taken, so that add/remove cycles reuse it (page tables are few). */
void dd_va_returned(struct dd_state *d, const struct dd_region *r)
{
	uint64_t *at = cursor(d, r);

	if (r->va + (uint64_t)r->pages * PAGE == *at)
		*at = r->va;
}
