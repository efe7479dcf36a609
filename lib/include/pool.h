/*
 * pool.h - the device StructPage pool: N records fixed at boot, plus H
 * records of headroom held until devdisc settles.
 *
 * The records live in one region carved from the kernel heap at boot:
 *
 *   [0, N)        the pool proper, on the free list from the start
 *   [N, N+H)      headroom: not on the free list; pool_grow_from_headroom()
 *                 moves records from its front onto the free list (hot-plug
 *                 growth without a reboot); pool_settle() gives back the
 *                 tail beyond `keep` so that the kernel can return those
 *                 bytes to free RAM (the region's end shrinks, never moves).
 *
 * Allocation and release of one record are O(1) (a LIFO free list threaded
 * through the records' link field); a run of n records (one BAR) costs n
 * O(1) steps and is chained through the same field, so it is released by
 * its head alone.  Double release and foreign pointers are detected.
 *
 * A record handed out by pool_alloc() is a run of one: it carries
 * STRUCTPAGE_F_RUN_HEAD and no successor.  pool_release() takes only runs
 * of one; a longer run is given back whole by pool_release_run() from its
 * head, so that no record of a run can be orphaned.  Callers pass only
 * STRUCTPAGE_F_UNCACHED / STRUCTPAGE_F_WC as flags; RUN_HEAD is the pool's.
 *
 * Locking: the caller holds the pool lock around every call; the pool does
 * no locking of its own (the kernel is single-CPU for now).
 * Invariant: free + used == capacity; used <= high_water <= capacity;
 *            capacity <= N + H.
 */
#ifndef POOL_H
#define POOL_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "status.h"
#include "structpage.h"

struct pool {
	struct StructPageDev *rec;  /* region of N + H records */
	uint32_t pool_n;            /* N at boot */
	uint32_t headroom;          /* headroom records not yet used or released */
	uint32_t capacity;          /* records on offer: N + headroom taken */
	uint32_t free_head;         /* index of the first free record, or LINK_NONE */
	uint32_t free;              /* records on the free list */
	uint32_t used;              /* records handed out */
	uint32_t high_water;        /* most records ever in use at once */
	bool     settled;           /* pool_settle() has run */
};

struct pool_stats {
	uint32_t pool_n, capacity, headroom, free, used, high_water;
	bool settled;
};

/* Bytes of region needed for N + H records. */
size_t pool_region_bytes(uint32_t n, uint32_t h);

/* Lays the pool over `region` (pool_region_bytes(n, h) bytes, 8-byte
 * aligned: MISALIGNED otherwise).  INVALID_ARGUMENT if n + h exceeds what a
 * 24-bit link can index (POOL_RECORDS_MAX).  O(n): headroom records are
 * initialised only when pool_grow_from_headroom() takes them. */
enum status pool_init(struct pool *p, void *region, uint32_t n, uint32_t h);

/* Most records one pool can index (N + H): every index stays below
 * STRUCTPAGE_LINK_NONE. */
#define POOL_RECORDS_MAX  STRUCTPAGE_LINK_NONE

/* Caller-settable record flags. */
#define POOL_USER_FLAGS   (STRUCTPAGE_F_UNCACHED | STRUCTPAGE_F_WC)

/* One record (a run of one) for frame `pfn`.  POOL_EXHAUSTED when none is
 * free; INVALID_ARGUMENT for a pfn beyond 40 bits or flags outside
 * POOL_USER_FLAGS. */
enum status pool_alloc(struct pool *p, uint64_t pfn, uint8_t flags, uint32_t *index);

/* A run of `count` records for frames base_pfn .. base_pfn+count-1.  All or
 * nothing: POOL_EXHAUSTED with *missing set to the shortfall and the pool
 * unchanged when fewer than `count` are free. */
enum status pool_alloc_run(struct pool *p, uint64_t base_pfn, uint32_t count,
			   uint8_t flags, uint32_t *head, uint32_t *missing);

/* Gives one record back.  NOT_IN_POOL for an index outside the capacity,
 * DOUBLE_RELEASE for a record already free, INVALID_ARGUMENT for a record
 * that belongs to a longer run; nothing changes then.  Bumps alloc_count. */
enum status pool_release(struct pool *p, uint32_t index);

/* Gives a whole run back from its head.  Validates the whole chain first and
 * changes nothing unless all of it is sound: NOT_IN_POOL for a head or link
 * outside the capacity, DOUBLE_RELEASE for a free record in the chain,
 * INVALID_ARGUMENT for a head that is not a run head, a chain that runs into
 * another run's head, or one longer than `used` (a cycle).  *released is the
 * run's length on success, 0 otherwise. */
enum status pool_release_run(struct pool *p, uint32_t head, uint32_t *released);

/* Moves `count` headroom records onto the free list (growth without a
 * reboot).  HEADROOM_EXHAUSTED if fewer remain; ALREADY_SETTLED is not an
 * error here: kept headroom stays usable after settle. */
enum status pool_grow_from_headroom(struct pool *p, uint32_t count);

/* Keeps `keep` headroom records and returns the rest: *released_records is
 * how many records at the end of the region the kernel may give back to free
 * RAM (times sizeof(struct StructPageDev) bytes, rounded down to whole frames
 * by the caller).  Once per boot: ALREADY_SETTLED the second time.
 * HEADROOM_EXHAUSTED (nothing changes, not settled) if keep exceeds the
 * headroom still held. */
enum status pool_settle(struct pool *p, uint32_t keep, uint32_t *released_records);

/* Record by index, or NULL if outside the capacity. */
struct StructPageDev *pool_record(struct pool *p, uint32_t index);

void pool_get_stats(const struct pool *p, struct pool_stats *out);

#endif
