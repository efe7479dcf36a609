/*
 * heap.h - the fixed kernel heap at run time.
 *
 * heap_reserve() takes the whole plan (heap_plan.h) from free RAM in one
 * step.  Until heap_seal(), heap_alloc() bumps through one part of it;
 * after heap_seal() (just before the first user instruction) any
 * allocation is a kernel bug and panics.  Memory given to user programs
 * never comes from here (frame.h).
 */
#ifndef KERNEL_HEAP_H
#define KERNEL_HEAP_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include "heap_plan.h"

struct heap_stats {
	uint64_t bytes;        /* reserved at boot; only settle shrinks it */
	uint64_t used;         /* handed out by heap_alloc */
	uint64_t phys_base;
	bool     sealed;
};

/* Records the plan and its physical base; prints the `kernel: heap fixed`
 * line.  Once per boot. */
void heap_reserve(const struct heap_plan *plan, uint64_t phys_base,
		  uint32_t pool_n, uint32_t headroom, uint64_t ram_records);

/* `bytes` (rounded up to `align`, a power of two) from part `part`,
 * zero-filled.  Panics when sealed or when the part is exhausted: the plan
 * was wrong, which is a kernel bug, not a run-time condition. */
void *heap_alloc(enum heap_part part, uint64_t bytes, uint64_t align);

/* The physical address of the part's next free byte, for the port's
 * table budgets (hal/mmu.h), which take physical frames. */
uint64_t heap_alloc_phys(enum heap_part part, uint64_t bytes);

/* Physical range of the whole heap, for the frame records. */
uint64_t heap_phys_base(void);
uint64_t heap_bytes(void);

/* Settle: the pool part keeps only its first `pool_bytes_kept` bytes; the
 * whole frames after them, to the heap's end, stop being heap.  Returns
 * the physical range given back in *pa and *frames.  The only time the
 * heap changes after the seal: it shrinks at its end and never moves. */
void heap_shrink_pool(uint64_t pool_bytes_kept, uint64_t *pa, uint64_t *frames);

void heap_seal(void);
void heap_get_stats(struct heap_stats *out);

#endif
