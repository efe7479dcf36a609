/*
 * object/settle.c - Settle: devdisc's say over the pool.  KH_OP_SETTLE
 * gives the headroom it does not keep back to free RAM (the heap shrinks
 * at its end) and raises the FrameAlloc limit by exactly those frames;
 * KH_OP_POOL_GROW moves kept headroom onto the pool's free list.
 */
#include "object/settle.h"
#include "object/framealloc.h"
#include "devpool.h"
#include "frame.h"
#include "heap.h"
#include "log.h"

static enum status settle(uint64_t keep, uint64_t *reply)
{
	struct pool *pool = kernel_pool();
	uint32_t released;
	uint64_t pa, frames;

	if (keep > 0xffffffffu)
		return STATUS_HEADROOM_EXHAUSTED;
	enum status st = pool_settle(pool, (uint32_t)keep, &released);
	if (st)
		return st;
	/* Records still in the region: those on offer plus kept headroom. */
	uint64_t kept_bytes = pool_region_bytes(pool->capacity, pool->headroom);
	heap_shrink_pool(kept_bytes, &pa, &frames);
	frame_give_heap_back(pa, frames);
	uint64_t limit = framealloc_relax(frames);
	kprintf("kernel: settle keep=%lu released_records=%u released_frames=%lu limit=%lu\n",
		(unsigned long)keep, released, (unsigned long)frames, (unsigned long)limit);
	reply[0] = released;
	reply[1] = frames;
	return STATUS_OK;
}

enum status invoke_SETTLE(struct process *p, struct cap *c, uint32_t op,
			  const uint64_t *a, uint64_t *reply)
{
	(void)p;
	(void)c;
	switch (op) {
	case KH_OP_SETTLE:    return settle(a[0], reply);
	case KH_OP_POOL_GROW:
		if (a[0] > 0xffffffffu)
			return STATUS_HEADROOM_EXHAUSTED;
		return pool_grow_from_headroom(kernel_pool(), (uint32_t)a[0]);
	default:              return STATUS_INVALID_ARGUMENT;
	}
}
