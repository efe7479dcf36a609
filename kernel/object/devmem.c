/*
 * object/devmem.c - DevMem capabilities: mapping device memory through the
 * device StructPage pool.
 *
 * A mapping takes one pool record per 4 KiB frame (pool_alloc_run, all or
 * nothing) and installs uncached user pages (write-combining on request,
 * for prefetchable BARs).  Everything is validated first: a request the
 * pool cannot serve returns POOL_EXHAUSTED with the missing record count
 * in the first reply register and changes nothing.  The pool never grows
 * by itself: drawing on the kept headroom is devdisc's decision, through
 * the Settle capability's KH_OP_POOL_GROW (see docs/capabilities.md).
 *
 * No table caps the number of mappings: a mapping is its pool run, known
 * by the run's head record.  One word per pool record (the heap plan's
 * DEVMAPS part, N + H words carved at boot) holds, for a head, the
 * mapping's user page and the next mapping of the same process; the
 * process holds its newest.  A process may hold as many mappings as the
 * pool has records, and the kernel heap stays what it was at boot.
 */
#include "object/devmem.h"
#include "bootrec.h"
#include "devpool.h"
#include "heap.h"
#include "klib.h"
#include "log.h"

#define PAGE HAL_PAGE_BYTES

/* maps[head]: bits 0..39 the user page, bits 40..63 the next mapping's
 * head + 1 (0 ends a process's list; process.devmap_first is the same). */
#define MAP_PAGE_BITS 40u
#define MAP_PAGE_MASK ((1ull << MAP_PAGE_BITS) - 1)

static uint64_t *maps;

void devmem_init(uint32_t records)
{
	maps = heap_alloc(HEAP_PART_DEVMAPS, (uint64_t)records * DEVMEM_RECORD_BYTES, 8);
}

static uint64_t map_va(uint32_t head)
{
	return (maps[head] & MAP_PAGE_MASK) * PAGE;
}

static uint32_t map_next(uint32_t head)
{
	return (uint32_t)(maps[head] >> MAP_PAGE_BITS);
}

static void map_set(uint32_t head, uint64_t va, uint32_t next)
{
	maps[head] = (va / PAGE) | (uint64_t)next << MAP_PAGE_BITS;
}

/* The mapping joins the front of p's list. */
static void map_link(struct process *p, uint32_t head, uint64_t va)
{
	map_set(head, va, p->devmap_first);
	p->devmap_first = head + 1;
}

/* head + 1 of p's mapping at va (0: none); *prev = the one before it in
 * the list (0: it is the first). */
static uint32_t map_find(const struct process *p, uint64_t va, uint32_t *prev)
{
	*prev = 0;
	for (uint32_t at = p->devmap_first; at; at = map_next(at - 1)) {
		if (map_va(at - 1) == va)
			return at;
		*prev = at;
	}
	return 0;
}

static void map_unlink(struct process *p, uint32_t prev, uint32_t at)
{
	uint32_t next = map_next(at - 1);

	if (prev)
		map_set(prev - 1, map_va(prev - 1), next);
	else
		p->devmap_first = next;
	maps[at - 1] = 0;
}

/* Pages of the run from `head`: its length (the pool chains a run). */
static uint32_t run_pages(uint32_t head)
{
	uint32_t n = 0;

	for (uint32_t i = head; i != STRUCTPAGE_LINK_NONE; n++)
		i = structpage_dev_link(pool_record(kernel_pool(), i));
	return n;
}

/* Does [base, base + bytes) touch usable RAM of the boot memory map? */
static bool overlaps_ram(uint64_t base, uint64_t bytes)
{
	const struct bootinfo *bi = kernel_bootinfo();

	for (uint32_t i = 0; i < bi->mmap_count; i++) {
		const struct bootinfo_mem *m = &bi->mmap[i];
		if (m->type == BOOTINFO_MEM_USABLE && base < m->base + m->length &&
		    m->base < base + bytes)
			return true;
	}
	return false;
}

/* Inside the capability's inclusive range [arg0, arg1]? */
static bool within_cap(const struct cap *c, uint64_t base, uint64_t bytes)
{
	return base >= c->arg0 && base + bytes - 1 <= c->arg1;
}

/* A fenced range (hal_devmem_fences) is reached only through a capability
 * that names exactly it; `devmem:all` means device BARs. */
static bool touches_fence(const struct cap *c, uint64_t base, uint64_t bytes)
{
	const struct hal_fence *f;
	unsigned n = hal_devmem_fences(&f);

	for (unsigned i = 0; i < n; i++)
		if (base <= f[i].last && f[i].base <= base + bytes - 1 &&
		    !(c->arg0 == f[i].base && c->arg1 == f[i].last))
			return true;
	return false;
}

static bool va_range_free(struct process *p, uint64_t va, uint32_t pages)
{
	uint64_t pa;

	for (uint32_t i = 0; i < pages; i++)
		if (!hal_as_lookup(&p->as, va + (uint64_t)i * PAGE, HAL_MAP_DEVICE, &pa))
			return false;
	return true;
}

static enum status check_map(const struct cap *c, uint64_t phys,
			     uint64_t pages, uint64_t va, uint64_t flags)
{
	if (!pages || pages > KH_DEVMEM_PAGES_MAX)
		return STATUS_OUT_OF_RANGE;
	if (phys % PAGE || va % PAGE)
		return STATUS_MISALIGNED;
	if (flags & ~(uint64_t)KH_MAP_WC)
		return STATUS_INVALID_ARGUMENT;
	uint64_t bytes = pages * PAGE;
	if (phys + bytes < phys || !within_cap(c, phys, bytes))
		return STATUS_OUT_OF_RANGE;
	if (overlaps_ram(phys, bytes))
		return STATUS_NO_PERMISSION;
	if (touches_fence(c, phys, bytes))
		return STATUS_FENCED;
	/* Without an MMU a program sees a device where it is: the only user
	 * address that can work is the physical one. */
	if (!HAL_HAS_MMU)
		return va == phys ? STATUS_OK : STATUS_INVALID_ARGUMENT;
	if (va < HAL_USER_BASE || va + bytes < va ||
	    va + bytes > HAL_USER_STACK_TOP - HAL_USER_STACK_PAGES * PAGE)
		return STATUS_OUT_OF_RANGE;
	return STATUS_OK;
}

/* The checks that walk the page tables, after the pool's answer so that a
 * request the pool cannot serve costs no walk. */
static enum status check_va(struct process *p, uint64_t va, uint64_t pages)
{
	return va_range_free(p, va, (uint32_t)pages) ? STATUS_OK : STATUS_OVERLAP;
}

static void unmap_pages(struct process *p, uint64_t va, uint32_t pages)
{
	uint64_t pa;

	for (uint32_t i = 0; i < pages; i++)
		hal_as_unmap(&p->as, va + (uint64_t)i * PAGE, &pa);
}

#define LARGE_PAGES (uint32_t)(HAL_LARGE_PAGE_BYTES / PAGE)

/* One 2 MiB page where va and phys both allow it and the rest of the
 * range covers it, else one 4 KiB page; *step is how many pages. */
static enum status map_step(struct process *p, uint64_t phys, uint64_t va, uint32_t left,
			    unsigned flags, uint32_t *step)
{
	if (left >= LARGE_PAGES && !(va % HAL_LARGE_PAGE_BYTES) &&
	    !(phys % HAL_LARGE_PAGE_BYTES)) {
		*step = LARGE_PAGES;
		enum status st = hal_as_map_large(&p->as, va, phys, flags);
		if (st != STATUS_NOT_SUPPORTED)
			return st;
	}
	*step = 1;
	return hal_as_map(&p->as, va, phys, flags);
}

/* Installs the pages; on a page-table shortage takes back what it did. */
static enum status map_pages(struct process *p, uint64_t phys, uint32_t pages,
			     uint64_t va, unsigned flags)
{
	uint32_t step;

	for (uint32_t i = 0; i < pages; i += step) {
		uint64_t off = (uint64_t)i * PAGE;
		enum status st = map_step(p, phys + off, va + off, pages - i, flags, &step);
		if (st) {
			unmap_pages(p, va, i);
			return st;
		}
	}
	return STATUS_OK;
}

static enum status devmem_map(struct process *p, const struct cap *c, const uint64_t *a,
			      uint64_t *reply)
{
	uint64_t phys = a[0], pages = a[1], va = a[2], flags = a[3];
	uint32_t head, missing = 0;

	enum status st = check_map(c, phys, pages, va, flags);
	if (st)
		return st;
	struct pool_stats ps;
	pool_get_stats(kernel_pool(), &ps);
	if (pages > ps.free) {
		reply[0] = pages - ps.free;
		return STATUS_POOL_EXHAUSTED;
	}
	if ((st = check_va(p, va, pages)))
		return st;
	uint8_t rec_flags = (flags & KH_MAP_WC) ? STRUCTPAGE_F_WC : STRUCTPAGE_F_UNCACHED;
	st = pool_alloc_run(kernel_pool(), phys / PAGE, (uint32_t)pages, rec_flags, &head, &missing);
	if (st) {
		reply[0] = missing;
		return st;
	}
	unsigned map_flags = HAL_MAP_WRITE | HAL_MAP_DEVICE | ((flags & KH_MAP_WC) ? HAL_MAP_WC : 0);
	st = map_pages(p, phys, (uint32_t)pages, va, map_flags);
	if (st) {
		uint32_t released;
		enum status undo = pool_release_run(kernel_pool(), head, &released);
		KASSERT(!undo);
		return st;
	}
	map_link(p, head, va);
	return STATUS_OK;
}

/* Unlinks p's mapping `at` (head + 1), unmaps it, gives its run back;
 * the pages it held. */
static uint32_t devmap_drop(struct process *p, uint32_t prev, uint32_t at)
{
	uint32_t head = at - 1, pages = run_pages(head), released;
	uint64_t va = map_va(head);

	map_unlink(p, prev, at);
	unmap_pages(p, va, pages);
	enum status st = pool_release_run(kernel_pool(), head, &released);
	if (st || released != pages)
		panic("devmem release pid=%u head=%u: %s", p->pid, head, status_name(st));
	return pages;
}

static enum status devmem_unmap(struct process *p, uint64_t va, uint64_t *reply)
{
	uint32_t prev, at = map_find(p, va, &prev);

	if (!at)
		return STATUS_NOT_FOUND;
	reply[0] = devmap_drop(p, prev, at);
	return STATUS_OK;
}

enum status invoke_DEVMEM(struct process *p, struct cap *c, uint32_t op,
			  const uint64_t *a, uint64_t *reply)
{
	switch (op) {
	case KH_OP_DEVMEM_MAP:   return devmem_map(p, c, a, reply);
	case KH_OP_DEVMEM_UNMAP: return devmem_unmap(p, a[0], reply);
	default:                 return STATUS_INVALID_ARGUMENT;
	}
}

void devmem_release_all(struct process *p)
{
	while (p->devmap_first)
		devmap_drop(p, 0, p->devmap_first);
}
