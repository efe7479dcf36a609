/*
 * storewriter_seq.c - the store write sequence over the simulated
 * virtio-blk disk: success, then a failure and a tear at every byte of
 * every sector write; each leaves the previous blob or the new one
 * selected, never garbage, and a retry converges.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "virtio_sim.h"
#include "store_write.h"

static struct vsim sim;
static struct vio_platform pf;
static struct vblk blk;
static struct blkdev dev;       /* the sequence sees blk through blkdev.h */
static struct store_scratch scratch;

/* A store with one blob (generation 1, pool 9000) in slot A. */
static int setup(void **state)
{
	struct bootcfg cfg;

	(void)state;
	vsim_init(&sim);
	vsim_platform(&sim, &pf);
	blkdev_vblk(&dev, &blk);
	bootcfg_defaults(&cfg);
	cfg.pool_frames = 9000;
	assert_int_equal(bootcfg_store_write(sim.disk, BOOTCFG_STORE_BYTES, &cfg), STATUS_OK);
	return 0;
}

static void make_next(struct bootcfg *next, struct bootcfg_log_record *rec)
{
	bootcfg_defaults(next);
	next->pool_frames = 70000;
	next->last_reason = BOOTCFG_REASON_GROW;
	memset(rec, 0, sizeof(*rec));
	rec->old_pool = 9000;
	rec->new_pool = 70000;
	rec->need = 66000;
	rec->reason = BOOTCFG_REASON_GROW;
	rec->reboot = 1;
	rec->trigger = 0x0100;
}

static unsigned log_records_with(uint32_t new_pool)
{
	struct bootcfg_log_state ls;
	struct bootcfg_log_record r;
	unsigned k, n = 0;

	bootcfg_log_scan(sim.disk + BOOTCFG_LOG_OFFSET, BOOTCFG_LOG_BYTES, &ls);
	for (k = 0; k < ls.count; k++) {
		assert_int_equal(bootcfg_log_get(sim.disk + BOOTCFG_LOG_OFFSET,
						 BOOTCFG_LOG_BYTES, k, &r), STATUS_OK);
		n += r.new_pool == new_pool;
	}
	return n;
}

static void test_success(void **state)
{
	struct bootcfg next;
	struct bootcfg_log_record rec;
	struct bootcfg_choice ch;
	enum bootcfg_slot slot;

	(void)state;
	make_next(&next, &rec);
	assert_int_equal(vblk_init(&blk, &pf), STATUS_OK);
	assert_int_equal(store_write(&dev, &next, &rec, &scratch, &slot), STATUS_OK);
	assert_int_equal(slot, BOOTCFG_SLOT_B);
	bootcfg_select(sim.disk, BOOTCFG_STORE_BYTES, &ch);
	assert_int_equal(ch.slot, BOOTCFG_SLOT_B);
	assert_int_equal(ch.cfg.generation, 2);
	assert_int_equal(ch.cfg.pool_frames, 70000);
	assert_int_equal(log_records_with(70000), 1);
	assert_int_equal(rec.seq, 1);
	assert_int_equal(sim.writes, 2);        /* one sector each: blob, record */
	assert_true(sim.flushes >= 2);
}

static void test_bad_blob_writes_nothing(void **state)
{
	struct bootcfg next;
	struct bootcfg_log_record rec;
	enum bootcfg_slot slot;

	(void)state;
	make_next(&next, &rec);
	next.pool_frames = 1;                   /* below BOOTCFG_POOL_MIN */
	assert_int_equal(vblk_init(&blk, &pf), STATUS_OK);
	assert_int_equal(store_write(&dev, &next, &rec, &scratch, &slot), STATUS_BAD_POOL);
	assert_int_equal(sim.writes, 0);
}

/* After a fault: the selection is the old blob or the new one; a retry on
 * a healthy device (re-initialised driver) then converges. */
static void check_and_retry(void)
{
	struct bootcfg next;
	struct bootcfg_log_record rec;
	struct bootcfg_choice ch;
	enum bootcfg_slot slot;

	bootcfg_select(sim.disk, BOOTCFG_STORE_BYTES, &ch);
	assert_true(ch.slot == BOOTCFG_SLOT_A || ch.slot == BOOTCFG_SLOT_B);
	assert_true(ch.cfg.pool_frames == 9000 || ch.cfg.pool_frames == 70000);
	assert_true(ch.cfg.pool_frames == 9000 ? ch.slot == BOOTCFG_SLOT_A
					       : ch.slot == BOOTCFG_SLOT_B);
	sim.mute = false;
	sim.fail_write_at = sim.torn_write_at = -1;
	make_next(&next, &rec);
	assert_int_equal(vblk_init(&blk, &pf), STATUS_OK);
	assert_int_equal(store_write(&dev, &next, &rec, &scratch, &slot), STATUS_OK);
	bootcfg_select(sim.disk, BOOTCFG_STORE_BYTES, &ch);
	assert_int_equal(ch.cfg.pool_frames, 70000);
	assert_true(log_records_with(70000) >= 1);
}

static void test_failure_at_each_write(void **state)
{
	int k;

	for (k = 0; k < 2; k++) {
		struct bootcfg next;
		struct bootcfg_log_record rec;
		enum bootcfg_slot slot;

		setup(state);
		sim.fail_write_at = k;
		make_next(&next, &rec);
		assert_int_equal(vblk_init(&blk, &pf), STATUS_OK);
		assert_int_equal(store_write(&dev, &next, &rec, &scratch, &slot), STATUS_IO_ERROR);
		check_and_retry();
	}
}

static void test_torn_at_every_byte(void **state)
{
	int k;
	unsigned bytes;

	for (k = 0; k < 2; k++)
		for (bytes = 0; bytes <= VBLK_SECTOR_BYTES; bytes++) {
			struct bootcfg next;
			struct bootcfg_log_record rec;
			enum bootcfg_slot slot;

			setup(state);
			sim.torn_write_at = k;
			sim.torn_bytes = bytes;
			make_next(&next, &rec);
			assert_int_equal(vblk_init(&blk, &pf), STATUS_OK);
			blk.timeout_ms = 8;
			assert_int_equal(store_write(&dev, &next, &rec, &scratch, &slot),
					 STATUS_IO_ERROR);
			check_and_retry();
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_success, setup),
		cmocka_unit_test_setup(test_bad_blob_writes_nothing, setup),
		cmocka_unit_test(test_failure_at_each_write),
		cmocka_unit_test(test_torn_at_every_byte),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
