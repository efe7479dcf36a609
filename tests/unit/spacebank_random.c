/*
 * spacebank_random.c - random operation sequences against the ledger,
 * checked against an independent model after every step.
 *
 * The model keeps, per live bank, its parent, quota and own frames, and
 * derives everything else by summing subtrees; it predicts whether each
 * operation must succeed.  After every step: statuses agree with the
 * model, a refused operation changed no byte, the root never holds more
 * than the limit, no bank more than its quota, every bank's used equals
 * its subtree sum, the limit never went down, and a destroyed bank gave
 * back exactly its subtree and its handle (and its sub-banks') went stale.
 *
 * Seeded: SPACEBANK_SEED=<n> replays a run; the seed is printed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "ledger.h"

#define RUNS           24
#define STEPS          4000
#define STALE_KEPT     16

struct model_bank {
	sb_handle h;
	int parent;              /* model index, -1 for the root */
	uint32_t quota;
	uint32_t own;
	bool live;
};

static struct {
	struct model_bank bank[SB_MAX_BANKS];
	sb_handle stale[STALE_KEPT];
	unsigned nstale;
	uint32_t limit;
	enum sb_phase phase;
} m;

static struct sb_ledger led, snap;
static uint64_t rng;
static unsigned long n_ok, n_refused, max_depth;

static uint64_t next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static uint32_t below_n(uint32_t n)
{
	return n ? (uint32_t)(next_random() % n) : 0;
}

static uint64_t model_held(int i)
{
	uint64_t sum = m.bank[i].own;
	int j;

	for (j = 0; j < SB_MAX_BANKS; j++)
		if (m.bank[j].live && m.bank[j].parent == i)
			sum += model_held(j);
	return sum;
}

static uint32_t model_cap(int i)
{
	return m.bank[i].parent < 0 ? m.limit : m.bank[i].quota;
}

static bool model_fits(int i, uint32_t n)
{
	for (; i >= 0; i = m.bank[i].parent)
		if (model_held(i) + n > model_cap(i))
			return false;
	return true;
}

static int random_live(bool allow_root)
{
	int tries, i;

	for (tries = 0; tries < 256; tries++) {
		i = (int)below_n(SB_MAX_BANKS);
		if (m.bank[i].live && (allow_root || m.bank[i].parent >= 0))
			return i;
	}
	return allow_root ? 0 : -1;
}

static int free_model_slot(void)
{
	int i;

	for (i = 1; i < SB_MAX_BANKS; i++)
		if (!m.bank[i].live)
			return i;
	return -1;
}

/* Runs `call`, expecting OK when `ok`, else `fail` with nothing changed. */
#define EXPECT(call, ok, fail)                                            \
	do {                                                              \
		memcpy(&snap, &led, sizeof(led));                         \
		enum status st_ = (call);                                 \
		if (ok) {                                                 \
			assert_int_equal(st_, STATUS_OK);                 \
			n_ok++;                                           \
		} else {                                                  \
			n_refused++;                                      \
			assert_int_equal(st_, (fail));                    \
			assert_memory_equal(&snap, &led, sizeof(led));    \
		}                                                         \
	} while (0)

static void op_alloc(void)
{
	int i = random_live(true);
	uint32_t n = 1 + below_n(m.limit / 4 + 2);
	bool ok = model_fits(i, n);

	EXPECT(sb_alloc(&led, m.bank[i].h, n), ok, STATUS_NO_MEMORY);
	if (ok)
		m.bank[i].own += n;
}

static void op_free(void)
{
	int i = random_live(true);
	uint32_t n = 1 + below_n(m.bank[i].own + 2);
	bool ok = n <= m.bank[i].own;

	EXPECT(sb_free(&led, m.bank[i].h, n), ok, STATUS_OUT_OF_RANGE);
	if (ok)
		m.bank[i].own -= n;
}

static void op_create(void)
{
	int p = random_live(true), c = free_model_slot();
	uint32_t top = m.bank[p].parent < 0 ? m.limit + 100 : m.bank[p].quota + 5;
	uint32_t quota = 1 + below_n(top);
	bool quota_ok = m.bank[p].parent < 0 || quota <= m.bank[p].quota;
	sb_handle h = 0;

	EXPECT(sb_create(&led, m.bank[p].h, quota, &h), quota_ok && c >= 0,
	       quota_ok ? STATUS_NO_MEMORY : STATUS_OUT_OF_RANGE);
	if (!quota_ok || c < 0)
		return;
	m.bank[c] = (struct model_bank){ h, p, quota, 0, true };
}

static void remember_stale(sb_handle h)
{
	m.stale[m.nstale++ % STALE_KEPT] = h;
}

static void kill_subtree(int i)
{
	int j;

	for (j = 0; j < SB_MAX_BANKS; j++)
		if (m.bank[j].live && m.bank[j].parent == i)
			kill_subtree(j);
	m.bank[i].live = false;
	remember_stale(m.bank[i].h);
}

static void op_destroy(void)
{
	int i = random_live(false);
	uint32_t returned = 0;
	uint64_t held;

	if (i < 0) {
		EXPECT(sb_destroy(&led, m.bank[0].h, &returned), false, STATUS_NO_PERMISSION);
		return;
	}
	held = model_held(i);
	EXPECT(sb_destroy(&led, m.bank[i].h, &returned), true, STATUS_OK);
	assert_int_equal(returned, held);
	kill_subtree(i);
}

static void op_set_limit(void)
{
	uint32_t limit = m.limit + below_n(300) - 60;
	enum sb_phase phase = below_n(4) == 0 ? SB_CONSERVATIVE : SB_RELAXED;
	bool lower = limit < m.limit;
	bool backwards = m.phase == SB_RELAXED && phase == SB_CONSERVATIVE;

	EXPECT(sb_set_limit(&led, limit, phase), !lower && !backwards,
	       lower ? STATUS_OUT_OF_RANGE : STATUS_BAD_SEQUENCE);
	if (!lower && !backwards) {
		m.limit = limit;
		m.phase = phase;
	}
}

static void op_stale(void)
{
	uint32_t returned;

	if (m.nstale == 0)
		return;
	sb_handle h = m.stale[below_n(m.nstale < STALE_KEPT ? m.nstale : STALE_KEPT)];
	EXPECT(sb_alloc(&led, h, 1), false, STATUS_NOT_FOUND);
	EXPECT(sb_destroy(&led, h, &returned), false, STATUS_NOT_FOUND);
}

static void check_invariants(uint32_t previous_limit)
{
	struct sb_query q;
	int i;

	assert_int_equal(sb_query(&led, m.bank[0].h, &q), STATUS_OK);
	assert_true(q.limit >= previous_limit);
	assert_int_equal(q.limit, m.limit);
	assert_int_equal(q.phase, m.phase);
	assert_true(q.used <= q.limit);
	for (i = 0; i < SB_MAX_BANKS; i++) {
		if (!m.bank[i].live)
			continue;
		assert_int_equal(sb_query(&led, m.bank[i].h, &q), STATUS_OK);
		assert_int_equal(q.used, model_held(i));
		max_depth = q.depth > max_depth ? q.depth : max_depth;
		assert_true(q.used <= model_cap(i));
	}
}

static void one_step(void)
{
	switch (below_n(16)) {
	case 0: case 1: case 2: case 3: case 4: op_alloc(); break;
	case 5: case 6: case 7: op_free(); break;
	case 8: case 9: case 10: op_create(); break;
	case 11: case 12: op_destroy(); break;
	case 13: op_set_limit(); break;
	default: op_stale(); break;
	}
}

static void run_once(uint64_t seed)
{
	sb_handle root;
	unsigned step;

	rng = seed ? seed : 1;
	memset(&m, 0, sizeof(m));
	m.limit = 200 + below_n(2000);
	m.phase = SB_CONSERVATIVE;
	assert_int_equal(sb_init(&led, m.limit, &root), STATUS_OK);
	m.bank[0] = (struct model_bank){ root, -1, 0, 0, true };
	for (step = 0; step < STEPS; step++) {
		uint32_t before = m.limit;

		one_step();
		check_invariants(before);
	}
}

static void test_random_sequences(void **state)
{
	const char *env = getenv("SPACEBANK_SEED");
	uint64_t seed = env ? strtoull(env, NULL, 0) : (uint64_t)time(NULL);
	unsigned r;

	(void)state;
	printf("spacebank_random: seed=%llu, runs use seed..seed+%u"
	       " (SPACEBANK_SEED=<one of them> replays one)\n",
	       (unsigned long long)seed, env ? 0u : RUNS - 1);
	for (r = 0; r < (env ? 1u : RUNS); r++)
		run_once(seed + r);
	/* So that a reader sees both paths were exercised. */
	printf("spacebank_random: %lu operations done, %lu refused, deepest bank %lu\n",
	       n_ok, n_refused, max_depth);
	assert_true(n_ok > 0 && n_refused > 0 && max_depth >= 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_sequences),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
