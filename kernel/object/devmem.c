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
#include "capops.h"

#define PAGE HAL_PAGE_BYTES

/* maps[i]: one mapping in any free word of the DEVMAPS part (N + H words,
 * so as many mappings at once as the pool has records, whichever frames
 * they map):
 *   bit 63 in use, bits 59..62 the process's table slot, bit 58 a hold
 *   (KH_MAP_HOLD: records, no pages), bits 35..54 the mapping's pages - 1,
 *   bits 0..34 its first user page (a hold: its first frame).
 * The run a mapping belongs to is the one holding the frame its first page
 * maps (the page tables say which; a hold says it itself). */
#define MAP_USED       (1ull << 63)
#define MAP_HELD       (1ull << 58)
#define MAP_SLOT_SHIFT 59u
#define MAP_PAGES_SHIFT 35u
#define MAP_PAGES_MASK ((1ull << 20) - 1)
#define MAP_VA_MASK    ((1ull << 35) - 1)

_Static_assert(KH_MAX_PROCS <= 16, "a mapping word holds a 4-bit process slot");
_Static_assert(KH_DEVMEM_PAGES_MAX <= MAP_PAGES_MASK + 1, "a mapping word holds 20 bits of pages");

static uint64_t *maps;
static uint32_t map_words;

void devmem_init(uint32_t records)
{
	map_words = records;
	maps = heap_alloc(HEAP_PART_DEVMAPS, (uint64_t)records * DEVMEM_RECORD_BYTES, 8);
}

static uint64_t map_word(const struct process *p, uint64_t va, uint32_t pages)
{
	return MAP_USED | (uint64_t)p->slot_index << MAP_SLOT_SHIFT |
	       (uint64_t)(pages - 1) << MAP_PAGES_SHIFT | ((va / PAGE) & MAP_VA_MASK);
}

/* A hold of frames [pfn, pfn + pages): a word like a mapping's, no pages. */
static uint64_t hold_word(const struct process *p, uint64_t pfn, uint32_t pages)
{
	return MAP_USED | MAP_HELD | (uint64_t)p->slot_index << MAP_SLOT_SHIFT |
	       (uint64_t)(pages - 1) << MAP_PAGES_SHIFT | (pfn & MAP_VA_MASK);
}

static bool word_held(uint32_t r)
{
	return (maps[r] & MAP_HELD) != 0;
}

static bool map_owned_by(uint32_t r, const struct process *p)
{
	return (maps[r] & MAP_USED) && ((maps[r] >> MAP_SLOT_SHIFT) & 0xf) == p->slot_index;
}

static uint64_t map_va(uint32_t r)
{
	return (maps[r] & MAP_VA_MASK) * PAGE;
}

static uint32_t word_pages(uint32_t r)
{
	return (uint32_t)((maps[r] >> MAP_PAGES_SHIFT) & MAP_PAGES_MASK) + 1;
}

static struct StructPageDev *rec(uint32_t i)
{
	return pool_record(kernel_pool(), i);
}

static uint32_t rec_next(uint32_t i)
{
	return structpage_dev_link(rec(i));
}

static uint32_t pool_capacity(void)
{
	struct pool_stats ps;

	pool_get_stats(kernel_pool(), &ps);
	return ps.capacity;
}

static bool is_head(uint32_t i)
{
	const struct StructPageDev *r = rec(i);

	return r->type == STRUCTPAGE_DEVFRAME && (r->flags & STRUCTPAGE_F_RUN_HEAD);
}

/* Frames of the run from `head` (the pool chains a run). */
static uint32_t run_pages(uint32_t head)
{
	uint32_t n = 0;

	for (uint32_t i = head; i != STRUCTPAGE_LINK_NONE; n++)
		i = rec_next(i);
	return n;
}

/* How frames [pfn, pfn + pages) meet the live runs: *head = the run that
 * holds all of them (true), or false with *overlap set when some run holds
 * only part of them.  One pass over the records, each chain walked once,
 * so the cost is the pool's capacity. */
static bool run_find(uint64_t pfn, uint32_t pages, uint32_t *head, bool *overlap)
{
	uint32_t cap = pool_capacity();

	*overlap = false;
	for (uint32_t i = 0; i < cap; i++) {
		if (!is_head(i))
			continue;
		uint64_t first = structpage_dev_pfn(rec(i)), last = first + run_pages(i) - 1;
		if (first <= pfn && pfn + pages - 1 <= last) {
			*head = i;
			return true;
		}
		if (first <= pfn + pages - 1 && pfn <= last)
			*overlap = true;
	}
	return false;
}

/* A word that holds no mapping, or LINK_NONE. */
static uint32_t free_word(void)
{
	for (uint32_t i = 0; i < map_words; i++)
		if (!(maps[i] & MAP_USED))
			return i;
	return STRUCTPAGE_LINK_NONE;
}

static struct process *word_owner(uint32_t r)
{
	return process_slot((uint32_t)(maps[r] >> MAP_SLOT_SHIFT) & 0xf);
}

/* Frame mapped at the first page of the mapping in word r. */
static uint64_t word_pfn(uint32_t r)
{
	uint64_t pa;

	if (word_held(r))
		return maps[r] & MAP_VA_MASK;
	if (hal_as_lookup(&word_owner(r)->as, map_va(r), HAL_MAP_DEVICE, &pa))
		panic("devmem: mapping va=0x%lx of pid %u is gone", (unsigned long)map_va(r),
		      word_owner(r)->pid);
	return pa / PAGE;
}

/* The frames of the run from head: [first, first + n). */
struct frames {
	uint64_t first, n;
};

static struct frames run_frames(uint32_t head)
{
	return (struct frames){ structpage_dev_pfn(rec(head)), run_pages(head) };
}

/* Does the mapping in word r map frames of f? */
static bool word_in(uint32_t r, struct frames f)
{
	if (!(maps[r] & MAP_USED))
		return false;
	uint64_t pfn = word_pfn(r);
	return pfn >= f.first && pfn < f.first + f.n;
}

static uint32_t run_mappings(uint32_t head)
{
	struct frames f = run_frames(head);
	uint32_t n = 0;

	for (uint32_t i = 0; i < map_words; i++)
		n += word_in(i, f);
	return n;
}

/* The word of p's mapping at va (held: p's hold of the frames at that
 * physical address), or LINK_NONE. */
static uint32_t map_find(const struct process *p, uint64_t va, bool held)
{
	for (uint32_t i = 0; i < map_words; i++)
		if (map_owned_by(i, p) && word_held(i) == held && map_va(i) == va)
			return i;
	return STRUCTPAGE_LINK_NONE;
}

/* The head of the run a word's mapping belongs to. */
static uint32_t word_head(uint32_t r)
{
	uint32_t head;
	bool overlap;

	if (!run_find(word_pfn(r), 1, &head, &overlap))
		panic("devmem: mapping va=0x%lx has no run", (unsigned long)map_va(r));
	return head;
}

static void release_run(uint32_t head)
{
	uint32_t released, pages = run_pages(head);
	enum status st = pool_release_run(kernel_pool(), head, &released);

	if (st || released != pages)
		panic("devmem release head=%u: %s", head, status_name(st));
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
	if (flags & ~(uint64_t)(KH_MAP_WC | KH_MAP_HOLD))
		return STATUS_INVALID_ARGUMENT;
	uint64_t bytes = pages * PAGE;
	if (phys + bytes < phys || !within_cap(c, phys, bytes))
		return STATUS_OUT_OF_RANGE;
	if (overlaps_ram(phys, bytes))
		return STATUS_NO_PERMISSION;
	if (touches_fence(c, phys, bytes))
		return STATUS_FENCED;
	if (flags & KH_MAP_HOLD)     /* no pages: no user address at all */
		return va ? STATUS_INVALID_ARGUMENT : STATUS_OK;
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

/* A capability naming published frames: object = head + 1 | alloc_count << 32.
 * RESCINDED once the run went back to the pool (its count moved on). */
static bool cap_names_run(const struct cap *c)
{
	return c->object != 0;
}

static uint32_t cap_head(const struct cap *c)
{
	return (uint32_t)c->object - 1;
}

enum status devmem_cap_alive(const struct cap *c)
{
	if (!cap_names_run(c))
		return STATUS_OK;
	uint32_t head = cap_head(c);
	if (head >= pool_capacity() || !is_head(head) ||
	    rec(head)->alloc_count != (uint16_t)(c->object >> 32) ||
	    !(rec(head)->flags & STRUCTPAGE_F_PUBLISHED))
		return STATUS_RESCINDED;
	return STATUS_OK;
}

static enum status check_rights(const struct cap *c, uint64_t flags)
{
	if (!(c->rights & KH_RIGHT_READ))
		return STATUS_NO_PERMISSION;
	if ((flags & KH_MAP_WC) && !(c->rights & KH_RIGHT_WC))
		return STATUS_NO_PERMISSION;
	return STATUS_OK;
}

/* The run frames [pfn, pfn + pages) are mapped through: the published run
 * a capability names, a live run that holds them all, or a fresh private
 * one (taken by the caller: *fresh).  OVERLAP when a run holds only part
 * of them, NO_MEMORY when every mapping word is taken. */
static enum status pick_run(const struct cap *c, uint64_t pfn, uint32_t pages,
			    uint32_t *head, bool *fresh)
{
	bool overlap;

	*fresh = false;
	if (cap_names_run(c))
		*head = cap_head(c);
	else if (!run_find(pfn, pages, head, &overlap)) {
		if (overlap)
			return STATUS_OVERLAP;
		*fresh = true;
		return STATUS_OK;
	}
	return STATUS_OK;
}

/* Records for a fresh run: POOL_EXHAUSTED with the shortfall in reply[0]. */
static enum status take_run(uint64_t pfn, uint32_t pages, uint64_t flags, uint32_t *head,
			    uint64_t *reply)
{
	uint32_t missing = 0;
	uint8_t rec_flags = (flags & KH_MAP_WC) ? STRUCTPAGE_F_WC : STRUCTPAGE_F_UNCACHED;
	enum status st = pool_alloc_run(kernel_pool(), pfn, pages, rec_flags, head, &missing);

	if (st)
		reply[0] = missing;
	return st;
}

/* The pages of a mapping, or nothing for a hold; the word says which. */
static enum status install(struct process *p, const struct cap *c, const uint64_t *a,
			   uint32_t word)
{
	uint64_t phys = a[0], va = a[2], flags = a[3];
	uint32_t pages = (uint32_t)a[1];

	if (flags & KH_MAP_HOLD) {
		maps[word] = hold_word(p, phys / PAGE, pages);
		return STATUS_OK;
	}
	unsigned map_flags = HAL_MAP_DEVICE | ((flags & KH_MAP_WC) ? HAL_MAP_WC : 0) |
			     ((c->rights & KH_RIGHT_WRITE) ? HAL_MAP_WRITE : 0);
	enum status st = map_pages(p, phys, pages, va, map_flags);
	if (!st)
		maps[word] = map_word(p, va, pages);
	return st;
}

static enum status devmem_map(struct process *p, const struct cap *c, const uint64_t *a,
			      uint64_t *reply)
{
	uint64_t phys = a[0], pages = a[1], va = a[2], flags = a[3];
	uint32_t head;
	bool fresh;
	uint32_t word = free_word();

	enum status st = check_map(c, phys, pages, va, flags);
	if (!st && word == STRUCTPAGE_LINK_NONE)
		st = STATUS_NO_MEMORY;
	if (!st)
		st = devmem_cap_alive(c);
	if (!st)
		st = check_rights(c, flags);
	if (!st)
		st = pick_run(c, phys / PAGE, (uint32_t)pages, &head, &fresh);
	if (st)
		return st;
	struct pool_stats ps;
	pool_get_stats(kernel_pool(), &ps);
	if (fresh && pages > ps.free) {
		reply[0] = pages - ps.free;
		return STATUS_POOL_EXHAUSTED;
	}
	if (!(flags & KH_MAP_HOLD) && (st = check_va(p, va, pages)))
		return st;
	if (fresh && (st = take_run(phys / PAGE, (uint32_t)pages, flags, &head, reply)))
		return st;
	if ((st = install(p, c, a, word)) && fresh)
		release_run(head);
	return st;
}

/* Unmaps the mapping in word r of p; a private run goes back to the pool
 * with its last mapping.  The pages it held. */
static uint32_t devmap_drop(struct process *p, uint32_t r)
{
	uint32_t head = word_head(r), pages = word_pages(r);

	if (!word_held(r))
		unmap_pages(p, map_va(r), pages);
	maps[r] = 0;
	if (!(rec(head)->flags & STRUCTPAGE_F_PUBLISHED) && !run_mappings(head))
		release_run(head);
	return pages;
}

static enum status devmem_unmap(struct process *p, uint64_t va, uint64_t flags,
				uint64_t *reply)
{
	if (flags & ~(uint64_t)KH_MAP_HOLD)
		return STATUS_INVALID_ARGUMENT;
	uint32_t r = map_find(p, va, flags & KH_MAP_HOLD);

	if (r == STRUCTPAGE_LINK_NONE)
		return STATUS_NOT_FOUND;
	reply[0] = devmap_drop(p, r);
	return STATUS_OK;
}

/* PUBLISH: the frames of one device BAR become one run held until it is
 * rescinded, named by a new master slot of the caller (all rights, and
 * RESCIND, which nothing else carries).  A private run of exactly those
 * frames (the caller mapped them first) becomes the published one. */
static enum status devmem_publish(struct process *p, const struct cap *c, const uint64_t *a,
				  uint64_t *reply)
{
	uint64_t phys = a[0], pages = a[1], flags = a[2];
	uint32_t head, slot = cap_free_slot(p);
	bool overlap;

	enum status st = check_map(c, phys, pages, HAL_HAS_MMU ? HAL_USER_BASE : phys, flags);
	if (!st && cap_names_run(c))
		st = STATUS_INVALID_ARGUMENT;      /* publish from a range, not from frames */
	if (!st && slot == KH_NO_SLOT)
		st = STATUS_NO_MEMORY;
	if (st)
		return st;
	if (run_find(phys / PAGE, (uint32_t)pages, &head, &overlap)) {
		if ((rec(head)->flags & STRUCTPAGE_F_PUBLISHED) ||
		    structpage_dev_pfn(rec(head)) != phys / PAGE || run_pages(head) != pages)
			return STATUS_OVERLAP;
	} else if (overlap) {
		return STATUS_OVERLAP;
	} else if ((st = take_run(phys / PAGE, (uint32_t)pages, flags, &head, reply))) {
		return st;
	}
	rec(head)->flags |= STRUCTPAGE_F_PUBLISHED;
	p->caps[slot] = (struct cap){
		.type = CAP_DEVMEM, .rights = KH_RIGHTS_GRANTED | KH_RIGHT_RESCIND,
		.object = (head + 1) | (uint64_t)rec(head)->alloc_count << 32,
		.arg0 = phys, .arg1 = phys + pages * PAGE - 1,
	};
	reply[0] = slot;
	return STATUS_OK;
}

/* Every mapping in the run's words is torn down, whoever holds it; the
 * holders (mappings, or slots naming the run) as a mask of table slots. */
static uint32_t teardown(uint32_t head, uint32_t *mappings)
{
	uint32_t holders = 0;
	struct frames f = run_frames(head);

	*mappings = 0;
	for (uint32_t i = 0; i < map_words; i++) {
		if (!word_in(i, f))
			continue;
		uint32_t slot = (uint32_t)(maps[i] >> MAP_SLOT_SHIFT) & 0xf;
		if (!word_held(i))
			unmap_pages(process_slot(slot), map_va(i), word_pages(i));
		maps[i] = 0;
		holders |= 1u << slot;
		(*mappings)++;
	}
	for (uint32_t s = 0; s < KH_MAX_PROCS; s++) {
		struct process *q = process_slot(s);
		for (uint32_t k = 0; q->state != PROC_FREE && k < KH_CAPS_PER_PROC; k++)
			if (q->caps[k].type == CAP_DEVMEM && q->caps[k].object == (((uint64_t)head + 1) |
			    (uint64_t)rec(head)->alloc_count << 32))
				holders |= 1u << s;
	}
	return holders;
}

static void log_rescind(uint32_t frames, uint32_t mappings, uint32_t holders)
{
	bool first = true;

	kprintf("kernel: rescind frames=%u mappings=%u holders=", frames, mappings);
	for (uint32_t s = 0; s < KH_MAX_PROCS; s++) {
		if (holders & (1u << s)) {
			kprintf("%s%u", first ? "" : ",", process_slot(s)->pid);
			first = false;
		}
	}
	kprintf("%s\n", first ? "-" : "");
}

enum status devmem_rescind(const struct cap *c, uint64_t *reply)
{
	uint32_t mappings;

	if (!(c->rights & KH_RIGHT_RESCIND) || !cap_names_run(c))
		return STATUS_NO_PERMISSION;
	enum status st = devmem_cap_alive(c);
	if (st)
		return st;
	uint32_t head = cap_head(c), frames = run_pages(head);
	uint32_t holders = teardown(head, &mappings);
	rec(head)->flags &= (uint8_t)~STRUCTPAGE_F_PUBLISHED;
	release_run(head);           /* alloc_count moves on: every slot naming it is dead */
	log_rescind(frames, mappings, holders);
	reply[0] = frames;
	reply[1] = mappings;
	return STATUS_OK;
}

enum status invoke_DEVMEM(struct process *p, struct cap *c, uint32_t op,
			  const uint64_t *a, uint64_t *reply)
{
	switch (op) {
	case KH_OP_DEVMEM_MAP:     return devmem_map(p, c, a, reply);
	case KH_OP_DEVMEM_UNMAP:   return devmem_unmap(p, a[0], a[1], reply);
	case KH_OP_DEVMEM_PUBLISH: return devmem_publish(p, c, a, reply);
	case KH_OP_DEVMEM_RESCIND: return devmem_rescind(c, reply);
	default:                   return STATUS_INVALID_ARGUMENT;
	}
}

void devmem_release_all(struct process *p)
{
	uint64_t reply[2];

	for (uint32_t i = 0; i < map_words; i++)
		if (map_owned_by(i, p))
			devmap_drop(p, i);
	for (uint32_t k = 0; k < KH_CAPS_PER_PROC; k++)
		if (p->caps[k].type == CAP_DEVMEM && (p->caps[k].rights & KH_RIGHT_RESCIND) &&
		    !devmem_cap_alive(&p->caps[k]))
			devmem_rescind(&p->caps[k], reply);
}

void devmem_held(const struct process *p, uint32_t *mappings, uint32_t *frames)
{
	*mappings = *frames = 0;
	for (uint32_t i = 0; i < map_words; i++) {
		if (map_owned_by(i, p)) {
			(*mappings)++;
			*frames += word_pages(i);
		}
	}
}
