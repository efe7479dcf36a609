/*
 * heap.c - one reservation, bump allocation inside it, then a seal.
 */
#include "hal/arch.h"
#include "heap.h"
#include "klib.h"
#include "log.h"

static struct {
	struct heap_plan plan;
	uint64_t phys_base;
	uint64_t used[HEAP_PART_COUNT];
	bool reserved;
	bool sealed;
} heap;

void heap_reserve(const struct heap_plan *plan, uint64_t phys_base,
		  uint32_t pool_n, uint32_t headroom, uint64_t ram_records)
{
	KASSERT(!heap.reserved);
	heap.plan = *plan;
	heap.phys_base = phys_base;
	heap.reserved = true;
	kprintf("kernel: heap fixed bytes=%lu pool=%u headroom=%u ram_records=%lu base=0x%lx\n",
		(unsigned long)plan->total, pool_n, headroom,
		(unsigned long)ram_records, (unsigned long)phys_base);
	for (int i = 0; i < HEAP_PART_COUNT; i++)
		kprintf("kernel: heap part %s bytes=%lu\n", heap_part_name(i),
			(unsigned long)plan->bytes[i]);
}

uint64_t heap_alloc_phys(enum heap_part part, uint64_t bytes)
{
	KASSERT(heap.reserved && (unsigned)part < HEAP_PART_COUNT);
	if (heap.sealed)
		panic("heap allocation after seal: part=%s bytes=%lu",
		      heap_part_name(part), (unsigned long)bytes);
	uint64_t at = heap.used[part];
	if (bytes > heap.plan.bytes[part] - at)
		panic("heap part %s exhausted: want %lu, %lu left",
		      heap_part_name(part), (unsigned long)bytes,
		      (unsigned long)(heap.plan.bytes[part] - at));
	heap.used[part] = at + bytes;
	return heap.phys_base + heap.plan.offset[part] + at;
}

void *heap_alloc(enum heap_part part, uint64_t bytes, uint64_t align)
{
	KASSERT(align && !(align & (align - 1)));
	uint64_t pad = (align - heap.used[part] % align) % align;

	heap_alloc_phys(part, pad);
	void *p = hal_phys_to_virt(heap_alloc_phys(part, bytes));
	memset(p, 0, bytes);
	return p;
}

uint64_t heap_phys_base(void)
{
	return heap.phys_base;
}

uint64_t heap_bytes(void)
{
	return heap.plan.total;
}

void heap_shrink_pool(uint64_t pool_bytes_kept, uint64_t *pa, uint64_t *frames)
{
	uint64_t start = heap.plan.offset[HEAP_PART_POOL];
	uint64_t keep = (pool_bytes_kept + HAL_PAGE_BYTES - 1) / HAL_PAGE_BYTES * HAL_PAGE_BYTES;
	uint64_t new_total = start + keep;

	KASSERT(heap.plan.offset[HEAP_PART_POOL] + heap.plan.bytes[HEAP_PART_POOL] <= heap.plan.total);
	if (new_total > heap.plan.total)
		new_total = heap.plan.total;
	*pa = heap.phys_base + new_total;
	*frames = (heap.plan.total - new_total) / HAL_PAGE_BYTES;
	heap.plan.total = new_total;
	if (heap.plan.bytes[HEAP_PART_POOL] > keep)
		heap.plan.bytes[HEAP_PART_POOL] = keep;
	if (heap.used[HEAP_PART_POOL] > pool_bytes_kept)
		heap.used[HEAP_PART_POOL] = pool_bytes_kept;
}

void heap_seal(void)
{
	heap.sealed = true;
}

void heap_get_stats(struct heap_stats *out)
{
	out->bytes = heap.plan.total;
	out->used = 0;
	for (int i = 0; i < HEAP_PART_COUNT; i++)
		out->used += heap.used[i];
	out->phys_base = heap.phys_base;
	out->sealed = heap.sealed;
}
