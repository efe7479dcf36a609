/*
 * mmu.c - address spaces without an MMU.
 *
 * One flat physical space: a user address IS the physical address.  An
 * address space is the list of page runs the process was given (struct
 * cf_run below: consecutive pages with the same flags share one entry,
 * so a 256 MiB device window is one entry, not 65536), kept in the frames
 * of the slot's page-table budget, so it is counted in the fixed heap
 * like x86_64's tables.  hal_as_map()
 * refuses va != pa (the program would not see the page), hal_as_lookup()
 * checks the list: the kernel's user-pointer checks and capability checks
 * work as on x86_64, but nothing stops a program from touching memory
 * outside its list (documented: no isolation).
 */
#include "hal/arch.h"
#include "klib.h"

struct cf_run {
	uint32_t va;
	uint32_t pages;
	uint32_t flags;
};

struct cf_run_list {
	uint32_t count;
	uint32_t capacity;
	struct cf_run run[];
};

_Static_assert(HAL_FRAME_VA_TOP <= 0x100000000ull && HAL_USER_TOP <= 0x100000000ull,
	       "user and frame window addresses fit the 32-bit system-call registers");
_Static_assert(sizeof(struct cf_run) == 12 && sizeof(struct cf_run_list) == 8,
	       "run list: an 8-byte header, then 12 bytes per run (capacity in hal_as_create)");

static struct cf_run_list *list_of(const struct hal_as *as)
{
	return (struct cf_run_list *)(uint32_t)as->root_phys;
}

static uint64_t run_end(const struct cf_run *r)
{
	return (uint64_t)r->va + (uint64_t)r->pages * HAL_PAGE_BYTES;
}

uint64_t hal_mmu_kernel_table_frames(uint64_t phys_top)
{
	(void)phys_top;
	return 1;   /* no tables; the planner wants a non-empty part */
}

enum status hal_mmu_init(uint64_t phys_top, struct hal_pt_budget *budget)
{
	(void)phys_top;
	(void)budget;
	return STATUS_OK;
}

void *hal_phys_to_virt(uint64_t pa)
{
	return (void *)(uint32_t)pa;
}

enum status hal_as_create(struct hal_as *as, struct hal_pt_budget budget)
{
	uint64_t bytes = budget.end - budget.next;

	if (budget.end <= budget.next || bytes < HAL_PAGE_BYTES)
		return STATUS_NO_MEMORY;
	as->root_phys = budget.next;
	as->budget = budget;
	as->tls_base = 0;
	struct cf_run_list *l = list_of(as);
	l->count = 0;
	l->capacity = (uint32_t)((bytes - sizeof(*l)) / sizeof(struct cf_run));
	return STATUS_OK;
}

/* The run holding page va. */
static struct cf_run *find(const struct hal_as *as, uint64_t va)
{
	struct cf_run_list *l = list_of(as);

	for (uint32_t i = 0; i < l->count; i++)
		if (va >= l->run[i].va && va < run_end(&l->run[i]))
			return &l->run[i];
	return NULL;
}

/* A run with these flags that ends at va (the new page extends it). */
static struct cf_run *run_ending_at(const struct hal_as *as, uint64_t va, unsigned flags)
{
	struct cf_run_list *l = list_of(as);

	for (uint32_t i = l->count; i-- > 0;)
		if (run_end(&l->run[i]) == va && l->run[i].flags == flags)
			return &l->run[i];
	return NULL;
}

static bool user_window(uint64_t va)
{
	return va >= HAL_USER_BASE && va < HAL_USER_TOP;
}

enum status hal_as_map(struct hal_as *as, uint64_t va, uint64_t pa, unsigned flags)
{
	struct cf_run_list *l = list_of(as);

	if (va % HAL_PAGE_BYTES || va >= 0x100000000ull)
		return STATUS_OUT_OF_RANGE;
	/* RAM pages live in the user window; device pages where the device is. */
	if (!(flags & HAL_MAP_DEVICE) && !user_window(va))
		return STATUS_OUT_OF_RANGE;
	if (va != pa)
		return STATUS_INVALID_ARGUMENT;
	if (find(as, va))
		return STATUS_OVERLAP;
	struct cf_run *r = run_ending_at(as, va, flags);
	if (r) {
		r->pages++;
		return STATUS_OK;
	}
	if (l->count == l->capacity)
		return STATUS_NO_MEMORY;
	l->run[l->count++] = (struct cf_run){ (uint32_t)va, 1, flags };
	return STATUS_OK;
}

enum status hal_as_map_large(struct hal_as *as, uint64_t va, uint64_t pa, unsigned flags)
{
	(void)as;
	(void)va;
	(void)pa;
	(void)flags;
	return STATUS_NOT_SUPPORTED;
}

/* Takes page va out of run r: its first or last page shrinks it, one
 * inside splits it (NO_MEMORY, nothing changed, if the list is full). */
static enum status run_cut(struct cf_run_list *l, struct cf_run *r, uint64_t va)
{
	uint32_t at = (uint32_t)((va - r->va) / HAL_PAGE_BYTES);

	if (at != 0 && at != r->pages - 1) {
		if (l->count == l->capacity)
			return STATUS_NO_MEMORY;
		l->run[l->count++] = (struct cf_run){ (uint32_t)va + HAL_PAGE_BYTES,
						      r->pages - at - 1, r->flags };
		r->pages = at;
		return STATUS_OK;
	}
	if (at == 0)
		r->va += HAL_PAGE_BYTES;
	if (--r->pages == 0)
		*r = l->run[--l->count];   /* order does not matter */
	return STATUS_OK;
}

enum status hal_as_unmap(struct hal_as *as, uint64_t va, uint64_t *pa)
{
	struct cf_run *r = find(as, va);

	if (!r || va % HAL_PAGE_BYTES)
		return STATUS_NOT_FOUND;
	*pa = va;
	return run_cut(list_of(as), r, va);
}

enum status hal_as_lookup(const struct hal_as *as, uint64_t va, unsigned need,
			  uint64_t *pa)
{
	const struct cf_run *r = find(as, va);

	if (!r || ((r->flags & HAL_MAP_DEVICE) && !(need & HAL_MAP_DEVICE)))
		return STATUS_NOT_FOUND;
	if ((need & HAL_MAP_WRITE) && !(r->flags & HAL_MAP_WRITE))
		return STATUS_NOT_FOUND;
	*pa = va & ~(uint64_t)(HAL_PAGE_BYTES - 1);
	return STATUS_OK;
}

void hal_as_for_each_page(const struct hal_as *as,
			  void (*fn)(uint64_t pa, void *arg), void *arg)
{
	const struct cf_run_list *l = list_of(as);

	if (!as->root_phys)
		return;    /* never created */
	for (uint32_t i = 0; i < l->count; i++)
		for (uint32_t k = 0; !(l->run[i].flags & HAL_MAP_DEVICE) && k < l->run[i].pages; k++)
			fn(l->run[i].va + k * HAL_PAGE_BYTES, arg);
}

void hal_as_activate(const struct hal_as *as)
{
	(void)as;   /* nothing to switch */
}
