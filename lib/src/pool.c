/*
 * pool.c - the device StructPage pool (see pool.h).
 *
 * One free list, LIFO, threaded through the 24-bit link of each record, so
 * that alloc and release are a pop and a push: no search, no side table.
 * A record's type says whether it is free (STRUCTPAGE_FREE) or handed out
 * (STRUCTPAGE_DEVFRAME); that is what makes double release an O(1) check.
 * Headroom records [capacity, capacity + headroom) are not touched until
 * they are taken, in order, from the front.
 */
#include "pool.h"

#define LINK_NONE STRUCTPAGE_LINK_NONE

size_t pool_region_bytes(uint32_t n, uint32_t h)
{
	return ((size_t)n + h) * sizeof(struct StructPageDev);
}

/* A record as it sits on the free list: no frame, no flags, unlocked. */
static void rec_make_free(struct StructPageDev *r, uint32_t next)
{
	r->lock = 0;
	r->type = STRUCTPAGE_FREE;
	r->flags = 0;
	structpage_dev_set(r, 0, next);
}

static void push_free(struct pool *p, uint32_t index)
{
	rec_make_free(&p->rec[index], p->free_head);
	p->free_head = index;
	p->free++;
}

/* A record entering the pool for the first time (its bytes are whatever
 * the heap held): no capability can name it yet. */
static void add_fresh(struct pool *p, uint32_t index)
{
	p->rec[index].alloc_count = 0;
	push_free(p, index);
}

static void count_out(struct pool *p, uint32_t n)
{
	p->free -= n;
	p->used += n;
	if (p->used > p->high_water)
		p->high_water = p->used;
}

enum status pool_init(struct pool *p, void *region, uint32_t n, uint32_t h)
{
	if (!p || !region)
		return STATUS_INVALID_ARGUMENT;
	if (n > POOL_RECORDS_MAX || h > POOL_RECORDS_MAX - n)
		return STATUS_INVALID_ARGUMENT;
	if ((uintptr_t)region % _Alignof(struct StructPageDev))
		return STATUS_MISALIGNED;

	/* Field by field: a struct literal may become a memset() call, which
	 * freestanding builds need not provide. */
	p->rec = region;
	p->pool_n = n;
	p->headroom = h;
	p->capacity = n;
	p->free_head = LINK_NONE;
	p->free = p->used = p->high_water = 0;
	p->settled = false;
	/* Pushed from the top so that the lowest index is handed out first. */
	for (uint32_t i = n; i > 0; i--)
		add_fresh(p, i - 1);
	return STATUS_OK;
}

static bool flags_ok(uint8_t flags)
{
	return (flags & ~POOL_USER_FLAGS) == 0;
}

enum status pool_alloc(struct pool *p, uint64_t pfn, uint8_t flags, uint32_t *index)
{
	if (!p || !index || pfn > STRUCTPAGE_PFN_MASK || !flags_ok(flags))
		return STATUS_INVALID_ARGUMENT;
	if (p->free_head == LINK_NONE)
		return STATUS_POOL_EXHAUSTED;

	uint32_t i = p->free_head;
	struct StructPageDev *r = &p->rec[i];
	p->free_head = structpage_dev_link(r);
	r->type = STRUCTPAGE_DEVFRAME;
	r->flags = flags | STRUCTPAGE_F_RUN_HEAD;
	structpage_dev_set(r, pfn, LINK_NONE);
	count_out(p, 1);
	*index = i;
	return STATUS_OK;
}

/*
 * The first `count` records of the free list are already chained in the
 * order a run needs, so taking a run is walking them to stamp each with its
 * frame and cutting the list after the last one.
 */
static uint32_t take_run(struct pool *p, uint64_t base_pfn, uint32_t count,
			 uint8_t flags)
{
	uint32_t head = p->free_head;
	uint32_t i = head;
	for (uint32_t k = 0; k < count; k++) {
		struct StructPageDev *r = &p->rec[i];
		uint32_t next = structpage_dev_link(r);
		bool last = (k + 1 == count);
		r->type = STRUCTPAGE_DEVFRAME;
		r->flags = k == 0 ? (flags | STRUCTPAGE_F_RUN_HEAD) : flags;
		structpage_dev_set(r, base_pfn + k, last ? LINK_NONE : next);
		i = next;
	}
	p->free_head = i;
	return head;
}

enum status pool_alloc_run(struct pool *p, uint64_t base_pfn, uint32_t count,
			   uint8_t flags, uint32_t *head, uint32_t *missing)
{
	if (!p || !head || !missing || count == 0 || !flags_ok(flags))
		return STATUS_INVALID_ARGUMENT;
	if (base_pfn > STRUCTPAGE_PFN_MASK || count - 1 > STRUCTPAGE_PFN_MASK - base_pfn)
		return STATUS_INVALID_ARGUMENT;
	if (count > p->free) {
		*missing = count - p->free;
		return STATUS_POOL_EXHAUSTED;
	}

	*missing = 0;
	*head = take_run(p, base_pfn, count, flags);
	count_out(p, count);
	return STATUS_OK;
}

/* Whether `index` names a record handed out: the common check of both
 * release paths. */
static enum status check_in_use(const struct pool *p, uint32_t index)
{
	if (index >= p->capacity)
		return STATUS_NOT_IN_POOL;
	if (p->rec[index].type != STRUCTPAGE_DEVFRAME)
		return STATUS_DOUBLE_RELEASE;
	return STATUS_OK;
}

/* The bump rescinds every capability that names the old count. */
static void give_back(struct pool *p, uint32_t index)
{
	p->rec[index].alloc_count++;
	push_free(p, index);
	p->used--;
}

enum status pool_release(struct pool *p, uint32_t index)
{
	if (!p)
		return STATUS_INVALID_ARGUMENT;
	enum status st = check_in_use(p, index);
	if (st)
		return st;
	const struct StructPageDev *r = &p->rec[index];
	if (!(r->flags & STRUCTPAGE_F_RUN_HEAD) || structpage_dev_link(r) != LINK_NONE)
		return STATUS_INVALID_ARGUMENT;

	give_back(p, index);
	return STATUS_OK;
}

/*
 * Walks the chain from `head` without changing anything.  Every record must
 * be in use and only the first a run head; a sound chain of in-use records
 * has at most `used` of them, so a longer walk means a cycle.
 */
static enum status check_run(const struct pool *p, uint32_t head, uint32_t *length)
{
	uint32_t i = head;
	uint32_t n = 0;
	do {
		enum status st = check_in_use(p, i);
		if (st)
			return st;
		bool is_head = p->rec[i].flags & STRUCTPAGE_F_RUN_HEAD;
		if (is_head != (n == 0) || n == p->used)
			return STATUS_INVALID_ARGUMENT;
		n++;
		i = structpage_dev_link(&p->rec[i]);
	} while (i != LINK_NONE);
	*length = n;
	return STATUS_OK;
}

enum status pool_release_run(struct pool *p, uint32_t head, uint32_t *released)
{
	if (!p || !released)
		return STATUS_INVALID_ARGUMENT;
	*released = 0;
	uint32_t length = 0;
	enum status st = check_run(p, head, &length);
	if (st)
		return st;

	uint32_t i = head;
	for (uint32_t k = 0; k < length; k++) {
		uint32_t next = structpage_dev_link(&p->rec[i]);
		give_back(p, i);
		i = next;
	}
	*released = length;
	return STATUS_OK;
}

enum status pool_grow_from_headroom(struct pool *p, uint32_t count)
{
	if (!p)
		return STATUS_INVALID_ARGUMENT;
	if (count > p->headroom)
		return STATUS_HEADROOM_EXHAUSTED;

	/* Pushed from the top so that the front of the headroom is used first. */
	for (uint32_t k = count; k > 0; k--)
		add_fresh(p, p->capacity + k - 1);
	p->capacity += count;
	p->headroom -= count;
	return STATUS_OK;
}

enum status pool_settle(struct pool *p, uint32_t keep, uint32_t *released_records)
{
	if (!p || !released_records)
		return STATUS_INVALID_ARGUMENT;
	if (p->settled)
		return STATUS_ALREADY_SETTLED;
	if (keep > p->headroom)
		return STATUS_HEADROOM_EXHAUSTED;

	*released_records = p->headroom - keep;
	p->headroom = keep;
	p->settled = true;
	return STATUS_OK;
}

struct StructPageDev *pool_record(struct pool *p, uint32_t index)
{
	if (!p || index >= p->capacity)
		return NULL;
	return &p->rec[index];
}

void pool_get_stats(const struct pool *p, struct pool_stats *out)
{
	out->pool_n = p->pool_n;
	out->capacity = p->capacity;
	out->headroom = p->headroom;
	out->free = p->free;
	out->used = p->used;
	out->high_water = p->high_water;
	out->settled = p->settled;
}
