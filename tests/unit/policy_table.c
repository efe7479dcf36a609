/*
 * policy_table.c - every row of the decision table in docs/retune-policy.md,
 * table-driven, plus boundaries and bad input.
 *
 * Expected N' values are worked by hand from the documented rule with the
 * default parameters: N' = round_up(need + max(need/4, 256), 64) clamped to
 * [16, cap]; e.g. need 10000 -> 12500 -> 12544.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "retune_policy.h"

#define F_NOW   0xf1f1f1f1ull   /* configuration now */
#define F_OLD   0x0a0a0a0aull   /* configuration the blob was tuned for */
#define F_OTHER 0xbbbbull
#define RAM_1G  262144ull       /* frames: records fitting RAM/8 = 8 M > cap */
#define RAM_64M 16384ull        /* frames: RAM/8 holds 524288 records */
#define KEEP    0xffffffffu     /* expected field: unchanged from the input */

struct row {
	const char *name;
	/* input */
	uint32_t pool, pending, attempts, hard_cap;
	uint64_t guard;          /* the configuration guarded, under this row's cap; 0 = none */
	uint32_t need, kept, running;
	uint64_t ram;
	/* expected */
	enum retune_kind kind;
	enum retune_why why;
	bool reboot, write;
	uint32_t new_pool, next_pending, next_attempts;
	uint64_t next_guard, next_fp;   /* next_guard: as guard */
	uint16_t reason;
};

#define R_NONE BOOTCFG_REASON_NONE
#define R_GROW BOOTCFG_REASON_GROW
#define R_SHRINK BOOTCFG_REASON_SHRINK
#define R_GIVE_UP BOOTCFG_REASON_GIVE_UP
#define R_CURED BOOTCFG_REASON_CURED
#define CAP BOOTCFG_DEFAULT_HARD_CAP

static const struct row rows[] = {
	/* ---- need > running pool ------------------------------------- */
	{ "1 headroom serves: grow, no reboot",
	  8192, 0, 0, CAP, 0, 10000, 16384, 0, RAM_1G,
	  RETUNE_GROW, RETUNE_WHY_FROM_HEADROOM, false, true, 12544, 0, 0, 0, F_NOW, R_GROW },
	{ "1 boundary: need == pool + kept",
	  8192, 0, 0, CAP, 0, 24576, 16384, 0, RAM_1G,
	  RETUNE_GROW, RETUNE_WHY_FROM_HEADROOM, false, true, 30720, 0, 0, 0, F_NOW, R_GROW },
	{ "1 headroom serves a guarded config too (no reboot involved)",
	  8192, 0, 0, CAP, F_NOW, 10000, 16384, 0, RAM_1G,
	  RETUNE_GROW, RETUNE_WHY_FROM_HEADROOM, false, true, 12544, 0, 0, F_NOW, F_NOW, R_GROW },
	{ "2 headroom serves, blob written this boot already fits",
	  12544, 0, 0, CAP, 0, 10000, 16384, 8192, RAM_1G,
	  RETUNE_GROW, RETUNE_WHY_FROM_HEADROOM, false, false, 12544, 0, 0, 0, F_OLD, R_NONE },
	{ "3 guarded config, short: give up again, no write",
	  8192, 0, 0, CAP, F_NOW, 10000, 0, 0, RAM_1G,
	  RETUNE_GIVE_UP, RETUNE_WHY_GUARDED_CONFIG, false, false, 8192, 0, 0, F_NOW, F_OLD, R_NONE },
	{ "3 guarded config, over cap: no second write",
	  8192, 0, 0, 9000, F_NOW, 9001, 16384, 0, RAM_1G,
	  RETUNE_GIVE_UP, RETUNE_WHY_GUARDED_CONFIG, false, false, 8192, 0, 0, F_NOW, F_OLD, R_NONE },
	{ "4 over the hard cap (headroom would serve, cap still holds)",
	  8192, 0, 0, 9000, 0, 9001, 16384, 0, RAM_1G,
	  RETUNE_GIVE_UP, RETUNE_WHY_OVER_CAP, false, true, 8192, 0, 0, F_NOW, F_OLD, R_GIVE_UP },
	{ "4 over the RAM cap (64 MiB / 8 / 16 B = 524288 records)",
	  8192, 0, 0, CAP, 0, 524289, 0, 0, RAM_64M,
	  RETUNE_GIVE_UP, RETUNE_WHY_OVER_CAP, false, true, 8192, 0, 0, F_NOW, F_OLD, R_GIVE_UP },
	{ "4 over cap with a re-tune pending: closes it",
	  12544, 12544, 1, 20000, 0, 20001, 0, 0, RAM_1G,
	  RETUNE_GIVE_UP, RETUNE_WHY_OVER_CAP, false, true, 12544, 0, 0, F_NOW, F_OLD, R_GIVE_UP },
	{ "5 loop guard: K attempts made, still short",
	  25024, 25024, 2, CAP, 0, 40000, 0, 0, RAM_1G,
	  RETUNE_GIVE_UP, RETUNE_WHY_LOOP_GUARD, false, true, 25024, 0, 0, F_NOW, F_OLD, R_GIVE_UP },
	{ "5 loop guard: re-tune not applied still counts",
	  12544, 12544, 2, CAP, 0, 10000, 0, 8192, RAM_1G,
	  RETUNE_GIVE_UP, RETUNE_WHY_LOOP_GUARD, false, true, 12544, 0, 0, F_NOW, F_OLD, R_GIVE_UP },
	{ "6 short, no headroom: grow and reboot",
	  8192, 0, 0, CAP, 0, 10000, 0, 0, RAM_1G,
	  RETUNE_GROW, RETUNE_WHY_NEED_EXCEEDS_POOL, true, true, 12544, 12544, 1, 0, F_NOW, R_GROW },
	{ "6 boundary: need == pool + kept + 1",
	  8192, 0, 0, CAP, 0, 24577, 16384, 0, RAM_1G,
	  RETUNE_GROW, RETUNE_WHY_NEED_EXCEEDS_POOL, true, true, 30784, 30784, 1, 0, F_NOW, R_GROW },
	{ "6 second attempt: attempts counts",
	  12544, 12544, 1, CAP, 0, 20000, 0, 0, RAM_1G,
	  RETUNE_GROW, RETUNE_WHY_NEED_EXCEEDS_POOL, true, true, 25024, 25024, 2, 0, F_NOW, R_GROW },
	{ "6 stale attempts without a pending target start again",
	  8192, 0, 5, CAP, 0, 10000, 0, 0, RAM_1G,
	  RETUNE_GROW, RETUNE_WHY_NEED_EXCEEDS_POOL, true, true, 12544, 12544, 1, 0, F_NOW, R_GROW },
	{ "6 changed fingerprint clears the guard",
	  8192, 0, 0, CAP, F_OTHER, 10000, 0, 0, RAM_1G,
	  RETUNE_GROW, RETUNE_WHY_NEED_EXCEEDS_POOL, true, true, 12544, 12544, 1, 0, F_NOW, R_GROW },
	{ "6 N' clamped to the RAM cap",
	  8192, 0, 0, CAP, 0, 524288, 0, 0, RAM_64M,
	  RETUNE_GROW, RETUNE_WHY_NEED_EXCEEDS_POOL, true, true, 524288, 524288, 1, 0, F_NOW, R_GROW },
	{ "6 N' clamped to the hard cap",
	  8192, 0, 0, 9000, 0, 9000, 0, 0, RAM_1G,
	  RETUNE_GROW, RETUNE_WHY_NEED_EXCEEDS_POOL, true, true, 9000, 9000, 1, 0, F_NOW, R_GROW },
	/* ---- need <= running pool ------------------------------------ */
	{ "7 blob written this boot too small for the need now",
	  1280, 0, 0, CAP, 0, 5000, 0, 8192, RAM_1G,
	  RETUNE_GROW, RETUNE_WHY_NEXT_BOOT_SHORT, false, true, 6272, 0, 0, 0, F_NOW, R_GROW },
	{ "8 shrink: both thresholds passed",
	  8192, 0, 0, CAP, 0, 1000, 0, 0, RAM_1G,
	  RETUNE_SHRINK, RETUNE_WHY_POOL_OVERSIZED, false, true, 1280, 0, 0, 0, F_NOW, R_SHRINK },
	{ "8 boundary: excess 4097, one above the threshold, shrinks",
	  5120, 0, 0, CAP, 0, 1023, 0, 0, RAM_1G,
	  RETUNE_SHRINK, RETUNE_WHY_POOL_OVERSIZED, false, true, 1280, 0, 0, 0, F_NOW, R_SHRINK },
	{ "8 shrink also closes a pending re-tune",
	  30784, 30784, 1, CAP, 0, 1000, 0, 0, RAM_1G,
	  RETUNE_SHRINK, RETUNE_WHY_POOL_OVERSIZED, false, true, 1280, 0, 0, 0, F_NOW, R_SHRINK },
	{ "8 shrink of a guarded config keeps its guard",
	  8192, 0, 0, CAP, F_NOW, 1000, 0, 0, RAM_1G,
	  RETUNE_SHRINK, RETUNE_WHY_POOL_OVERSIZED, false, true, 1280, 0, 0, F_NOW, F_NOW, R_SHRINK },
	{ "9 cured: the re-tune boot fits",
	  12544, 12544, 1, CAP, 0, 10000, 0, 0, RAM_1G,
	  RETUNE_OK, RETUNE_WHY_CURED, false, true, 12544, 0, 0, 0, F_NOW, R_CURED },
	{ "9 cured clears a guard for another config",
	  12544, 12544, 1, CAP, F_OTHER, 10000, 0, 0, RAM_1G,
	  RETUNE_OK, RETUNE_WHY_CURED, false, true, 12544, 0, 0, 0, F_NOW, R_CURED },
	{ "10 hysteresis: not 4x the need",
	  8192, 0, 0, CAP, 0, 2100, 0, 0, RAM_1G,
	  RETUNE_OK, RETUNE_WHY_HYSTERESIS, false, false, 8192, 0, 0, 0, F_OLD, R_NONE },
	{ "10 hysteresis: excess not above 4096",
	  4096, 0, 0, CAP, 0, 100, 0, 0, RAM_1G,
	  RETUNE_OK, RETUNE_WHY_HYSTERESIS, false, false, 4096, 0, 0, 0, F_OLD, R_NONE },
	{ "10 hysteresis boundary: excess exactly 4096 (1024 below 5120)",
	  5120, 0, 0, CAP, 0, 1024, 0, 0, RAM_1G,
	  RETUNE_OK, RETUNE_WHY_HYSTERESIS, false, false, 5120, 0, 0, 0, F_OLD, R_NONE },
	{ "10 hysteresis: need 0, small pool",
	  1024, 0, 0, CAP, 0, 0, 0, 0, RAM_1G,
	  RETUNE_OK, RETUNE_WHY_HYSTERESIS, false, false, 1024, 0, 0, 0, F_OLD, R_NONE },
	{ "11 fits",
	  8192, 0, 0, CAP, 0, 7000, 0, 0, RAM_1G,
	  RETUNE_OK, RETUNE_WHY_FITS, false, false, 8192, 0, 0, 0, F_OLD, R_NONE },
	{ "11 boundary: need == pool",
	  8192, 0, 0, CAP, 0, 8192, 0, 0, RAM_1G,
	  RETUNE_OK, RETUNE_WHY_FITS, false, false, 8192, 0, 0, 0, F_OLD, R_NONE },
	{ "11 guarded config that fits: nothing to do",
	  8192, 0, 0, CAP, F_NOW, 8000, 0, 0, RAM_1G,
	  RETUNE_OK, RETUNE_WHY_FITS, false, false, 8192, 0, 0, F_NOW, F_OLD, R_NONE },
};

/* A guard column names a configuration; the blob holds its key under the
 * row's hard cap and RAM (retune_guard_key). */
static uint64_t guard_of(const struct row *r, uint64_t fingerprint)
{
	return fingerprint ? retune_guard_key(fingerprint, r->hard_cap, r->ram) : 0;
}

static struct retune_input input_of(const struct row *r)
{
	struct retune_input in;
	memset(&in, 0, sizeof(in));
	bootcfg_defaults(&in.tuning);
	in.tuning.generation = 7;
	in.tuning.boot_count = 3;
	in.tuning.pool_frames = r->pool;
	in.tuning.pending_target = r->pending;
	in.tuning.attempts = r->attempts;
	in.tuning.hard_cap_frames = r->hard_cap;
	in.tuning.fingerprint = F_OLD;
	in.tuning.guard_fingerprint = guard_of(r, r->guard);
	in.need = r->need;
	in.kept_headroom = r->kept;
	in.running_pool = r->running;
	in.fingerprint = F_NOW;
	in.ram_frames = r->ram;
	return in;
}

static void check_row(const struct row *r)
{
	struct retune_params p;
	retune_default_params(&p);
	struct retune_input in = input_of(r);
	assert_int_equal(bootcfg_validate(&in.tuning), STATUS_OK);
	struct retune_decision d;
	memset(&d, 0x55, sizeof(d));

	assert_int_equal(retune_decide(&p, &in, &d), STATUS_OK);
	assert_string_equal(retune_kind_name(d.kind), retune_kind_name(r->kind));
	assert_string_equal(retune_why_name(d.why), retune_why_name(r->why));
	assert_int_equal(d.reboot, r->reboot);
	assert_int_equal(d.write_blob, r->write);
	assert_int_equal(d.new_pool, r->new_pool);
	assert_int_equal(d.next.pool_frames, r->write ? r->new_pool : r->pool);
	assert_int_equal(d.next.pending_target, r->next_pending);
	assert_int_equal(d.next.attempts, r->next_attempts);
	assert_true(d.next.guard_fingerprint == guard_of(r, r->next_guard));
	assert_true(d.next.fingerprint == r->next_fp);
	assert_int_equal(d.next.last_reason, r->reason);
	/* The rest of the blob is carried over untouched, and it is valid. */
	assert_true(d.next.generation == in.tuning.generation);
	assert_int_equal(d.next.headroom_frames, in.tuning.headroom_frames);
	assert_int_equal(d.next.hard_cap_frames, in.tuning.hard_cap_frames);
	assert_int_equal(d.next.boot_count, in.tuning.boot_count);
	assert_int_equal(bootcfg_validate(&d.next), STATUS_OK);
	assert_true(d.new_pool <= d.cap);
	assert_false(d.reboot && !d.write_blob);
}

static void test_rows(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		print_message("row: %s\n", rows[i].name);
		check_row(&rows[i]);
	}
}

static void test_pool_min_floor(void **state)
{
	(void)state;
	struct retune_params p;
	retune_default_params(&p);
	p.margin_pct = 0;
	p.margin_min = 0;
	p.round_to = 1;
	struct row r = rows[0];
	r.pool = 8192;
	r.need = 0;
	r.kept = 0;
	struct retune_input in = input_of(&r);
	struct retune_decision d;
	assert_int_equal(retune_decide(&p, &in, &d), STATUS_OK);
	assert_int_equal(d.kind, RETUNE_SHRINK);
	assert_int_equal(d.new_pool, BOOTCFG_POOL_MIN);
}

/* With a margin wider than the shrink factor, "shrinking" would raise N:
 * the policy leaves such a pool alone. */
static void test_shrink_never_raises_n(void **state)
{
	(void)state;
	struct retune_params p;
	retune_default_params(&p);
	p.margin_pct = 400;
	p.shrink_factor = 2;
	struct row r = rows[0];
	r.pool = 12000;
	r.need = 5000;           /* 12000 > 2 * 5000, excess 7000 > 4096 */
	r.kept = 0;
	struct retune_input in = input_of(&r);
	struct retune_decision d;
	assert_int_equal(retune_decide(&p, &in, &d), STATUS_OK);
	assert_int_equal(d.kind, RETUNE_OK);      /* N' would be 25024 */
	assert_false(d.write_blob);
	assert_int_equal(d.new_pool, 12000);
}

static void test_cap_reported(void **state)
{
	(void)state;
	struct retune_params p;
	retune_default_params(&p);
	struct row r = rows[0];
	struct retune_input in = input_of(&r);
	struct retune_decision d;
	in.ram_frames = RAM_64M;
	assert_int_equal(retune_decide(&p, &in, &d), STATUS_OK);
	assert_int_equal(d.cap, 524288);
	in.ram_frames = RAM_1G;
	assert_int_equal(retune_decide(&p, &in, &d), STATUS_OK);
	assert_int_equal(d.cap, CAP);
	in.ram_frames = 1;    /* one frame / 8 holds 32 records */
	assert_int_equal(retune_decide(&p, &in, &d), STATUS_OK);
	assert_int_equal(d.cap, 32);
	p.cap_ram_divisor = 64;  /* 4 records: the cap never drops below POOL_MIN */
	assert_int_equal(retune_decide(&p, &in, &d), STATUS_OK);
	assert_int_equal(d.cap, BOOTCFG_POOL_MIN);
	p.cap_ram_divisor = 8;
	in.ram_frames = UINT64_MAX;
	in.tuning.hard_cap_frames = BOOTCFG_HARD_CAP_MAX;
	assert_int_equal(retune_decide(&p, &in, &d), STATUS_OK);
	assert_int_equal(d.cap, BOOTCFG_POOL_MAX);
}

static void expect_invalid(const struct retune_params *p, const struct retune_input *in)
{
	struct retune_decision d, before;
	memset(&d, 0x33, sizeof(d));
	before = d;
	assert_int_equal(retune_decide(p, in, &d), STATUS_INVALID_ARGUMENT);
	assert_memory_equal(&d, &before, sizeof(d));
}

static void test_bad_input(void **state)
{
	(void)state;
	struct retune_params good;
	retune_default_params(&good);
	const struct retune_input base = input_of(&rows[0]);
	struct retune_decision d;
	assert_int_equal(retune_decide(NULL, &base, &d), STATUS_INVALID_ARGUMENT);
	assert_int_equal(retune_decide(&good, NULL, &d), STATUS_INVALID_ARGUMENT);
	assert_int_equal(retune_decide(&good, &base, NULL), STATUS_INVALID_ARGUMENT);

	struct retune_input in = base;
	in.fingerprint = 0;
	expect_invalid(&good, &in);
	in = base;
	in.ram_frames = 0;
	expect_invalid(&good, &in);
	in = base;
	in.tuning.pool_frames = 0;
	expect_invalid(&good, &in);
	in = base;
	in.tuning.attempts = BOOTCFG_ATTEMPTS_MAX + 1;
	expect_invalid(&good, &in);

	struct retune_params p = good;
	p.round_to = 0;
	expect_invalid(&p, &base);
	p = good;
	p.max_attempts = 0;
	expect_invalid(&p, &base);
	p = good;
	p.max_attempts = BOOTCFG_ATTEMPTS_MAX + 1;
	expect_invalid(&p, &base);
	p = good;
	p.cap_ram_divisor = 0;
	expect_invalid(&p, &base);
	p = good;
	p.shrink_factor = 0;
	expect_invalid(&p, &base);
	p = good;
	p.margin_pct = RETUNE_MARGIN_PCT_MAX + 1;
	expect_invalid(&p, &base);
	p = good;
	p.margin_min = BOOTCFG_POOL_MAX + 1;
	expect_invalid(&p, &base);
	p = good;
	p.cap_ram_divisor = RETUNE_RAM_DIVISOR_MAX + 1;
	expect_invalid(&p, &base);
}

/* The extremes the 32-bit arithmetic must survive. */
static void test_extremes(void **state)
{
	(void)state;
	struct retune_params p;
	retune_default_params(&p);
	p.margin_pct = RETUNE_MARGIN_PCT_MAX;
	p.margin_min = BOOTCFG_POOL_MAX;
	p.round_to = BOOTCFG_POOL_MAX;
	p.cap_ram_divisor = RETUNE_RAM_DIVISOR_MAX;
	struct retune_input in = input_of(&rows[0]);
	in.tuning.hard_cap_frames = BOOTCFG_HARD_CAP_MAX;
	in.ram_frames = UINT32_MAX;
	in.kept_headroom = UINT32_MAX;
	struct retune_decision d;
	for (uint32_t need = BOOTCFG_POOL_MAX - 2; need < BOOTCFG_POOL_MAX + 2; need++) {
		in.need = need;
		assert_int_equal(retune_decide(&p, &in, &d), STATUS_OK);
		assert_int_equal(d.cap, BOOTCFG_POOL_MAX);
		if (need <= BOOTCFG_POOL_MAX) {
			assert_int_equal(d.kind, RETUNE_GROW);
			assert_int_equal(d.new_pool, BOOTCFG_POOL_MAX);
		} else {
			assert_int_equal(d.why, RETUNE_WHY_OVER_CAP);
		}
	}
	in.need = UINT32_MAX;
	assert_int_equal(retune_decide(&p, &in, &d), STATUS_OK);
	assert_int_equal(d.why, RETUNE_WHY_OVER_CAP);
	/* Largest divisor, RAM just under what gives POOL_MAX records. */
	in.need = 100;
	in.ram_frames = (uint64_t)RETUNE_RAM_DIVISOR_MAX * 16383 + 65535;
	assert_int_equal(retune_decide(&p, &in, &d), STATUS_OK);
	assert_int_equal(d.cap, 16383 * 256 + 65535 * 256 / 65536);
}

/* The guard's key: never 0, and another fingerprint, hard cap or RAM size
 * gives another key. */
static void test_guard_key(void **state)
{
	(void)state;
	uint64_t k = retune_guard_key(F_NOW, CAP, RAM_1G);
	assert_true(k != 0);
	assert_true(k == retune_guard_key(F_NOW, CAP, RAM_1G));
	assert_true(k != retune_guard_key(F_OTHER, CAP, RAM_1G));
	assert_true(k != retune_guard_key(F_NOW, CAP + 1, RAM_1G));
	assert_true(k != retune_guard_key(F_NOW, CAP, RAM_1G + 1));
	assert_true(k != retune_guard_key(F_NOW, CAP, RAM_1G | 1ull << 32));
	assert_true(retune_guard_key(0, 0, 0) != 0);
}

/* Over the hard cap: give up, guarded.  The same question again stays
 * guarded; raising the hard cap (or adding RAM) re-arms the guard: the
 * next decision grows and reboots instead of `guarded-config`. */
static void test_guard_rearmed_by_cap(void **state)
{
	(void)state;
	struct retune_params p;
	struct retune_decision d;
	const struct row r = { .name = "over cap", .pool = 8192, .hard_cap = 9000,
			       .need = 9001, .ram = RAM_1G };
	struct retune_input in = input_of(&r);

	retune_default_params(&p);
	assert_int_equal(retune_decide(&p, &in, &d), STATUS_OK);
	assert_int_equal(d.why, RETUNE_WHY_OVER_CAP);
	in.tuning = d.next;
	assert_int_equal(retune_decide(&p, &in, &d), STATUS_OK);
	assert_int_equal(d.why, RETUNE_WHY_GUARDED_CONFIG);

	struct retune_input raised = in;
	raised.tuning.hard_cap_frames = 20000;          /* bootcfg set hard_cap=20000 */
	assert_int_equal(retune_decide(&p, &raised, &d), STATUS_OK);
	assert_int_equal(d.why, RETUNE_WHY_NEED_EXCEEDS_POOL);
	assert_true(d.reboot);
	assert_true(d.next.guard_fingerprint == 0);

	struct retune_input more_ram = in;
	more_ram.ram_frames = RAM_1G * 2;
	assert_int_equal(retune_decide(&p, &more_ram, &d), STATUS_OK);
	assert_int_equal(d.why, RETUNE_WHY_OVER_CAP);   /* asked again: still over */
	assert_true(d.write_blob);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(retune_kind_name(RETUNE_GIVE_UP), "give-up");
	assert_string_equal(retune_kind_name(RETUNE_KIND_COUNT), "unknown");
	assert_string_equal(retune_why_name(RETUNE_WHY_LOOP_GUARD), "loop-guard");
	assert_string_equal(retune_why_name(RETUNE_WHY_NEXT_BOOT_SHORT), "next-boot-short");
	assert_string_equal(retune_why_name(RETUNE_WHY_COUNT), "unknown");
	for (int k = 0; k < RETUNE_KIND_COUNT; k++)
		assert_string_not_equal(retune_kind_name(k), "unknown");
	for (int w = 0; w < RETUNE_WHY_COUNT; w++)
		assert_string_not_equal(retune_why_name(w), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_pool_min_floor),
		cmocka_unit_test(test_shrink_never_raises_n),
		cmocka_unit_test(test_cap_reported),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_extremes),
		cmocka_unit_test(test_guard_key),
		cmocka_unit_test(test_guard_rearmed_by_cap),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
