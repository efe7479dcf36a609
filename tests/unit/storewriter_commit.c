/*
 * storewriter_commit.c - one commit point for blob and log record, and the
 * generation limit, over a memory disk behind struct blkdev.
 *
 * The machine is killed after every write of the sequence, and each write
 * is torn at every byte: the store then selects the old tuning or the new
 * one; a selected new blob always has its record (no committed record is
 * lost); a record whose blob did not land is pending, is not counted, and
 * the retry replaces it (one record per write, never two).  The same with
 * a store at generation 2^64 - 1 (two compaction writes first) and with a
 * log at seq 2^32 - 1.  A lost acknowledgement is resolved by reading
 * back: the write is done if blob and record are on disk.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "store_write.h"

#define OLD_POOL 9000u
#define NEW_POOL 70000u

struct memdisk {
	uint8_t disk[BOOTCFG_STORE_BYTES];
	int writes;
	int kill_at;           /* this write is torn after torn_bytes; then dead */
	unsigned torn_bytes;
	int lose_ack_at;       /* this write lands but reports IO_ERROR */
	bool dead;
	uint32_t order[8];     /* sectors in write order */
};

static struct memdisk md;
static struct store_scratch scratch;

static enum status md_read(void *ctx, uint32_t sector, uint8_t *buf)
{
	struct memdisk *m = ctx;

	if (m->dead)
		return STATUS_IO_ERROR;
	memcpy(buf, m->disk + sector * BLKDEV_SECTOR_BYTES, BLKDEV_SECTOR_BYTES);
	return STATUS_OK;
}

static enum status md_write(void *ctx, uint32_t sector, const uint8_t *buf)
{
	struct memdisk *m = ctx;
	int k = m->writes++;

	if (m->dead)
		return STATUS_IO_ERROR;
	if (k < 8)
		m->order[k] = sector;
	unsigned n = k == m->kill_at ? m->torn_bytes : BLKDEV_SECTOR_BYTES;
	memcpy(m->disk + sector * BLKDEV_SECTOR_BYTES, buf, n);
	if (k == m->kill_at)
		m->dead = true;
	return k == m->kill_at || k == m->lose_ack_at ? STATUS_IO_ERROR : STATUS_OK;
}

static enum status md_flush(void *ctx)
{
	(void)ctx;
	return STATUS_OK;
}

static const struct blkdev dev = { .ctx = &md, .read = md_read, .write = md_write,
				   .flush = md_flush };

/* Slot A holds pool OLD_POOL at `generation`; the ring holds one record. */
static void reset(uint64_t generation, uint32_t seq)
{
	struct bootcfg cfg;
	struct bootcfg_log_record r = { .seq = seq, .new_pool = OLD_POOL, .generation = generation };

	memset(&md, 0, sizeof(md));
	md.kill_at = md.lose_ack_at = -1;
	bootcfg_defaults(&cfg);
	cfg.pool_frames = OLD_POOL;
	cfg.generation = generation;
	assert_int_equal(bootcfg_encode(&cfg, md.disk, BOOTCFG_SLOT_BYTES), STATUS_OK);
	assert_int_equal(bootcfg_log_encode(&r, md.disk + BOOTCFG_LOG_OFFSET,
					    BOOTCFG_LOG_RECORD_BYTES), STATUS_OK);
}

static enum status write_new(enum bootcfg_slot *slot)
{
	struct bootcfg next;
	struct bootcfg_log_record rec = { .old_pool = OLD_POOL, .new_pool = NEW_POOL,
					  .reason = BOOTCFG_REASON_GROW, .reboot = 1,
					  .trigger = BOOTCFG_TRIGGER_NONE };

	bootcfg_defaults(&next);
	next.pool_frames = NEW_POOL;
	next.last_reason = BOOTCFG_REASON_GROW;
	return store_write(&dev, &next, &rec, &scratch, slot);
}

/* Records with new_pool NEW_POOL in the ring, pending or not. */
static unsigned new_records(void)
{
	struct bootcfg_log_record r;
	unsigned n = 0;

	for (uint32_t i = 0; i < BOOTCFG_LOG_RECORDS; i++)
		if (bootcfg_log_decode(md.disk + BOOTCFG_LOG_OFFSET + i * BOOTCFG_LOG_RECORD_BYTES,
				       BOOTCFG_LOG_RECORD_BYTES, &r) == STATUS_OK)
			n += r.new_pool == NEW_POOL;
	return n;
}

/* The commit invariant after any kill. */
static void check_committed_or_pending(void)
{
	struct bootcfg_choice ch;
	struct bootcfg_log_state ls;

	bootcfg_select(md.disk, sizeof(md.disk), &ch);
	assert_true(ch.cfg.pool_frames == OLD_POOL || ch.cfg.pool_frames == NEW_POOL);
	bootcfg_log_scan_store(md.disk, sizeof(md.disk), &ls);
	if (ch.cfg.pool_frames == NEW_POOL) {
		assert_int_equal(new_records(), 1);   /* a selected blob has its record */
		assert_int_equal(ls.count, 2);
	} else {
		assert_int_equal(ls.count, 1);        /* a record without its blob is pending */
	}
}

/* A healthy retry converges on the new blob with exactly one record, at
 * generation want or one less (a compaction torn in its second write
 * leaves generation 1 current). */
static void check_retry(uint64_t want_generation)
{
	struct bootcfg_choice ch;
	struct bootcfg_log_state ls;
	enum bootcfg_slot slot;

	md.dead = false;
	md.kill_at = md.lose_ack_at = -1;
	bootcfg_select(md.disk, sizeof(md.disk), &ch);
	if (ch.cfg.pool_frames != NEW_POOL)
		assert_int_equal(write_new(&slot), STATUS_OK);
	bootcfg_select(md.disk, sizeof(md.disk), &ch);
	assert_int_equal(ch.cfg.pool_frames, NEW_POOL);
	assert_true(ch.cfg.generation == want_generation ||
		    ch.cfg.generation + 1 == want_generation);
	assert_int_equal(new_records(), 1);
	bootcfg_log_scan_store(md.disk, sizeof(md.disk), &ls);
	assert_int_equal(ls.count, 2);
}

static void kill_everywhere(uint64_t generation, int writes, uint64_t want_generation)
{
	enum bootcfg_slot slot;

	for (int k = 0; k < writes; k++)
		for (unsigned bytes = 0; bytes <= BLKDEV_SECTOR_BYTES; bytes++) {
			reset(generation, 5);
			md.kill_at = k;
			md.torn_bytes = bytes;
			assert_int_equal(write_new(&slot), STATUS_IO_ERROR);
			check_committed_or_pending();
			check_retry(want_generation);
		}
}

static void test_record_before_blob(void **state)
{
	enum bootcfg_slot slot;
	struct bootcfg_log_record r;

	(void)state;
	reset(1, 5);
	assert_int_equal(write_new(&slot), STATUS_OK);
	assert_int_equal(slot, BOOTCFG_SLOT_B);
	assert_int_equal(md.writes, 2);
	assert_int_equal(md.order[0], BOOTCFG_LOG_OFFSET / BLKDEV_SECTOR_BYTES);
	assert_int_equal(md.order[1], BOOTCFG_SLOT_B);
	assert_int_equal(bootcfg_log_decode(md.disk + BOOTCFG_LOG_OFFSET + BOOTCFG_LOG_RECORD_BYTES,
					    BOOTCFG_LOG_RECORD_BYTES, &r), STATUS_OK);
	assert_int_equal(r.seq, 6);
	assert_true(r.generation == 2);
}

static void test_kill_after_every_write(void **state)
{
	(void)state;
	kill_everywhere(1, 2, 2);
}

/* At 2^64 - 1: compaction (2 writes), then record and blob (2 writes);
 * the new blob ends as generation 3. */
static void test_generation_limit(void **state)
{
	enum bootcfg_slot slot;
	struct bootcfg_choice ch;

	(void)state;
	reset(UINT64_MAX, 5);
	assert_int_equal(write_new(&slot), STATUS_OK);
	assert_int_equal(md.writes, 4);
	bootcfg_select(md.disk, sizeof(md.disk), &ch);
	assert_int_equal(ch.cfg.pool_frames, NEW_POOL);
	assert_true(ch.cfg.generation == 3);
	kill_everywhere(UINT64_MAX, 4, 3);
}

static void test_seq_limit(void **state)
{
	enum bootcfg_slot slot;
	struct bootcfg_log_state ls;

	(void)state;
	reset(1, UINT32_MAX);
	assert_int_equal(write_new(&slot), STATUS_OK);
	bootcfg_log_scan_store(md.disk, sizeof(md.disk), &ls);
	assert_int_equal(ls.count, 2);
	assert_int_equal(ls.next_seq, 2);        /* the new record carries seq 1 */
}

/* The last write lands but its acknowledgement is lost: reading back
 * finds blob and record, so the write is done. */
static void test_lost_ack_resolved_by_reading_back(void **state)
{
	enum bootcfg_slot slot = BOOTCFG_SLOT_DEFAULT;

	(void)state;
	reset(1, 5);
	md.lose_ack_at = 1;
	assert_int_equal(write_new(&slot), STATUS_OK);
	assert_int_equal(slot, BOOTCFG_SLOT_B);
	assert_true(scratch.ondisk.blob_landed && scratch.ondisk.record_landed);
}

/* The record's acknowledgement is lost: the sequence stops, and the
 * read-back says what is there (slot A, generation 1, record pending). */
static void test_failure_reports_the_disk(void **state)
{
	enum bootcfg_slot slot;

	(void)state;
	reset(1, 5);
	md.lose_ack_at = 0;
	assert_int_equal(write_new(&slot), STATUS_IO_ERROR);
	assert_int_equal(scratch.ondisk.read, STATUS_OK);
	assert_int_equal(scratch.ondisk.slot, BOOTCFG_SLOT_A);
	assert_true(scratch.ondisk.generation == 1);
	assert_false(scratch.ondisk.blob_landed);
	assert_true(scratch.ondisk.record_landed);
	check_committed_or_pending();
	check_retry(2);
}

/* A blob alone (devdisc's boot count): one sector, no record. */
static void test_blob_alone(void **state)
{
	struct bootcfg next;
	struct bootcfg_log_state ls;
	struct bootcfg_choice ch;
	enum bootcfg_slot slot;

	(void)state;
	reset(1, 5);
	bootcfg_defaults(&next);
	next.pool_frames = OLD_POOL;
	next.boot_count = 7;
	assert_int_equal(store_write(&dev, &next, NULL, &scratch, &slot), STATUS_OK);
	assert_int_equal(md.writes, 1);
	assert_int_equal(md.order[0], BOOTCFG_SLOT_B);
	bootcfg_select(md.disk, sizeof(md.disk), &ch);
	assert_int_equal(ch.cfg.boot_count, 7);
	bootcfg_log_scan_store(md.disk, sizeof(md.disk), &ls);
	assert_int_equal(ls.count, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_record_before_blob),
		cmocka_unit_test(test_kill_after_every_write),
		cmocka_unit_test(test_generation_limit),
		cmocka_unit_test(test_seq_limit),
		cmocka_unit_test(test_lost_ack_resolved_by_reading_back),
		cmocka_unit_test(test_failure_reports_the_disk),
		cmocka_unit_test(test_blob_alone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
