/*
 * heap_plan.c - sizing and placing the fixed kernel heap (pure).
 */
#include <stdbool.h>
#include "heap_plan.h"
#include "names.h"
#include "pool.h"
#include "structpage.h"


/* Parts are sized in 64 bits but any one above this is nonsense input
 * (2^48 bytes is the whole x86_64 virtual address space). */
#define HEAP_PART_MAX (1ull << 48)

KH_NAME_FUNCTION(heap_part_name, enum heap_part, HEAP_PART_LIST, HEAP_PART_COUNT)

static uint64_t round_up(uint64_t v, uint64_t align)
{
	return (v + align - 1) / align * align;
}

/* a * b, or false if it passes HEAP_PART_MAX. */
static bool mul_bounded(uint64_t a, uint64_t b, uint64_t *out)
{
	if (a && b > HEAP_PART_MAX / a)
		return false;
	*out = a * b;
	return true;
}

static bool input_has_zero(const struct heap_plan_input *in)
{
	return !in->ram_frames || !in->max_procs || !in->caps_per_proc ||
	       !in->max_endpoints || !in->pt_frames_per_proc ||
	       !in->kstack_bytes || !in->kernel_table_frames ||
	       !in->ram_record_bytes || !in->proc_record_bytes ||
	       !in->cap_record_bytes || !in->endpoint_record_bytes;
}

/* Bytes of each part, before alignment. */
static enum status size_parts(const struct heap_plan_input *in, uint64_t *b)
{
	bool ok = true;

	ok &= mul_bounded(in->ram_frames, in->ram_record_bytes, &b[HEAP_PART_RAM_RECORDS]);
	ok &= mul_bounded(in->max_procs, in->proc_record_bytes, &b[HEAP_PART_PROCESSES]);
	ok &= mul_bounded((uint64_t)in->max_procs * in->caps_per_proc,
			  in->cap_record_bytes, &b[HEAP_PART_CAPS]);
	ok &= mul_bounded(in->max_endpoints, in->endpoint_record_bytes, &b[HEAP_PART_ENDPOINTS]);
	ok &= mul_bounded((uint64_t)in->max_procs * in->pt_frames_per_proc,
			  HEAP_PAGE_BYTES, &b[HEAP_PART_USER_TABLES]);
	ok &= mul_bounded(in->max_procs, in->kstack_bytes, &b[HEAP_PART_KSTACKS]);
	ok &= mul_bounded(in->kernel_table_frames, HEAP_PAGE_BYTES, &b[HEAP_PART_KERNEL_TABLES]);
	ok &= mul_bounded((uint64_t)in->pool_n + in->headroom, in->devmap_record_bytes,
			  &b[HEAP_PART_DEVMAPS]);
	b[HEAP_PART_POOL] = pool_region_bytes(in->pool_n, in->headroom);
	return ok ? STATUS_OK : STATUS_OUT_OF_RANGE;
}

enum status heap_plan_compute(const struct heap_plan_input *in, struct heap_plan *out)
{
	uint64_t bytes[HEAP_PART_COUNT];
	uint64_t at = 0;

	if (!in || !out || input_has_zero(in))
		return STATUS_INVALID_ARGUMENT;
	if ((uint64_t)in->pool_n + in->headroom >= STRUCTPAGE_LINK_NONE)
		return STATUS_BAD_POOL;
	enum status st = size_parts(in, bytes);
	if (st)
		return st;
	for (int i = 0; i < HEAP_PART_COUNT; i++) {
		out->offset[i] = at;
		out->bytes[i] = bytes[i];
		at += round_up(bytes[i], HEAP_PAGE_BYTES);
	}
	out->total = at;
	return STATUS_OK;
}

static bool overlaps(uint64_t base, uint64_t end, const struct heap_range *r)
{
	return base < r->end && r->base < end;
}

/* First avoided range overlapping [base, end), or NULL. */
static const struct heap_range *first_clash(uint64_t base, uint64_t end,
					    const struct heap_range *avoid, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (overlaps(base, end, &avoid[i]))
			return &avoid[i];
	return NULL;
}

/* Lowest fit inside one region [lo, hi), stepping past clashes. */
static bool place_in(uint64_t lo, uint64_t hi, uint64_t bytes,
		     const struct heap_range *avoid, uint32_t n, uint64_t *base)
{
	uint64_t at = round_up(lo, HEAP_PAGE_BYTES);

	while (at < hi && bytes <= hi - at) {
		const struct heap_range *clash = first_clash(at, at + bytes, avoid, n);
		if (!clash) {
			*base = at;
			return true;
		}
		at = round_up(clash->end, HEAP_PAGE_BYTES);
	}
	return false;
}

enum status heap_place(const struct bootinfo_mem *mmap, uint32_t mmap_count,
		       const struct heap_range *avoid, uint32_t avoid_count,
		       uint64_t floor, uint64_t limit, uint64_t bytes, uint64_t *base)
{
	uint64_t best = UINT64_MAX, found;

	if (!mmap || !base || !bytes || (avoid_count && !avoid))
		return STATUS_INVALID_ARGUMENT;
	for (uint32_t i = 0; i < mmap_count; i++) {
		const struct bootinfo_mem *m = &mmap[i];
		if (m->type != BOOTINFO_MEM_USABLE || m->base + m->length < m->base)
			continue;
		uint64_t lo = m->base > floor ? m->base : floor;
		uint64_t end = m->base + m->length;
		uint64_t hi = end < limit ? end : limit;
		if (lo < hi && place_in(lo, hi, bytes, avoid, avoid_count, &found) && found < best)
			best = found;
	}
	if (best == UINT64_MAX)
		return STATUS_NO_MEMORY;
	*base = best;
	return STATUS_OK;
}

enum status heap_plan_fit(const struct heap_plan_input *in, const struct heap_site *site,
			  struct heap_plan *plan, uint64_t *base)
{
	enum status st = heap_plan_compute(in, plan);

	if (st)
		return st;
	return heap_place(site->mmap, site->mmap_count, site->avoid, site->avoid_count,
			  site->floor, site->limit, plan->total, base);
}
