/*
 * usercopy.c - user-memory checks and copies.  A range is checked page by
 * page against the address space before a byte moves; the copy then goes
 * through the kernel's direct map.
 */
#include "usercopy.h"
#include "klib.h"

/* Checks [va, va + len) page by page against the address space. */
enum status user_range_check(const struct process *p, uint64_t va, uint64_t len,
			     unsigned need)
{
	uint64_t pa;

	if (va + len < va || va + len > HAL_USER_TOP)
		return STATUS_OUT_OF_RANGE;
	for (uint64_t at = va & ~(uint64_t)(HAL_PAGE_BYTES - 1); at < va + len; at += HAL_PAGE_BYTES)
		if (hal_as_lookup(&p->as, at, need, &pa))
			return STATUS_NO_PERMISSION;
	return STATUS_OK;
}

/* Copies len bytes between kernel memory and user memory, page by page,
 * through the direct map (the range is already checked). */
static void user_copy(const struct process *p, uint64_t va, uint8_t *k, uint64_t len, bool out)
{
	while (len) {
		uint64_t pa, off = va % HAL_PAGE_BYTES;
		uint64_t n = min_u64(len, HAL_PAGE_BYTES - off);
		hal_as_lookup(&p->as, va - off, 0, &pa);
		uint8_t *u = (uint8_t *)hal_phys_to_virt(pa) + off;
		if (out)
			memcpy(u, k, n);
		else
			memcpy(k, u, n);
		va += n;
		k += n;
		len -= n;
	}
}

enum status user_copy_in(const struct process *p, void *dst, uint64_t src, uint64_t len)
{
	enum status st = user_range_check(p, src, len, 0);

	if (!st)
		user_copy(p, src, dst, len, false);
	return st;
}

enum status user_copy_out(const struct process *p, uint64_t dst, const void *src, uint64_t len)
{
	enum status st = user_range_check(p, dst, len, HAL_MAP_WRITE);

	if (!st)
		user_copy(p, dst, (uint8_t *)src, len, true);
	return st;
}
