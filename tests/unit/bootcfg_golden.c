/*
 * bootcfg_golden.c - the golden store written by the big-endian ColdFire
 * build of the codec (tests/data/golden-store-coldfire.bin) must decode on
 * the little-endian host to exactly the values it was built from, and the
 * host codec must produce the identical bytes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "bootcfg.h"
#include "golden_store.h"

static uint8_t golden[BOOTCFG_STORE_BYTES];

static int load_golden(void **state)
{
	(void)state;
	FILE *f = fopen(GOLDEN_PATH, "rb");
	if (!f)
		return -1;
	size_t n = fread(golden, 1, sizeof(golden), f);
	int extra = fgetc(f);
	fclose(f);
	return n == sizeof(golden) && extra == EOF ? 0 : -1;
}

static void test_current_slot_fields(void **state)
{
	(void)state;
	struct bootcfg_choice ch;

	bootcfg_select(golden, sizeof(golden), &ch);
	assert_int_equal(ch.slot, BOOTCFG_SLOT_A);
	assert_int_equal(ch.pick, BOOTCFG_PICK_NEWEST);
	assert_true(ch.cfg.generation == 3);
	assert_int_equal(ch.cfg.pool_frames, 0x00123456);
	assert_int_equal(ch.cfg.headroom_frames, 0x00345678);
	assert_int_equal(ch.cfg.hard_cap_frames, 0x00abcdef);
	assert_int_equal(ch.cfg.pending_target, 0x00200001);
	assert_int_equal(ch.cfg.attempts, 5);
	assert_int_equal(ch.cfg.boot_count, 0x89abcdef);
	assert_int_equal(ch.cfg.last_reason, BOOTCFG_REASON_GROW);
	assert_true(ch.cfg.fingerprint == 0x0123456789abcdefull);
	assert_true(ch.cfg.guard_fingerprint == 0x1122334455667788ull);
	/* Little endian on disk, whatever wrote it: pool at offset 16. */
	assert_int_equal(golden[16], 0x56);
	assert_int_equal(golden[17], 0x34);
	assert_int_equal(golden[18], 0x12);
	assert_int_equal(golden[19], 0x00);
}

static void test_older_slot_fields(void **state)
{
	(void)state;
	struct bootcfg b;

	assert_int_equal(bootcfg_decode(golden + BOOTCFG_SLOT_OFFSET(1),
					BOOTCFG_SLOT_BYTES, &b), STATUS_OK);
	assert_true(b.generation == 2);
	assert_int_equal(b.pool_frames, 0x00123356);
	assert_int_equal(b.headroom_frames, 0x00345678);
	assert_int_equal(b.hard_cap_frames, 0x00abcdef);
	assert_int_equal(b.pending_target, 0);
	assert_int_equal(b.attempts, 2);
	assert_int_equal(b.boot_count, 0x89abcdee);
	assert_int_equal(b.last_reason, BOOTCFG_REASON_INIT);
	assert_true(b.fingerprint == 0x0123456789abcdefull);
	assert_true(b.guard_fingerprint == 0);
}

static void test_log_records(void **state)
{
	(void)state;
	const uint8_t *ring = golden + BOOTCFG_LOG_OFFSET;
	static const struct bootcfg_log_record want[3] = {
		{ 1, 0x01020301, 0x10000, 0x10abc, 0x00fedc01, BOOTCFG_REASON_GROW, 1,
		  0x13af9, 0xa1b2c3d4e5f60719ull, 0 },
		{ 2, 0x01020302, 0x20000, 0x20abc, 0x00fedc02, BOOTCFG_REASON_SHRINK, 0,
		  BOOTCFG_TRIGGER_NONE, 0xa1b2c3d4e5f6071aull, 0 },
		{ 3, 0x01020303, 0x30000, 0x30abc, 0x00fedc03, BOOTCFG_REASON_GIVE_UP, 1,
		  0x13afb, 0xa1b2c3d4e5f6071bull, 0 },
	};
	struct bootcfg_log_state st;
	struct bootcfg_log_record r;

	bootcfg_log_scan(ring, BOOTCFG_LOG_BYTES, &st);
	assert_int_equal(st.count, 3);
	assert_int_equal(st.next_index, 3);
	for (uint32_t k = 0; k < 3; k++) {
		assert_int_equal(bootcfg_log_get(ring, BOOTCFG_LOG_BYTES, k, &r), STATUS_OK);
		assert_int_equal(r.seq, want[k].seq);
		assert_int_equal(r.boot, want[k].boot);
		assert_int_equal(r.old_pool, want[k].old_pool);
		assert_int_equal(r.new_pool, want[k].new_pool);
		assert_int_equal(r.need, want[k].need);
		assert_int_equal(r.reason, want[k].reason);
		assert_int_equal(r.reboot, want[k].reboot);
		assert_int_equal(r.trigger, want[k].trigger);
		assert_true(r.fingerprint == want[k].fingerprint);
	}
}

/* The host build of the codec writes the same bytes as ColdFire did. */
static void test_host_builds_identical_image(void **state)
{
	(void)state;
	static uint8_t mine[BOOTCFG_STORE_BYTES];

	assert_int_equal(golden_store_build(mine), STATUS_OK);
	assert_memory_equal(mine, golden, sizeof(mine));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_current_slot_fields),
		cmocka_unit_test(test_older_slot_fields),
		cmocka_unit_test(test_log_records),
		cmocka_unit_test(test_host_builds_identical_image),
	};
	return cmocka_run_group_tests(tests, load_golden, NULL);
}
