/*
 * mmu.c - address spaces without an MMU.
 *
 * One flat physical space: a user address IS the physical address.  An
 * address space is the list of pages the process was given (struct
 * cf_page below), kept in the frames of the slot's page-table budget, so
 * it is counted in the fixed heap like x86_64's tables.  hal_as_map()
 * refuses va != pa (the program would not see the page), hal_as_lookup()
 * checks the list: the kernel's user-pointer checks and capability checks
 * work as on x86_64, but nothing stops a program from touching memory
 * outside its list (documented: no isolation).
 */
#include "hal/arch.h"
#include "klib.h"

struct cf_page {
	uint32_t va;
	uint32_t flags;
};

struct cf_page_list {
	uint32_t count;
	uint32_t capacity;
	struct cf_page page[];
};

_Static_assert(sizeof(struct cf_page) == 8 && sizeof(struct cf_page_list) == 8,
	       "page list: an 8-byte header, then 8 bytes per page (capacity in hal_as_create)");

static struct cf_page_list *list_of(const struct hal_as *as)
{
	return (struct cf_page_list *)(uint32_t)as->root_phys;
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
	struct cf_page_list *l = list_of(as);
	l->count = 0;
	l->capacity = (uint32_t)((bytes - sizeof(*l)) / sizeof(struct cf_page));
	return STATUS_OK;
}

static struct cf_page *find(const struct hal_as *as, uint64_t va)
{
	struct cf_page_list *l = list_of(as);

	for (uint32_t i = 0; i < l->count; i++)
		if (l->page[i].va == va)
			return &l->page[i];
	return NULL;
}

static bool user_window(uint64_t va)
{
	return va >= HAL_USER_BASE && va < HAL_USER_TOP;
}

enum status hal_as_map(struct hal_as *as, uint64_t va, uint64_t pa, unsigned flags)
{
	struct cf_page_list *l = list_of(as);

	if (va % HAL_PAGE_BYTES || va >= 0x100000000ull)
		return STATUS_OUT_OF_RANGE;
	/* RAM pages live in the user window; device pages where the device is. */
	if (!(flags & HAL_MAP_DEVICE) && !user_window(va))
		return STATUS_OUT_OF_RANGE;
	if (va != pa)
		return STATUS_INVALID_ARGUMENT;
	if (find(as, va))
		return STATUS_OVERLAP;
	if (l->count == l->capacity)
		return STATUS_NO_MEMORY;
	l->page[l->count++] = (struct cf_page){ (uint32_t)va, flags };
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

enum status hal_as_unmap(struct hal_as *as, uint64_t va, uint64_t *pa)
{
	struct cf_page_list *l = list_of(as);
	struct cf_page *p = find(as, va);

	if (!p)
		return STATUS_NOT_FOUND;
	*pa = p->va;
	*p = l->page[--l->count];   /* order does not matter */
	return STATUS_OK;
}

enum status hal_as_lookup(const struct hal_as *as, uint64_t va, unsigned need,
			  uint64_t *pa)
{
	const struct cf_page *p = find(as, va);

	if (!p || ((p->flags & HAL_MAP_DEVICE) && !(need & HAL_MAP_DEVICE)))
		return STATUS_NOT_FOUND;
	if ((need & HAL_MAP_WRITE) && !(p->flags & HAL_MAP_WRITE))
		return STATUS_NOT_FOUND;
	*pa = p->va;
	return STATUS_OK;
}

void hal_as_for_each_page(const struct hal_as *as,
			  void (*fn)(uint64_t pa, void *arg), void *arg)
{
	const struct cf_page_list *l = list_of(as);

	if (!as->root_phys)
		return;    /* never created */
	for (uint32_t i = 0; i < l->count; i++)
		if (!(l->page[i].flags & HAL_MAP_DEVICE))
			fn(l->page[i].va, arg);
}

void hal_as_activate(const struct hal_as *as)
{
	(void)as;   /* nothing to switch */
}
