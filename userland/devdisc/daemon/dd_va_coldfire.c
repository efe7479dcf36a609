/*
 * dd_va_coldfire.c - user addresses for device mappings without an MMU
 * (dd_va.h): the user address of a device page is its physical address
 * (kernel/devmem.c), so the map call passes vaddr == phys; the kernel
 * still checks the grant and takes one StructPage record from the pool
 * per frame.  Nothing to allocate, nothing to hand back.
 */
#include "dd_va.h"

void dd_va_init(struct dd_state *d)
{
	(void)d;
}

bool dd_va_place(struct dd_state *d, const struct dd_region *r, uint64_t *va)
{
	(void)d;
	*va = r->phys;
	return true;
}

void dd_va_taken(struct dd_state *d, const struct dd_region *r)
{
	(void)d;
	(void)r;
}

void dd_va_returned(struct dd_state *d, const struct dd_region *r)
{
	(void)d;
	(void)r;
}
