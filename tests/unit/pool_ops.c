/*
 * pool_ops.c - the device StructPage pool, one behaviour per test:
 * exhaustion, runs, release order, double and foreign release, headroom
 * growth and settle.  Every call is followed by an invariant check.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "pool.h"

#define N 8u
#define H 4u

struct fixture {
	struct pool pool;
	struct StructPageDev rec[N + H];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	/* Garbage in the region: init must not depend on zeroed memory. */
	memset(f->rec, 0xa5, sizeof(f->rec));
	assert_int_equal(pool_init(&f->pool, f->rec, N, H), STATUS_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	free(*state);
	return 0;
}

static void check_invariants(const struct pool *p)
{
	struct pool_stats s;
	pool_get_stats(p, &s);
	assert_int_equal(s.free + s.used, s.capacity);
	assert_true(s.used <= s.high_water);
	assert_true(s.high_water <= s.capacity);
	assert_true(s.capacity + s.headroom <= s.pool_n + H);
}

static void snapshot(const struct fixture *f, struct pool *p, struct StructPageDev *rec)
{
	*p = f->pool;
	memcpy(rec, f->rec, sizeof(f->rec));
}

static void assert_unchanged(const struct fixture *f, const struct pool *p,
			     const struct StructPageDev *rec)
{
	assert_memory_equal(&f->pool, p, sizeof(*p));
	assert_memory_equal(f->rec, rec, sizeof(f->rec));
}

static void test_region_bytes(void **state)
{
	(void)state;
	assert_int_equal(pool_region_bytes(N, H), (N + H) * 16);
	assert_int_equal(pool_region_bytes(0, 0), 0);
}

static void test_init_rejects_bad_input(void **state)
{
	struct fixture *f = *state;
	struct pool p;
	assert_int_equal(pool_init(NULL, f->rec, N, H), STATUS_INVALID_ARGUMENT);
	assert_int_equal(pool_init(&p, NULL, N, H), STATUS_INVALID_ARGUMENT);
	assert_int_equal(pool_init(&p, f->rec, POOL_RECORDS_MAX, 1), STATUS_INVALID_ARGUMENT);
	assert_int_equal(pool_init(&p, f->rec, 1, UINT32_MAX), STATUS_INVALID_ARGUMENT);
	assert_int_equal(pool_init(&p, (char *)f->rec + 1, N, H), STATUS_MISALIGNED);
}

static void test_exhaustion(void **state)
{
	struct fixture *f = *state;
	uint32_t idx;
	for (uint32_t i = 0; i < N; i++) {
		assert_int_equal(pool_alloc(&f->pool, 100 + i, 0, &idx), STATUS_OK);
		assert_int_equal(structpage_dev_pfn(pool_record(&f->pool, idx)), 100 + i);
		check_invariants(&f->pool);
	}
	struct pool before;
	struct StructPageDev rec[N + H];
	snapshot(f, &before, rec);
	assert_int_equal(pool_alloc(&f->pool, 1, 0, &idx), STATUS_POOL_EXHAUSTED);
	assert_unchanged(f, &before, rec);
	assert_int_equal(f->pool.used, N);
	assert_int_equal(f->pool.free, 0);
}

static void test_alloc_rejects_bad_input(void **state)
{
	struct fixture *f = *state;
	uint32_t idx;
	assert_int_equal(pool_alloc(&f->pool, STRUCTPAGE_PFN_MASK + 1, 0, &idx),
			 STATUS_INVALID_ARGUMENT);
	assert_int_equal(pool_alloc(&f->pool, 1, STRUCTPAGE_F_RUN_HEAD, &idx),
			 STATUS_INVALID_ARGUMENT);
	assert_int_equal(pool_alloc(&f->pool, 1, 0x80, &idx), STATUS_INVALID_ARGUMENT);
	assert_int_equal(pool_alloc(&f->pool, 1, 0, NULL), STATUS_INVALID_ARGUMENT);
	assert_int_equal(f->pool.used, 0);
	assert_int_equal(pool_alloc(&f->pool, STRUCTPAGE_PFN_MASK, STRUCTPAGE_F_WC, &idx),
			 STATUS_OK);
	const struct StructPageDev *r = pool_record(&f->pool, idx);
	assert_int_equal(r->type, STRUCTPAGE_DEVFRAME);
	assert_int_equal(r->flags, STRUCTPAGE_F_WC | STRUCTPAGE_F_RUN_HEAD);
	assert_true(structpage_dev_oid(r) == (STRUCTPAGE_DEV_OID_BASE | STRUCTPAGE_PFN_MASK));
}

static void test_lifo_reuse(void **state)
{
	struct fixture *f = *state;
	uint32_t a, b, c;
	assert_int_equal(pool_alloc(&f->pool, 1, 0, &a), STATUS_OK);
	assert_int_equal(pool_alloc(&f->pool, 2, 0, &b), STATUS_OK);
	assert_int_not_equal(a, b);
	assert_int_equal(pool_release(&f->pool, a), STATUS_OK);
	assert_int_equal(pool_release(&f->pool, b), STATUS_OK);
	/* The last record released is the first handed out again. */
	assert_int_equal(pool_alloc(&f->pool, 3, 0, &c), STATUS_OK);
	assert_int_equal(c, b);
	assert_int_equal(pool_alloc(&f->pool, 4, 0, &c), STATUS_OK);
	assert_int_equal(c, a);
	check_invariants(&f->pool);
}

static void test_release_any_order(void **state)
{
	struct fixture *f = *state;
	uint32_t idx[N];
	for (uint32_t i = 0; i < N; i++)
		assert_int_equal(pool_alloc(&f->pool, i, 0, &idx[i]), STATUS_OK);
	static const uint32_t order[N] = { 5, 0, 7, 2, 3, 6, 1, 4 };
	for (uint32_t i = 0; i < N; i++) {
		assert_int_equal(pool_release(&f->pool, idx[order[i]]), STATUS_OK);
		check_invariants(&f->pool);
	}
	assert_int_equal(f->pool.free, N);
	assert_int_equal(f->pool.high_water, N);
	/* All N come back, each exactly once. */
	bool seen[N] = { false };
	for (uint32_t i = 0; i < N; i++) {
		uint32_t j;
		assert_int_equal(pool_alloc(&f->pool, i, 0, &j), STATUS_OK);
		assert_true(j < N);
		assert_false(seen[j]);
		seen[j] = true;
	}
}

static void test_alloc_count_bumps_on_release(void **state)
{
	struct fixture *f = *state;
	uint32_t idx, again;
	assert_int_equal(pool_alloc(&f->pool, 9, 0, &idx), STATUS_OK);
	uint16_t before = pool_record(&f->pool, idx)->alloc_count;
	assert_int_equal(before, 0);
	assert_int_equal(pool_release(&f->pool, idx), STATUS_OK);
	assert_int_equal(pool_record(&f->pool, idx)->alloc_count, before + 1);
	assert_int_equal(pool_alloc(&f->pool, 9, 0, &again), STATUS_OK);
	assert_int_equal(again, idx);
	assert_int_equal(pool_record(&f->pool, idx)->alloc_count, before + 1);
}

static void test_double_release(void **state)
{
	struct fixture *f = *state;
	uint32_t idx;
	assert_int_equal(pool_alloc(&f->pool, 1, 0, &idx), STATUS_OK);
	assert_int_equal(pool_release(&f->pool, idx), STATUS_OK);
	struct pool before;
	struct StructPageDev rec[N + H];
	snapshot(f, &before, rec);
	assert_int_equal(pool_release(&f->pool, idx), STATUS_DOUBLE_RELEASE);
	assert_unchanged(f, &before, rec);
	/* Never-allocated records are free too. */
	assert_int_equal(pool_release(&f->pool, N - 1), STATUS_DOUBLE_RELEASE);
	assert_unchanged(f, &before, rec);
}

static void test_foreign_index(void **state)
{
	struct fixture *f = *state;
	struct pool before;
	struct StructPageDev rec[N + H];
	uint32_t released = 99;
	snapshot(f, &before, rec);
	assert_int_equal(pool_release(&f->pool, N), STATUS_NOT_IN_POOL);     /* headroom */
	assert_int_equal(pool_release(&f->pool, N + H), STATUS_NOT_IN_POOL);
	assert_int_equal(pool_release(&f->pool, STRUCTPAGE_LINK_NONE), STATUS_NOT_IN_POOL);
	assert_int_equal(pool_release_run(&f->pool, UINT32_MAX, &released), STATUS_NOT_IN_POOL);
	assert_int_equal(released, 0);
	assert_null(pool_record(&f->pool, N));
	assert_non_null(pool_record(&f->pool, N - 1));
	assert_unchanged(f, &before, rec);
}

static void walk_run(struct pool *p, uint32_t head, uint64_t base, uint32_t count)
{
	uint32_t i = head;
	for (uint32_t k = 0; k < count; k++) {
		const struct StructPageDev *r = pool_record(p, i);
		assert_non_null(r);
		assert_int_equal(r->type, STRUCTPAGE_DEVFRAME);
		assert_int_equal(structpage_dev_pfn(r), base + k);
		assert_int_equal(!!(r->flags & STRUCTPAGE_F_RUN_HEAD), k == 0);
		assert_int_equal(r->flags & STRUCTPAGE_F_UNCACHED, STRUCTPAGE_F_UNCACHED);
		i = structpage_dev_link(r);
	}
	assert_int_equal(i, STRUCTPAGE_LINK_NONE);
}

static void test_run_alloc_release(void **state)
{
	struct fixture *f = *state;
	uint32_t head, missing = 99, released = 0;
	assert_int_equal(pool_alloc_run(&f->pool, 0x1000, 5, STRUCTPAGE_F_UNCACHED,
					&head, &missing), STATUS_OK);
	assert_int_equal(missing, 0);
	assert_int_equal(f->pool.used, 5);
	walk_run(&f->pool, head, 0x1000, 5);
	check_invariants(&f->pool);
	assert_int_equal(pool_release_run(&f->pool, head, &released), STATUS_OK);
	assert_int_equal(released, 5);
	assert_int_equal(f->pool.used, 0);
	assert_int_equal(f->pool.free, N);
	assert_int_equal(f->pool.high_water, 5);
	check_invariants(&f->pool);
}

static void test_run_all_or_nothing(void **state)
{
	struct fixture *f = *state;
	uint32_t one, head = 77, missing = 0;
	assert_int_equal(pool_alloc(&f->pool, 1, 0, &one), STATUS_OK);
	assert_int_equal(pool_alloc(&f->pool, 2, 0, &one), STATUS_OK);
	struct pool before;
	struct StructPageDev rec[N + H];
	snapshot(f, &before, rec);
	assert_int_equal(pool_alloc_run(&f->pool, 0, N, 0, &head, &missing),
			 STATUS_POOL_EXHAUSTED);
	assert_int_equal(missing, 2);
	assert_int_equal(head, 77);
	assert_unchanged(f, &before, rec);
	assert_int_equal(pool_alloc_run(&f->pool, 0, N - 2, 0, &head, &missing), STATUS_OK);
	assert_int_equal(f->pool.free, 0);
	assert_int_equal(pool_alloc_run(&f->pool, 0, 3, 0, &head, &missing),
			 STATUS_POOL_EXHAUSTED);
	assert_int_equal(missing, 3);
}

static void test_run_rejects_bad_input(void **state)
{
	struct fixture *f = *state;
	uint32_t head, missing;
	assert_int_equal(pool_alloc_run(&f->pool, 0, 0, 0, &head, &missing),
			 STATUS_INVALID_ARGUMENT);
	assert_int_equal(pool_alloc_run(&f->pool, STRUCTPAGE_PFN_MASK, 2, 0, &head, &missing),
			 STATUS_INVALID_ARGUMENT);
	assert_int_equal(pool_alloc_run(&f->pool, 0, 2, STRUCTPAGE_F_RUN_HEAD, &head, &missing),
			 STATUS_INVALID_ARGUMENT);
	assert_int_equal(pool_alloc_run(&f->pool, 0, 2, 0, NULL, &missing),
			 STATUS_INVALID_ARGUMENT);
	assert_int_equal(f->pool.used, 0);
	assert_int_equal(pool_alloc_run(&f->pool, STRUCTPAGE_PFN_MASK - 1, 2, 0, &head,
					&missing), STATUS_OK);
}

/* A run is given back whole: its members cannot be released one by one,
 * and a single record is a run of one. */
static void test_run_members_not_single(void **state)
{
	struct fixture *f = *state;
	uint32_t head, missing, released;
	assert_int_equal(pool_alloc_run(&f->pool, 50, 3, 0, &head, &missing), STATUS_OK);
	uint32_t second = structpage_dev_link(pool_record(&f->pool, head));
	struct pool before;
	struct StructPageDev rec[N + H];
	snapshot(f, &before, rec);
	assert_int_equal(pool_release(&f->pool, head), STATUS_INVALID_ARGUMENT);
	assert_int_equal(pool_release(&f->pool, second), STATUS_INVALID_ARGUMENT);
	assert_int_equal(pool_release_run(&f->pool, second, &released), STATUS_INVALID_ARGUMENT);
	assert_unchanged(f, &before, rec);

	uint32_t single;
	assert_int_equal(pool_alloc(&f->pool, 7, 0, &single), STATUS_OK);
	assert_int_equal(pool_release_run(&f->pool, single, &released), STATUS_OK);
	assert_int_equal(released, 1);
}

static void test_run_double_release(void **state)
{
	struct fixture *f = *state;
	uint32_t head, missing, released = 5;
	assert_int_equal(pool_alloc_run(&f->pool, 50, 4, 0, &head, &missing), STATUS_OK);
	assert_int_equal(pool_release_run(&f->pool, head, &released), STATUS_OK);
	struct pool before;
	struct StructPageDev rec[N + H];
	snapshot(f, &before, rec);
	assert_int_equal(pool_release_run(&f->pool, head, &released), STATUS_DOUBLE_RELEASE);
	assert_int_equal(released, 0);
	assert_unchanged(f, &before, rec);
}

/*
 * Whole-chain validation: a chain damaged in the middle (a member already
 * free, a link out of bounds, a cycle, a link into another run) is refused
 * before any record is released.
 */
static void run_with_damage(struct fixture *f, void (*damage)(struct fixture *, uint32_t[]),
			    enum status expect)
{
	uint32_t head, other, missing, released = 9;
	assert_int_equal(pool_alloc_run(&f->pool, 10, 4, 0, &head, &missing), STATUS_OK);
	assert_int_equal(pool_alloc_run(&f->pool, 90, 2, 0, &other, &missing), STATUS_OK);
	uint32_t chain[5] = { head };
	for (int k = 1; k < 4; k++)
		chain[k] = structpage_dev_link(pool_record(&f->pool, chain[k - 1]));
	chain[4] = other;
	damage(f, chain);
	struct pool before;
	struct StructPageDev rec[N + H];
	snapshot(f, &before, rec);
	assert_int_equal(pool_release_run(&f->pool, head, &released), expect);
	assert_int_equal(released, 0);
	assert_unchanged(f, &before, rec);
}

static void relink(struct fixture *f, uint32_t i, uint32_t to)
{
	struct StructPageDev *r = pool_record(&f->pool, i);
	structpage_dev_set(r, structpage_dev_pfn(r), to);
}

static void dmg_member_free(struct fixture *f, uint32_t c[])
{
	pool_record(&f->pool, c[2])->type = STRUCTPAGE_FREE;
}

static void dmg_link_out(struct fixture *f, uint32_t c[])
{
	relink(f, c[1], N + 1);
}

static void dmg_cycle(struct fixture *f, uint32_t c[])
{
	relink(f, c[3], c[1]);
}

static void dmg_into_other_run(struct fixture *f, uint32_t c[])
{
	relink(f, c[3], c[4]);
}

static void test_run_damaged_chain(void **state)
{
	run_with_damage(*state, dmg_member_free, STATUS_DOUBLE_RELEASE);
}

static void test_run_link_out_of_pool(void **state)
{
	run_with_damage(*state, dmg_link_out, STATUS_NOT_IN_POOL);
}

static void test_run_cycle(void **state)
{
	run_with_damage(*state, dmg_cycle, STATUS_INVALID_ARGUMENT);
}

static void test_run_into_other_run(void **state)
{
	run_with_damage(*state, dmg_into_other_run, STATUS_INVALID_ARGUMENT);
}

static void test_headroom_growth(void **state)
{
	struct fixture *f = *state;
	uint32_t head, missing, idx;
	assert_int_equal(pool_alloc_run(&f->pool, 0, N, 0, &head, &missing), STATUS_OK);
	assert_int_equal(pool_alloc(&f->pool, 1, 0, &idx), STATUS_POOL_EXHAUSTED);
	assert_int_equal(pool_grow_from_headroom(&f->pool, H + 1), STATUS_HEADROOM_EXHAUSTED);
	assert_int_equal(f->pool.capacity, N);
	assert_int_equal(pool_grow_from_headroom(&f->pool, 2), STATUS_OK);
	check_invariants(&f->pool);
	assert_int_equal(f->pool.capacity, N + 2);
	assert_int_equal(f->pool.headroom, H - 2);
	/* Taken from the front of the headroom, in order. */
	assert_int_equal(pool_alloc(&f->pool, 1, 0, &idx), STATUS_OK);
	assert_int_equal(idx, N);
	assert_int_equal(pool_record(&f->pool, idx)->alloc_count, 0);
	assert_int_equal(pool_alloc(&f->pool, 2, 0, &idx), STATUS_OK);
	assert_int_equal(idx, N + 1);
	assert_int_equal(pool_alloc(&f->pool, 3, 0, &idx), STATUS_POOL_EXHAUSTED);
	assert_int_equal(f->pool.high_water, N + 2);
	assert_int_equal(pool_release(&f->pool, N + 1), STATUS_OK);
	assert_int_equal(pool_release(&f->pool, N + 2), STATUS_NOT_IN_POOL);
	check_invariants(&f->pool);
}

static void test_settle(void **state)
{
	struct fixture *f = *state;
	uint32_t released = 99;
	assert_int_equal(pool_grow_from_headroom(&f->pool, 1), STATUS_OK);
	assert_int_equal(pool_settle(&f->pool, H, &released), STATUS_HEADROOM_EXHAUSTED);
	assert_false(f->pool.settled);
	assert_int_equal(released, 99);
	assert_int_equal(pool_settle(&f->pool, 1, &released), STATUS_OK);
	assert_int_equal(released, H - 1 - 1);
	assert_int_equal(f->pool.headroom, 1);
	assert_true(f->pool.settled);
	/* Once per boot. */
	assert_int_equal(pool_settle(&f->pool, 0, &released), STATUS_ALREADY_SETTLED);
	assert_int_equal(f->pool.headroom, 1);
	/* Kept headroom stays usable after settle; released headroom does not. */
	assert_int_equal(pool_grow_from_headroom(&f->pool, 1), STATUS_OK);
	assert_int_equal(f->pool.capacity, N + 2);
	assert_int_equal(pool_grow_from_headroom(&f->pool, 1), STATUS_HEADROOM_EXHAUSTED);
	struct pool_stats s;
	pool_get_stats(&f->pool, &s);
	assert_int_equal(s.pool_n, N);
	assert_int_equal(s.headroom, 0);
	assert_true(s.settled);
	check_invariants(&f->pool);
}

static void test_empty_pool(void **state)
{
	(void)state;
	struct pool p;
	struct StructPageDev rec[2];
	uint32_t idx, released;
	assert_int_equal(pool_init(&p, rec, 0, 2), STATUS_OK);
	assert_int_equal(pool_alloc(&p, 1, 0, &idx), STATUS_POOL_EXHAUSTED);
	assert_int_equal(pool_release(&p, 0), STATUS_NOT_IN_POOL);
	assert_int_equal(pool_settle(&p, 2, &released), STATUS_OK);
	assert_int_equal(released, 0);
	assert_int_equal(pool_grow_from_headroom(&p, 2), STATUS_OK);
	assert_int_equal(pool_alloc(&p, 1, 0, &idx), STATUS_OK);
	assert_int_equal(idx, 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_region_bytes),
		T(test_init_rejects_bad_input),
		T(test_exhaustion),
		T(test_alloc_rejects_bad_input),
		T(test_lifo_reuse),
		T(test_release_any_order),
		T(test_alloc_count_bumps_on_release),
		T(test_double_release),
		T(test_foreign_index),
		T(test_run_alloc_release),
		T(test_run_all_or_nothing),
		T(test_run_rejects_bad_input),
		T(test_run_members_not_single),
		T(test_run_double_release),
		T(test_run_damaged_chain),
		T(test_run_link_out_of_pool),
		T(test_run_cycle),
		T(test_run_into_other_run),
		T(test_headroom_growth),
		T(test_settle),
		T(test_empty_pool),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
