/*
 * policy_boots.c - the re-tune policy over many boots of a simulated
 * machine whose config store is the real codec (bootcfg_select picks the
 * blob each boot, bootcfg_store_write writes what the policy returns).
 *
 * What it holds the policy to: one re-tune reboot at most per material
 * change; an unfixable need stops after K re-tune boots and then never
 * reboots again for that configuration; a changed configuration clears the
 * guard; a shrink never reboots and does not oscillate.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "retune_policy.h"

#define RAM_1G    262144ull   /* frames; cap = hard cap (2^20 records) */
#define MAX_BOOTS 16

struct machine {
	uint8_t store[BOOTCFG_STORE_BYTES];
	struct retune_params params;
	uint32_t keep;          /* headroom devdisc keeps at settle */
	uint32_t force_running; /* a loader that ignores the blob's N; 0 = none */
	unsigned reboots, writes, boots;
};

struct boot {
	struct bootcfg tuning;  /* what this boot runs on */
	uint32_t running;
};

static void machine_init(struct machine *m)
{
	memset(m, 0, sizeof(*m));
	retune_default_params(&m->params);
}

/* A store that starts with N = pool (written by an earlier boot). */
static void machine_with_pool(struct machine *m, uint32_t pool)
{
	machine_init(m);
	struct bootcfg cfg;
	bootcfg_defaults(&cfg);
	cfg.pool_frames = pool;
	assert_int_equal(bootcfg_store_write(m->store, sizeof(m->store), &cfg), STATUS_OK);
}

static struct boot power_on(struct machine *m)
{
	struct bootcfg_choice ch;
	bootcfg_select(m->store, sizeof(m->store), &ch);
	struct boot b = { .tuning = ch.cfg, .running = ch.cfg.pool_frames };
	if (m->force_running)
		b.running = m->force_running;
	m->boots++;
	return b;
}

/* One decision the way devdisc makes it: on the newest blob, and writes
 * the blob it is handed. */
static struct retune_decision decide(struct machine *m, const struct boot *b,
				     uint32_t need, uint64_t fp)
{
	struct bootcfg_choice ch;
	bootcfg_select(m->store, sizeof(m->store), &ch);
	struct retune_input in = {
		.tuning = ch.cfg, .need = need, .fingerprint = fp,
		.ram_frames = RAM_1G, .running_pool = b->running,
		.kept_headroom = m->keep < b->tuning.headroom_frames
				 ? m->keep : b->tuning.headroom_frames,
	};
	struct retune_decision d;
	assert_int_equal(retune_decide(&m->params, &in, &d), STATUS_OK);
	if (d.write_blob) {
		assert_int_equal(bootcfg_store_write(m->store, sizeof(m->store), &d.next),
				 STATUS_OK);
		m->writes++;
	}
	if (d.reboot)
		m->reboots++;
	return d;
}

/* Boots until a boot asks for no reboot; returns that boot's decision. */
static struct retune_decision boot_until_quiet(struct machine *m, uint32_t need, uint64_t fp)
{
	for (int k = 0; k < MAX_BOOTS; k++) {
		struct boot b = power_on(m);
		struct retune_decision d = decide(m, &b, need, fp);
		if (!d.reboot)
			return d;
	}
	fail_msg("still rebooting after %d boots", MAX_BOOTS);
	return (struct retune_decision){ 0 };
}

static void assert_quiet_boot(struct machine *m, uint32_t need, uint64_t fp,
			      enum retune_kind kind)
{
	unsigned writes = m->writes;
	struct boot b = power_on(m);
	struct retune_decision d = decide(m, &b, need, fp);
	assert_int_equal(d.kind, kind);
	assert_false(d.reboot);
	assert_false(d.write_blob);
	assert_int_equal(m->writes, writes);
}

static void test_grow_reboot_then_cured(void **state)
{
	(void)state;
	struct machine m;
	machine_init(&m);   /* empty store: built-in defaults, N = 8192 */
	struct boot b = power_on(&m);
	assert_int_equal(b.running, BOOTCFG_DEFAULT_POOL);
	struct retune_decision d = decide(&m, &b, 10000, 0x1);
	assert_int_equal(d.kind, RETUNE_GROW);
	assert_true(d.reboot);

	b = power_on(&m);
	assert_int_equal(b.running, d.new_pool);
	assert_int_equal(b.tuning.pending_target, d.new_pool);
	d = decide(&m, &b, 10000, 0x1);
	assert_int_equal(d.kind, RETUNE_OK);
	assert_int_equal(d.why, RETUNE_WHY_CURED);
	assert_true(d.write_blob);
	assert_false(d.reboot);

	assert_quiet_boot(&m, 10000, 0x1, RETUNE_OK);
	assert_int_equal(m.reboots, 1);
	assert_int_equal(m.writes, 2);
}

/* Any need, from several starting pools, with and without kept headroom:
 * at most one reboot, then quiet boots. */
static void settle_one(uint32_t pool, uint32_t keep, uint32_t need)
{
	struct machine m;
	machine_with_pool(&m, pool);
	m.keep = keep;
	struct retune_decision d = boot_until_quiet(&m, need, 0x77);
	assert_true(m.reboots <= 1);
	if (d.kind == RETUNE_GIVE_UP) {
		assert_int_equal(d.why, RETUNE_WHY_OVER_CAP);
		assert_int_equal(m.reboots, 0);
	}
	/* The next boots change nothing: no write, no reboot. */
	unsigned writes = m.writes;
	for (int k = 0; k < 2; k++) {
		struct boot b = power_on(&m);
		d = decide(&m, &b, need, 0x77);
		assert_false(d.reboot);
		assert_false(d.write_blob);
		if (d.kind != RETUNE_GIVE_UP)
			assert_true(b.running >= need);
	}
	assert_int_equal(m.writes, writes);
	assert_true(writes <= 2);
}

static void test_one_reboot_per_change(void **state)
{
	(void)state;
	static const uint32_t pools[] = { BOOTCFG_POOL_MIN, 8192, 100000, 1u << 20 };
	static const uint32_t keeps[] = { 0, 4096 };
	for (size_t p = 0; p < sizeof(pools) / sizeof(pools[0]); p++)
		for (size_t k = 0; k < 2; k++)
			for (uint32_t need = 0; need < 1200000; need += 2999)
				settle_one(pools[p], keeps[k], need);
}

/* A need that always outruns the pool: K re-tune boots, then give up, and
 * no more reboots however often the machine is powered on. */
static void test_unfixable_need_gives_up(void **state)
{
	(void)state;
	struct machine m;
	machine_init(&m);
	for (int k = 0; k < MAX_BOOTS; k++) {
		struct boot b = power_on(&m);
		struct retune_decision d = decide(&m, &b, b.running + 5000, 0x42);
		if (!d.reboot) {
			assert_int_equal(d.kind, RETUNE_GIVE_UP);
			assert_int_equal(d.why, RETUNE_WHY_LOOP_GUARD);
			break;
		}
	}
	assert_int_equal(m.reboots, m.params.max_attempts);
	for (int k = 0; k < 3; k++) {
		struct boot b = power_on(&m);
		struct retune_decision d = decide(&m, &b, b.running + 5000, 0x42);
		assert_int_equal(d.why, RETUNE_WHY_GUARDED_CONFIG);
		assert_false(d.reboot);
		assert_false(d.write_blob);
	}
	assert_int_equal(m.reboots, m.params.max_attempts);
}

/* The written N never takes effect (a loader falling back to defaults):
 * the loop guard still stops after K reboots. */
static void test_retune_not_applied_still_bounded(void **state)
{
	(void)state;
	struct machine m;
	machine_init(&m);
	m.params.max_attempts = 3;
	m.force_running = BOOTCFG_DEFAULT_POOL;
	struct retune_decision d = boot_until_quiet(&m, 10000, 0x9);
	assert_int_equal(d.why, RETUNE_WHY_LOOP_GUARD);
	assert_int_equal(m.reboots, 3);
}

static void test_over_cap_never_reboots(void **state)
{
	(void)state;
	struct machine m;
	machine_init(&m);
	struct retune_decision d = boot_until_quiet(&m, 2000000, 0x5);
	assert_int_equal(d.why, RETUNE_WHY_OVER_CAP);
	assert_true(d.write_blob);
	assert_int_equal(m.reboots, 0);
	assert_quiet_boot(&m, 2000000, 0x5, RETUNE_GIVE_UP);
	assert_int_equal(m.writes, 1);
}

static void test_config_change_clears_guard(void **state)
{
	(void)state;
	struct machine m;
	machine_init(&m);
	boot_until_quiet(&m, 2000000, 0x5);          /* gave up on 0x5 */
	struct retune_decision d = boot_until_quiet(&m, 10000, 0x6);
	assert_int_equal(m.reboots, 1);              /* 0x6 gets its re-tune */
	assert_int_equal(d.why, RETUNE_WHY_CURED);
	struct boot b = power_on(&m);
	assert_true(b.tuning.guard_fingerprint == 0);
	assert_int_equal(b.tuning.pending_target, 0);
	assert_int_equal(b.tuning.attempts, 0);
	/* Back to the hopeless configuration: one give-up write, no reboot. */
	d = boot_until_quiet(&m, 2000000, 0x5);
	assert_int_equal(d.why, RETUNE_WHY_OVER_CAP);
	assert_int_equal(m.reboots, 1);
}

static void test_shrink_lazily(void **state)
{
	(void)state;
	struct machine m;
	machine_with_pool(&m, 100000);
	struct boot b = power_on(&m);
	struct retune_decision d = decide(&m, &b, 1000, 0x3);
	assert_int_equal(d.kind, RETUNE_SHRINK);
	assert_false(d.reboot);
	/* Same boot, same need: the written blob already fits. */
	d = decide(&m, &b, 1000, 0x3);
	assert_int_equal(d.kind, RETUNE_OK);
	assert_false(d.write_blob);
	/* Same boot, a device arrives: the running pool serves it, but the
	 * lazily shrunk blob would not, so it is revised without a reboot. */
	d = decide(&m, &b, 50000, 0x4);
	assert_int_equal(d.kind, RETUNE_GROW);
	assert_int_equal(d.why, RETUNE_WHY_NEXT_BOOT_SHORT);
	assert_false(d.reboot);
	assert_true(d.new_pool >= 50000 && d.new_pool < 100000);
	/* The next boot runs on the revised N and is quiet. */
	b = power_on(&m);
	assert_int_equal(b.running, d.new_pool);
	assert_quiet_boot(&m, 50000, 0x4, RETUNE_OK);
	assert_int_equal(m.reboots, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grow_reboot_then_cured),
		cmocka_unit_test(test_one_reboot_per_change),
		cmocka_unit_test(test_unfixable_need_gives_up),
		cmocka_unit_test(test_retune_not_applied_still_bounded),
		cmocka_unit_test(test_over_cap_never_reboots),
		cmocka_unit_test(test_config_change_clears_guard),
		cmocka_unit_test(test_shrink_lazily),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
