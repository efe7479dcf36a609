/*
 * pool_model.c - thousands of random pool operations (seeded, so a failure
 * replays) checked against a plain model: which record belongs to which
 * run, and the free / used / high-water counters.  Every status the pool
 * returns is predicted by the model first.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "pool.h"

#define N        200u
#define H        100u
#define TOTAL    (N + H)
#define OPS      20000u
#define NO_OWNER UINT32_MAX

struct model {
	struct pool pool;
	struct StructPageDev rec[TOTAL];
	uint32_t owner[TOTAL];   /* head index of the run holding it, or NO_OWNER */
	uint32_t run_len[TOTAL]; /* by head: records in the run */
	uint64_t pfn[TOTAL];     /* frame each record in use should describe */
	uint32_t capacity, headroom, used, high_water;
	bool settled;
	uint64_t rng;
	uint64_t next_pfn;
};

static uint32_t rnd(struct model *m, uint32_t below)
{
	/* xorshift64: deterministic and good enough to shuffle operations. */
	m->rng ^= m->rng << 13;
	m->rng ^= m->rng >> 7;
	m->rng ^= m->rng << 17;
	return (uint32_t)(m->rng % below);
}

static void check_counters(const struct model *m)
{
	struct pool_stats s;
	pool_get_stats(&m->pool, &s);
	assert_int_equal(s.capacity, m->capacity);
	assert_int_equal(s.headroom, m->headroom);
	assert_int_equal(s.used, m->used);
	assert_int_equal(s.free, m->capacity - m->used);
	assert_int_equal(s.high_water, m->high_water);
	assert_int_equal(s.settled, m->settled);
	assert_int_equal(s.free + s.used, s.capacity);
}

static void note_used(struct model *m, uint32_t n)
{
	m->used += n;
	if (m->used > m->high_water)
		m->high_water = m->used;
}

/* The chain from `head` must be exactly the records the model gave it. */
static void check_run(struct model *m, uint32_t head)
{
	uint32_t i = head;
	for (uint32_t k = 0; k < m->run_len[head]; k++) {
		assert_true(i < m->capacity);
		assert_int_equal(m->owner[i], head);
		assert_true(structpage_dev_pfn(&m->rec[i]) == m->pfn[i]);
		i = structpage_dev_link(&m->rec[i]);
	}
	assert_int_equal(i, STRUCTPAGE_LINK_NONE);
}

static void op_alloc_run(struct model *m, uint32_t count)
{
	uint32_t head = 0, missing = 0;
	uint32_t free = m->capacity - m->used;
	uint64_t base = m->next_pfn;
	enum status st = count == 1 && rnd(m, 2)
		? pool_alloc(&m->pool, base, 0, &head)
		: pool_alloc_run(&m->pool, base, count, 0, &head, &missing);
	if (count > free) {
		assert_int_equal(st, STATUS_POOL_EXHAUSTED);
		return;
	}
	assert_int_equal(st, STATUS_OK);
	assert_int_equal(missing, 0);
	m->next_pfn += count;
	uint32_t i = head;
	for (uint32_t k = 0; k < count; k++) {
		assert_true(i < m->capacity);
		assert_int_equal(m->owner[i], NO_OWNER);
		m->owner[i] = head;
		m->pfn[i] = base + k;
		i = structpage_dev_link(&m->rec[i]);
	}
	m->run_len[head] = count;
	note_used(m, count);
}

static void forget_run(struct model *m, uint32_t head)
{
	uint32_t i = head;
	for (uint32_t k = 0; k < m->run_len[head]; k++) {
		uint32_t next = structpage_dev_link(&m->rec[i]);
		m->owner[i] = NO_OWNER;
		i = next;
	}
	m->used -= m->run_len[head];
}

/* Release whatever holds a random index: the model predicts the status. */
static void op_release(struct model *m)
{
	uint32_t i = rnd(m, TOTAL + 4);
	bool by_run = rnd(m, 2);
	uint32_t released = 0;
	enum status expect = STATUS_OK;
	if (i >= m->capacity)
		expect = STATUS_NOT_IN_POOL;
	else if (m->owner[i] == NO_OWNER)
		expect = STATUS_DOUBLE_RELEASE;
	else if (m->owner[i] != i || (!by_run && m->run_len[i] != 1))
		expect = STATUS_INVALID_ARGUMENT;

	uint32_t len = expect == STATUS_OK ? m->run_len[i] : 0;
	if (expect == STATUS_OK) {
		check_run(m, i);
		forget_run(m, i);
	}
	enum status st = by_run ? pool_release_run(&m->pool, i, &released)
				: pool_release(&m->pool, i);
	assert_int_equal(st, expect);
	if (by_run)
		assert_int_equal(released, len);
}

static void op_grow(struct model *m)
{
	uint32_t count = rnd(m, 12);
	enum status st = pool_grow_from_headroom(&m->pool, count);
	if (count > m->headroom) {
		assert_int_equal(st, STATUS_HEADROOM_EXHAUSTED);
		return;
	}
	assert_int_equal(st, STATUS_OK);
	m->capacity += count;
	m->headroom -= count;
}

static void op_settle(struct model *m)
{
	uint32_t keep = rnd(m, H), released = 0;
	enum status st = pool_settle(&m->pool, keep, &released);
	if (m->settled) {
		assert_int_equal(st, STATUS_ALREADY_SETTLED);
	} else if (keep > m->headroom) {
		assert_int_equal(st, STATUS_HEADROOM_EXHAUSTED);
	} else {
		assert_int_equal(st, STATUS_OK);
		assert_int_equal(released, m->headroom - keep);
		m->headroom = keep;
		m->settled = true;
	}
}

static void step(struct model *m)
{
	uint32_t dice = rnd(m, 100);
	if (dice < 35)
		op_alloc_run(m, 1);
	else if (dice < 55)
		op_alloc_run(m, 1 + rnd(m, 24));
	else if (dice < 96)
		op_release(m);
	else if (dice < 99)
		op_grow(m);
	else
		op_settle(m);
}

static void run_seed(uint64_t seed)
{
	struct model *m = calloc(1, sizeof(*m));
	assert_non_null(m);
	memset(m->rec, 0x5a, sizeof(m->rec));
	assert_int_equal(pool_init(&m->pool, m->rec, N, H), STATUS_OK);
	for (uint32_t i = 0; i < TOTAL; i++)
		m->owner[i] = NO_OWNER;
	m->capacity = N;
	m->headroom = H;
	m->rng = seed;
	m->next_pfn = 0x80000;
	for (uint32_t k = 0; k < OPS; k++) {
		step(m);
		check_counters(m);
	}
	/* The run must have exercised the interesting states. */
	assert_true(m->high_water > N / 2);
	free(m);
}

static void test_seed_1(void **state) { (void)state; run_seed(0x9e3779b97f4a7c15ull); }
static void test_seed_2(void **state) { (void)state; run_seed(12345); }
static void test_seed_3(void **state) { (void)state; run_seed(0xdeadbeefcafef00dull); }

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed_1),
		cmocka_unit_test(test_seed_2),
		cmocka_unit_test(test_seed_3),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
