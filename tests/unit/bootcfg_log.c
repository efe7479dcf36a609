/*
 * bootcfg_log.c - the retune-log ring: record codec, append order,
 * wrap-around, torn records skipped, k-th oldest lookup.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "bootcfg.h"

static uint8_t store[BOOTCFG_STORE_BYTES];
static uint8_t *const ring = store + BOOTCFG_LOG_OFFSET;

static int reset_store(void **state)
{
	(void)state;
	memset(store, 0, sizeof(store));
	return 0;
}

/* Record n carries n in every field, so order is checkable. */
static struct bootcfg_log_record numbered(uint32_t n)
{
	return (struct bootcfg_log_record){
		.boot = n, .old_pool = n * 10, .new_pool = n * 10 + 5,
		.need = n * 7, .reason = (uint16_t)(n % BOOTCFG_REASON_COUNT),
		.reboot = (uint8_t)(n & 1), .trigger = n * 8,
		.fingerprint = 0x1000000000ull * n,
	};
}

static void append_n(uint32_t first, uint32_t n)
{
	for (uint32_t i = first; i < first + n; i++) {
		struct bootcfg_log_record r = numbered(i);
		assert_int_equal(bootcfg_log_append(store, sizeof(store), &r), STATUS_OK);
		assert_int_equal(r.seq, i);
	}
}

static void expect_oldest_first(uint32_t first, uint32_t count)
{
	struct bootcfg_log_state st;
	struct bootcfg_log_record r;

	bootcfg_log_scan(ring, BOOTCFG_LOG_BYTES, &st);
	assert_int_equal(st.count, count);
	for (uint32_t k = 0; k < count; k++) {
		assert_int_equal(bootcfg_log_get(ring, BOOTCFG_LOG_BYTES, k, &r), STATUS_OK);
		struct bootcfg_log_record want = numbered(first + k);
		assert_int_equal(r.seq, first + k);
		assert_int_equal(r.boot, want.boot);
		assert_int_equal(r.new_pool, want.new_pool);
		assert_int_equal(r.reason, want.reason);
		assert_int_equal(r.reboot, want.reboot);
		assert_int_equal(r.trigger, want.trigger);
		assert_true(r.fingerprint == want.fingerprint);
	}
	assert_int_equal(bootcfg_log_get(ring, BOOTCFG_LOG_BYTES, count, &r),
			 STATUS_NOT_FOUND);
}

static void test_record_round_trip(void **state)
{
	(void)state;
	struct bootcfg_log_record in = numbered(77), out;
	uint8_t b[BOOTCFG_LOG_RECORD_BYTES];

	in.seq = 0xdeadbeef;
	in.trigger = BOOTCFG_TRIGGER_NONE;
	assert_int_equal(bootcfg_log_encode(&in, b, sizeof(b)), STATUS_OK);
	assert_memory_equal(b, "KHLG", 4);
	assert_int_equal(b[4], 0xef);   /* seq, little endian */
	assert_int_equal(b[7], 0xde);
	assert_int_equal(bootcfg_log_decode(b, sizeof(b), &out), STATUS_OK);
	assert_int_equal(out.seq, in.seq);
	assert_int_equal(out.boot, in.boot);
	assert_int_equal(out.old_pool, in.old_pool);
	assert_int_equal(out.new_pool, in.new_pool);
	assert_int_equal(out.need, in.need);
	assert_int_equal(out.reason, in.reason);
	assert_int_equal(out.reboot, in.reboot);
	assert_int_equal(out.trigger, in.trigger);
	assert_true(out.fingerprint == in.fingerprint);
}

static void test_record_rejects(void **state)
{
	(void)state;
	struct bootcfg_log_record r = numbered(3), out;
	uint8_t b[BOOTCFG_LOG_RECORD_BYTES], c[BOOTCFG_LOG_RECORD_BYTES];

	r.seq = 0;
	assert_int_equal(bootcfg_log_encode(&r, b, sizeof(b)), STATUS_BAD_SEQUENCE);
	r.seq = 1;
	r.reason = BOOTCFG_REASON_COUNT;
	assert_int_equal(bootcfg_log_encode(&r, b, sizeof(b)), STATUS_BAD_REASON);
	r.reason = 0;
	r.reboot = 2;
	assert_int_equal(bootcfg_log_encode(&r, b, sizeof(b)), STATUS_INVALID_ARGUMENT);
	r.reboot = 1;
	assert_int_equal(bootcfg_log_encode(&r, b, sizeof(b) - 1), STATUS_SHORT_BUFFER);
	assert_int_equal(bootcfg_log_encode(&r, b, sizeof(b)), STATUS_OK);

	memset(c, 0, sizeof(c));
	assert_int_equal(bootcfg_log_decode(c, sizeof(c), &out), STATUS_EMPTY);
	for (unsigned bit = 0; bit < sizeof(b) * 8; bit++) {
		memcpy(c, b, sizeof(c));
		c[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		if (bootcfg_log_decode(c, sizeof(c), &out) == STATUS_OK)
			fail_msg("log record accepted with bit %u flipped", bit);
	}
}

static void test_empty_ring(void **state)
{
	(void)state;
	struct bootcfg_log_state st;
	struct bootcfg_log_record r;

	bootcfg_log_scan(ring, BOOTCFG_LOG_BYTES, &st);
	assert_int_equal(st.count, 0);
	assert_int_equal(st.next_index, 0);
	assert_int_equal(st.next_seq, 1);
	assert_int_equal(bootcfg_log_get(ring, BOOTCFG_LOG_BYTES, 0, &r), STATUS_NOT_FOUND);
}

static void test_append_in_order(void **state)
{
	(void)state;
	struct bootcfg_log_state st;

	append_n(1, 10);
	expect_oldest_first(1, 10);
	bootcfg_log_scan(ring, BOOTCFG_LOG_BYTES, &st);
	assert_int_equal(st.next_index, 10);
	assert_int_equal(st.next_seq, 11);
}

/* 64 + 37 appends: the ring holds the newest 64, oldest first. */
static void test_wrap_around(void **state)
{
	(void)state;
	struct bootcfg_log_state st;
	struct bootcfg_log_record r;

	append_n(1, BOOTCFG_LOG_RECORDS + 37);
	expect_oldest_first(38, BOOTCFG_LOG_RECORDS);
	bootcfg_log_scan(ring, BOOTCFG_LOG_BYTES, &st);
	assert_int_equal(st.next_index, 37);
	assert_int_equal(st.next_seq, BOOTCFG_LOG_RECORDS + 38);
	/* Record 101 went to index (101 - 1) % 64 = 36. */
	assert_int_equal(bootcfg_log_decode(ring + 36 * BOOTCFG_LOG_RECORD_BYTES,
					    BOOTCFG_LOG_RECORD_BYTES, &r), STATUS_OK);
	assert_int_equal(r.seq, 101);

	append_n(BOOTCFG_LOG_RECORDS + 38, 3 * BOOTCFG_LOG_RECORDS);
	expect_oldest_first(3 * BOOTCFG_LOG_RECORDS + 38, BOOTCFG_LOG_RECORDS);
}

/* A record torn mid-write is skipped; the next append retries its index. */
static void test_torn_record_skipped(void **state)
{
	(void)state;
	struct bootcfg_log_state st;
	uint8_t fresh[BOOTCFG_LOG_RECORD_BYTES];

	append_n(1, BOOTCFG_LOG_RECORDS + 5);          /* newest 69 at index 4 */
	struct bootcfg_log_record next = numbered(70);
	next.seq = 70;
	assert_int_equal(bootcfg_log_encode(&next, fresh, sizeof(fresh)), STATUS_OK);
	uint8_t *slot5 = ring + 5 * BOOTCFG_LOG_RECORD_BYTES;   /* held seq 6 */
	memcpy(slot5, fresh, 30);                     /* torn after 30 bytes */

	bootcfg_log_scan(ring, BOOTCFG_LOG_BYTES, &st);
	assert_int_equal(st.count, BOOTCFG_LOG_RECORDS - 1);
	assert_int_equal(st.next_index, 5);
	assert_int_equal(st.next_seq, 70);
	expect_oldest_first(7, BOOTCFG_LOG_RECORDS - 1);

	append_n(70, 1);                               /* overwrites the torn one */
	expect_oldest_first(7, BOOTCFG_LOG_RECORDS);
}

/* A torn record in the middle of a young ring is skipped, order kept. */
static void test_garbage_record_in_middle(void **state)
{
	(void)state;
	struct bootcfg_log_record r;

	append_n(1, 5);
	ring[2 * BOOTCFG_LOG_RECORD_BYTES + 13] ^= 0x40;   /* seq 3 damaged */
	uint32_t want[] = { 1, 2, 4, 5 };
	for (uint32_t k = 0; k < 4; k++) {
		assert_int_equal(bootcfg_log_get(ring, BOOTCFG_LOG_BYTES, k, &r), STATUS_OK);
		assert_int_equal(r.seq, want[k]);
	}
	assert_int_equal(bootcfg_log_get(ring, BOOTCFG_LOG_BYTES, 4, &r), STATUS_NOT_FOUND);
}

static void test_short_buffers(void **state)
{
	(void)state;
	struct bootcfg_log_state st;
	struct bootcfg_log_record r = numbered(1);

	assert_int_equal(bootcfg_log_append(store, BOOTCFG_STORE_BYTES - 1, &r),
			 STATUS_SHORT_BUFFER);
	assert_int_equal(r.seq, 0);
	append_n(1, 3);
	bootcfg_log_scan(ring, BOOTCFG_LOG_BYTES - 1, &st);
	assert_int_equal(st.count, 0);
	assert_int_equal(bootcfg_log_get(ring, BOOTCFG_LOG_BYTES - 1, 0, &r),
			 STATUS_SHORT_BUFFER);
	/* An invalid record is not appended and the ring is unchanged. */
	uint8_t before[BOOTCFG_LOG_BYTES];
	memcpy(before, ring, sizeof(before));
	r.reason = 200;
	assert_int_equal(bootcfg_log_append(store, sizeof(store), &r), STATUS_BAD_REASON);
	assert_memory_equal(before, ring, sizeof(before));
}

/* Serial-number order (RFC 1982) across the wrap, and 0 skipped. */
static void test_seq_serial_order(void **state)
{
	(void)state;
	assert_true(bootcfg_seq_after(2, 1));
	assert_false(bootcfg_seq_after(1, 2));
	assert_false(bootcfg_seq_after(7, 7));
	assert_true(bootcfg_seq_after(1, UINT32_MAX));
	assert_false(bootcfg_seq_after(UINT32_MAX, 1));
	assert_true(bootcfg_seq_after(0x7fffffffu, 0));       /* 2^31 - 1 ahead */
	assert_false(bootcfg_seq_after(0x80000000u, 0));      /* 2^31: not after */
	assert_int_equal(bootcfg_seq_next(UINT32_MAX), 1);
	assert_int_equal(bootcfg_seq_next(41), 42);
}

/* A ring whose newest record has seq 2^32 - 2 keeps taking appends: seq
 * 2^32 - 1, then 1, 2 (0 is never used), in the next indexes, oldest
 * first across the wrap. */
static void test_seq_wraps_without_blocking(void **state)
{
	(void)state;
	struct bootcfg_log_record r = numbered(3);
	struct bootcfg_log_state st;

	r.seq = UINT32_MAX - 1;
	assert_int_equal(bootcfg_log_encode(&r, ring + 10 * BOOTCFG_LOG_RECORD_BYTES,
					    BOOTCFG_LOG_RECORD_BYTES), STATUS_OK);
	const uint32_t want[] = { UINT32_MAX - 1, UINT32_MAX, 1, 2 };
	for (unsigned k = 1; k < 4; k++) {
		r = numbered(3 + k);
		assert_int_equal(bootcfg_log_append(store, sizeof(store), &r), STATUS_OK);
		assert_int_equal(r.seq, want[k]);
	}
	bootcfg_log_scan(ring, BOOTCFG_LOG_BYTES, &st);
	assert_int_equal(st.count, 4);
	assert_int_equal(st.next_index, 14);
	assert_int_equal(st.next_seq, 3);
	for (uint32_t k = 0; k < 4; k++) {
		assert_int_equal(bootcfg_log_get(ring, BOOTCFG_LOG_BYTES, k, &r), STATUS_OK);
		assert_int_equal(r.seq, want[k]);
		assert_int_equal(r.boot, 3 + k);
	}
}

/* The record names its blob's generation; the newest record one
 * generation past the selected blob is pending (its blob never landed):
 * not counted, and the next append takes its index and seq. */
static void test_pending_record_replaced(void **state)
{
	(void)state;
	struct bootcfg cfg;
	struct bootcfg_log_record r = numbered(1), got;
	struct bootcfg_log_state st;
	struct bootcfg_choice ch;

	bootcfg_defaults(&cfg);
	assert_int_equal(bootcfg_store_write(store, sizeof(store), &cfg), STATUS_OK); /* A, 1 */
	r.generation = 1;
	assert_int_equal(bootcfg_log_append(store, sizeof(store), &r), STATUS_OK);
	r = numbered(2);
	r.generation = 2;                        /* written first; its blob never lands */
	assert_int_equal(bootcfg_log_append(store, sizeof(store), &r), STATUS_OK);
	assert_int_equal(bootcfg_log_get(ring, BOOTCFG_LOG_BYTES, 1, &got), STATUS_OK);
	assert_true(got.generation == 2);        /* the field round-trips */
	bootcfg_select(store, sizeof(store), &ch);
	assert_true(bootcfg_log_pending(&ch, &got));
	bootcfg_log_scan_store(store, sizeof(store), &st);
	assert_int_equal(st.count, 1);
	assert_int_equal(st.next_index, 1);
	assert_int_equal(st.next_seq, 2);
	r = numbered(3);
	r.generation = 2;                        /* the retry */
	assert_int_equal(bootcfg_log_append(store, sizeof(store), &r), STATUS_OK);
	assert_int_equal(r.seq, 2);
	assert_int_equal(bootcfg_store_write(store, sizeof(store), &cfg), STATUS_OK); /* B, 2 */
	bootcfg_log_scan_store(store, sizeof(store), &st);
	assert_int_equal(st.count, 2);           /* committed now */
	assert_int_equal(bootcfg_log_get(ring, BOOTCFG_LOG_BYTES, 1, &got), STATUS_OK);
	assert_int_equal(got.boot, 3);
	/* a record not tied to a blob (generation 0) is never pending */
	got.generation = 0;
	assert_false(bootcfg_log_pending(&ch, &got));
}

#define T(fn) cmocka_unit_test_setup(fn, reset_store)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_record_round_trip),
		T(test_record_rejects),
		T(test_empty_ring),
		T(test_append_in_order),
		T(test_wrap_around),
		T(test_torn_record_skipped),
		T(test_garbage_record_in_middle),
		T(test_short_buffers),
		T(test_seq_serial_order),
		T(test_seq_wraps_without_blocking),
		T(test_pending_record_replaced),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
