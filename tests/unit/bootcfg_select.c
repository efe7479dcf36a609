/*
 * bootcfg_select.c - slot selection and the writer: torn writes at every
 * byte, corrupt and empty stores, newer versions, short stores, and the
 * A/B alternation of bootcfg_prepare_write / bootcfg_store_write.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "bootcfg.h"

static uint8_t store[BOOTCFG_STORE_BYTES];

static struct bootcfg blob(uint64_t generation, uint32_t pool)
{
	struct bootcfg c;

	bootcfg_defaults(&c);
	c.generation = generation;
	c.pool_frames = pool;
	c.boot_count = (uint32_t)generation * 3;
	c.fingerprint = 0xabc0000000000000ull | generation;
	c.last_reason = BOOTCFG_REASON_GROW;
	return c;
}

static void put_slot(enum bootcfg_slot slot, const struct bootcfg *c)
{
	assert_int_equal(bootcfg_encode(c, store + BOOTCFG_SLOT_OFFSET(slot),
					BOOTCFG_SLOT_BYTES), STATUS_OK);
}

static int reset_store(void **state)
{
	(void)state;
	memset(store, 0, sizeof(store));
	return 0;
}

static void expect_choice(enum bootcfg_slot slot, uint64_t generation,
			  enum bootcfg_pick pick)
{
	struct bootcfg_choice ch;

	bootcfg_select(store, sizeof(store), &ch);
	assert_int_equal(ch.slot, slot);
	assert_int_equal(ch.pick, pick);
	assert_true(ch.cfg.generation == generation);
}

/*
 * The writer puts generation g+1 into B while A holds g.  The write is
 * torn after `off` bytes: bytes before off are new, bytes after are what B
 * held.  Whatever lands, selection must choose A/g unless the image is
 * byte-for-byte the complete new slot (bytes past the 64-byte blob are
 * zero in both, so the write is complete once the blob is in).
 */
static void torn_write_at_every_offset(const uint8_t old_b[BOOTCFG_SLOT_BYTES],
				       uint64_t g)
{
	struct bootcfg_choice current;
	struct bootcfg next = blob(0, 9000);
	enum bootcfg_slot slot;
	uint8_t fresh[BOOTCFG_SLOT_BYTES], *b = store + BOOTCFG_SLOT_OFFSET(1);
	unsigned picked_new = 0;

	bootcfg_select(store, sizeof(store), &current);
	assert_int_equal(current.slot, BOOTCFG_SLOT_A);
	assert_int_equal(bootcfg_prepare_write(&current, &next, &slot, fresh,
					       sizeof(fresh)), STATUS_OK);
	assert_int_equal(slot, BOOTCFG_SLOT_B);
	assert_true(next.generation == g + 1);

	for (unsigned off = 0; off <= BOOTCFG_SLOT_BYTES; off++) {
		memcpy(b, fresh, off);
		memcpy(b + off, old_b + off, BOOTCFG_SLOT_BYTES - off);
		bool complete = memcmp(b, fresh, BOOTCFG_SLOT_BYTES) == 0;
		if (off <= 60)
			assert_false(complete);   /* the CRC is not all there */
		if (complete) {
			expect_choice(BOOTCFG_SLOT_B, g + 1, BOOTCFG_PICK_NEWEST);
			picked_new++;
		} else {
			struct bootcfg_choice ch;
			bootcfg_select(store, sizeof(store), &ch);
			if (ch.slot != BOOTCFG_SLOT_A || ch.cfg.generation != g)
				fail_msg("torn at %u: picked %s gen %llu", off,
					 bootcfg_slot_name(ch.slot),
					 (unsigned long long)ch.cfg.generation);
		}
	}
	assert_true(picked_new >= BOOTCFG_SLOT_BYTES - BOOTCFG_BLOB_BYTES + 1);
}

static void test_torn_write_over_older_blob(void **state)
{
	(void)state;
	struct bootcfg a = blob(41, 4096), b_old = blob(40, 2048);

	put_slot(BOOTCFG_SLOT_A, &a);
	put_slot(BOOTCFG_SLOT_B, &b_old);
	expect_choice(BOOTCFG_SLOT_A, 41, BOOTCFG_PICK_NEWEST);
	uint8_t old_b[BOOTCFG_SLOT_BYTES];
	memcpy(old_b, store + BOOTCFG_SLOT_OFFSET(1), sizeof(old_b));
	torn_write_at_every_offset(old_b, 41);
}

static void test_torn_write_over_empty_slot(void **state)
{
	(void)state;
	struct bootcfg a = blob(1, 4096);
	uint8_t zero_b[BOOTCFG_SLOT_BYTES] = { 0 };

	put_slot(BOOTCFG_SLOT_A, &a);
	expect_choice(BOOTCFG_SLOT_A, 1, BOOTCFG_PICK_ONLY_VALID);
	torn_write_at_every_offset(zero_b, 1);
}

static void test_newest_and_ties(void **state)
{
	(void)state;
	struct bootcfg a = blob(5, 100), b = blob(6, 200);
	struct bootcfg_choice ch;

	put_slot(BOOTCFG_SLOT_A, &a);
	put_slot(BOOTCFG_SLOT_B, &b);
	bootcfg_select(store, sizeof(store), &ch);
	assert_int_equal(ch.slot, BOOTCFG_SLOT_B);
	assert_int_equal(ch.cfg.pool_frames, 200);
	assert_int_equal(ch.slot_status[0], STATUS_OK);
	assert_int_equal(ch.slot_status[1], STATUS_OK);

	b = blob(5, 300);   /* equal generations: A wins */
	put_slot(BOOTCFG_SLOT_B, &b);
	bootcfg_select(store, sizeof(store), &ch);
	assert_int_equal(ch.slot, BOOTCFG_SLOT_A);
	assert_int_equal(ch.cfg.pool_frames, 100);
	assert_int_equal(ch.pick, BOOTCFG_PICK_NEWEST);
}

static void assert_defaults(const struct bootcfg_choice *ch, enum bootcfg_pick pick)
{
	struct bootcfg d;

	bootcfg_defaults(&d);
	assert_int_equal(ch->slot, BOOTCFG_SLOT_DEFAULT);
	assert_int_equal(ch->pick, pick);
	assert_memory_equal(&ch->cfg, &d, sizeof(d));
}

static void test_both_slots_bad(void **state)
{
	(void)state;
	struct bootcfg a = blob(3, 100), b = blob(4, 100);
	struct bootcfg_choice ch;

	put_slot(BOOTCFG_SLOT_A, &a);
	put_slot(BOOTCFG_SLOT_B, &b);
	store[BOOTCFG_SLOT_OFFSET(0) + 17] ^= 0x10;
	store[BOOTCFG_SLOT_OFFSET(1) + 2] ^= 0x01;
	bootcfg_select(store, sizeof(store), &ch);
	assert_defaults(&ch, BOOTCFG_PICK_NO_VALID_SLOT);
	assert_int_equal(ch.slot_status[0], STATUS_BAD_CHECKSUM);
	assert_int_equal(ch.slot_status[1], STATUS_BAD_MAGIC);

	/* One corrupt, one empty: still a corrupt store, not an empty one. */
	memset(store + BOOTCFG_SLOT_OFFSET(1), 0, BOOTCFG_SLOT_BYTES);
	bootcfg_select(store, sizeof(store), &ch);
	assert_defaults(&ch, BOOTCFG_PICK_NO_VALID_SLOT);
	assert_int_equal(ch.slot_status[1], STATUS_EMPTY);
}

static void test_one_slot_bad(void **state)
{
	(void)state;
	struct bootcfg a = blob(8, 100), b = blob(7, 100);
	struct bootcfg_choice ch;

	put_slot(BOOTCFG_SLOT_A, &a);
	put_slot(BOOTCFG_SLOT_B, &b);
	store[BOOTCFG_SLOT_OFFSET(0) + 63] ^= 0x80;   /* newest is corrupt */
	bootcfg_select(store, sizeof(store), &ch);
	assert_int_equal(ch.slot, BOOTCFG_SLOT_B);
	assert_int_equal(ch.pick, BOOTCFG_PICK_ONLY_VALID);
	assert_int_equal(ch.slot_status[0], STATUS_BAD_CHECKSUM);
	assert_true(ch.cfg.generation == 7);
}

static void test_empty_store(void **state)
{
	(void)state;
	struct bootcfg_choice ch;

	bootcfg_select(store, sizeof(store), &ch);
	assert_defaults(&ch, BOOTCFG_PICK_EMPTY_STORE);
	assert_int_equal(ch.slot_status[0], STATUS_EMPTY);
	assert_int_equal(ch.slot_status[1], STATUS_EMPTY);
}

static void test_newer_version(void **state)
{
	(void)state;
	struct bootcfg a = blob(2, 100);
	struct bootcfg_choice ch;
	uint8_t *s = store + BOOTCFG_SLOT_OFFSET(0);

	put_slot(BOOTCFG_SLOT_A, &a);
	s[4] = 2;   /* version 2; CRC left alone: a v2 reader would differ */
	bootcfg_select(store, sizeof(store), &ch);
	assert_defaults(&ch, BOOTCFG_PICK_NO_VALID_SLOT);
	assert_int_equal(ch.slot_status[0], STATUS_BAD_VERSION);
}

static void test_short_store(void **state)
{
	(void)state;
	struct bootcfg a = blob(2, 100), b = blob(3, 100);
	struct bootcfg_choice ch;

	put_slot(BOOTCFG_SLOT_A, &a);
	put_slot(BOOTCFG_SLOT_B, &b);
	bootcfg_select(store, 2 * BOOTCFG_SLOT_BYTES - 1, &ch);
	assert_defaults(&ch, BOOTCFG_PICK_SHORT_STORE);
	assert_int_equal(ch.slot_status[0], STATUS_SHORT_BUFFER);
	bootcfg_select(NULL, sizeof(store), &ch);
	assert_defaults(&ch, BOOTCFG_PICK_SHORT_STORE);
	/* Exactly two slots is enough for selection. */
	bootcfg_select(store, 2 * BOOTCFG_SLOT_BYTES, &ch);
	assert_int_equal(ch.slot, BOOTCFG_SLOT_B);

	struct bootcfg next = blob(0, 100);
	uint8_t copy[BOOTCFG_STORE_BYTES];
	memcpy(copy, store, sizeof(copy));
	assert_int_equal(bootcfg_store_write(store, 1000, &next), STATUS_SHORT_BUFFER);
	assert_memory_equal(copy, store, sizeof(copy));
}

/* Writes alternate A, B, A, ... from defaults, generation 1, 2, 3 ... */
static void test_store_write_alternates(void **state)
{
	(void)state;
	for (uint32_t i = 1; i <= 6; i++) {
		struct bootcfg next = blob(999, 100 + i);
		assert_int_equal(bootcfg_store_write(store, sizeof(store), &next), STATUS_OK);
		assert_true(next.generation == i);
		expect_choice(i % 2 ? BOOTCFG_SLOT_A : BOOTCFG_SLOT_B, i,
			      i == 1 ? BOOTCFG_PICK_ONLY_VALID : BOOTCFG_PICK_NEWEST);
	}
}

static void test_write_from_corrupt_store(void **state)
{
	(void)state;
	struct bootcfg a = blob(9, 100), b = blob(10, 100);
	struct bootcfg_choice ch;

	put_slot(BOOTCFG_SLOT_A, &a);
	put_slot(BOOTCFG_SLOT_B, &b);
	store[BOOTCFG_SLOT_OFFSET(0) + 30] ^= 4;
	/* B (gen 10) is current: the write goes to A with generation 11. */
	struct bootcfg next = blob(0, 300);
	assert_int_equal(bootcfg_store_write(store, sizeof(store), &next), STATUS_OK);
	expect_choice(BOOTCFG_SLOT_A, 11, BOOTCFG_PICK_NEWEST);

	/* On defaults the writer starts at A, generation 1. */
	memset(store + BOOTCFG_SLOT_OFFSET(0), 0xee, BOOTCFG_SLOT_BYTES);
	store[BOOTCFG_SLOT_OFFSET(1) + 8] ^= 1;
	bootcfg_select(store, sizeof(store), &ch);
	assert_int_equal(ch.slot, BOOTCFG_SLOT_DEFAULT);
	next = blob(0, 300);
	assert_int_equal(bootcfg_store_write(store, sizeof(store), &next), STATUS_OK);
	expect_choice(BOOTCFG_SLOT_A, 1, BOOTCFG_PICK_ONLY_VALID);
}

static void test_prepare_write_rejects(void **state)
{
	(void)state;
	struct bootcfg a = blob(UINT64_MAX, 100);
	struct bootcfg_choice ch;
	enum bootcfg_slot slot = BOOTCFG_SLOT_DEFAULT;
	uint8_t out[BOOTCFG_SLOT_BYTES];

	put_slot(BOOTCFG_SLOT_A, &a);
	bootcfg_select(store, sizeof(store), &ch);
	struct bootcfg next = blob(5, 100);
	memset(out, 0x11, sizeof(out));
	assert_int_equal(bootcfg_prepare_write(&ch, &next, &slot, out, sizeof(out)),
			 STATUS_BAD_GENERATION);
	assert_true(next.generation == 5);
	assert_int_equal(slot, BOOTCFG_SLOT_DEFAULT);
	assert_int_equal(out[0], 0x11);

	/* An invalid next blob changes nothing either. */
	memset(store, 0, sizeof(store));
	bootcfg_select(store, sizeof(store), &ch);
	next.pool_frames = 1;
	assert_int_equal(bootcfg_prepare_write(&ch, &next, &slot, out, sizeof(out)),
			 STATUS_BAD_POOL);
	assert_true(next.generation == 5);
	assert_int_equal(slot, BOOTCFG_SLOT_DEFAULT);
	assert_int_equal(bootcfg_store_write(store, sizeof(store), &next), STATUS_BAD_POOL);
	assert_true(store[0] == 0 && store[BOOTCFG_SLOT_OFFSET(1)] == 0);
}

/* At generation 2^64 - 1 a write compacts first: the other slot becomes
 * generation 1, the current slot 2, both with the current tuning; every
 * tear of either step selects that tuning; the write itself is then 3. */
static void test_generation_limit_compacts(void **state)
{
	(void)state;
	struct bootcfg top = blob(UINT64_MAX, 777), older = blob(40, 555), next = blob(0, 4242);
	struct bootcfg_choice ch;
	enum bootcfg_slot slot;
	uint8_t before[BOOTCFG_STORE_BYTES], out[BOOTCFG_SLOT_BYTES];

	put_slot(BOOTCFG_SLOT_B, &top);
	put_slot(BOOTCFG_SLOT_A, &older);
	bootcfg_select(store, sizeof(store), &ch);
	assert_true(bootcfg_needs_compaction(&ch));
	memcpy(before, store, sizeof(store));
	for (unsigned step = 0; step < BOOTCFG_COMPACT_STEPS; step++) {
		assert_int_equal(bootcfg_prepare_compaction(&ch, step, &slot, out, sizeof(out)),
				 STATUS_OK);
		assert_int_equal(slot, step == 0 ? BOOTCFG_SLOT_A : BOOTCFG_SLOT_B);
		for (unsigned off = 0; off <= BOOTCFG_SLOT_BYTES; off++) {
			struct bootcfg_choice torn;
			uint8_t copy[BOOTCFG_STORE_BYTES];
			memcpy(copy, store, sizeof(copy));
			memcpy(copy + BOOTCFG_SLOT_OFFSET(slot), out, off);
			bootcfg_select(copy, sizeof(copy), &torn);
			assert_int_equal(torn.cfg.pool_frames, 777);
		}
		memcpy(store + BOOTCFG_SLOT_OFFSET(slot), out, sizeof(out));
	}
	expect_choice(BOOTCFG_SLOT_B, 2, BOOTCFG_PICK_NEWEST);
	memcpy(store, before, sizeof(store));
	assert_int_equal(bootcfg_store_write(store, sizeof(store), &next), STATUS_OK);
	assert_true(next.generation == 3);
	expect_choice(BOOTCFG_SLOT_A, 3, BOOTCFG_PICK_NEWEST);
	bootcfg_select(store, sizeof(store), &ch);
	assert_int_equal(ch.cfg.pool_frames, 4242);
	assert_false(bootcfg_needs_compaction(&ch));
	assert_int_equal(bootcfg_prepare_compaction(&ch, 0, &slot, out, sizeof(out)),
			 STATUS_INVALID_ARGUMENT);
}

#define T(fn) cmocka_unit_test_setup(fn, reset_store)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_torn_write_over_older_blob),
		T(test_torn_write_over_empty_slot),
		T(test_newest_and_ties),
		T(test_both_slots_bad),
		T(test_one_slot_bad),
		T(test_empty_store),
		T(test_newer_version),
		T(test_short_store),
		T(test_store_write_alternates),
		T(test_write_from_corrupt_store),
		T(test_prepare_write_rejects),
		T(test_generation_limit_compacts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
