/*
 * storewriter_proto.c - the store writer's request and reply
 * (userland/storewriter/sw_proto.h): what devdisc packs the driver
 * unpacks, field for field, and back; a message of the wrong length is
 * refused rather than read past what was sent.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "sw_proto.h"

static void sample(struct bootcfg *cfg, struct bootcfg_log_record *rec)
{
	bootcfg_defaults(cfg);
	cfg->generation = 7;
	cfg->pool_frames = 87168;
	cfg->boot_count = 12;
	*rec = (struct bootcfg_log_record){ .seq = 3, .boot = 12, .old_pool = 8192,
		.new_pool = 87168, .need = 70000, .reason = BOOTCFG_REASON_GROW, .reboot = 1,
		.trigger = 0x0100, .fingerprint = 0x1122334455667788ull, .generation = 7 };
}

static void test_request_round_trip(void **state)
{
	struct bootcfg cfg, got;
	struct bootcfg_log_record rec, got_rec;
	struct kh_msg m;
	bool has_rec = false;

	(void)state;
	sample(&cfg, &rec);
	sw_req_pack(&m, &cfg, &rec);
	assert_int_equal(m.label, SW_OP_WRITE);
	assert_int_equal(m.len, 2 * SW_PART);
	assert_int_equal(m.cap, KH_NO_SLOT);
	assert_int_equal(sw_req_unpack(&m, &got, &got_rec, &has_rec), STATUS_OK);
	assert_true(has_rec);
	assert_memory_equal(&got, &cfg, sizeof cfg);
	assert_memory_equal(&got_rec, &rec, sizeof rec);
}

static void test_request_blob_alone(void **state)
{
	struct bootcfg cfg, got;
	struct bootcfg_log_record rec, got_rec;
	struct kh_msg m;
	bool has_rec = true;

	(void)state;
	sample(&cfg, &rec);
	sw_req_pack(&m, &cfg, NULL);
	assert_int_equal(m.len, SW_PART);
	assert_int_equal(sw_req_unpack(&m, &got, &got_rec, &has_rec), STATUS_OK);
	assert_false(has_rec);
	assert_memory_equal(&got, &cfg, sizeof cfg);
}

static void test_request_bad_length(void **state)
{
	static const uint32_t bad[] = { 0, 1, SW_PART - 1, SW_PART + 1, 2 * SW_PART - 1,
					KH_MSG_BUF_BYTES + 1, 0xffffffffu };
	struct bootcfg cfg, got;
	struct bootcfg_log_record rec, got_rec;
	struct kh_msg m;
	bool has_rec;

	(void)state;
	sample(&cfg, &rec);
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		sw_req_pack(&m, &cfg, &rec);
		m.len = bad[i];
		assert_int_equal(sw_req_unpack(&m, &got, &got_rec, &has_rec), STATUS_BAD_LENGTH);
	}
}

static void test_reply_round_trip(void **state)
{
	struct bootcfg cfg, got;
	struct bootcfg_log_record rec, got_rec;
	struct sw_result r = { .st = STATUS_IO_ERROR, .slot = BOOTCFG_SLOT_B, .torn_bytes = 32,
			       .ondisk = { .read = STATUS_OK, .slot = BOOTCFG_SLOT_A,
					   .generation = 0x123456789ull, .blob_landed = false,
					   .record_landed = true } };
	struct sw_result out;
	struct kh_msg m;

	(void)state;
	sample(&cfg, &rec);
	sw_rep_pack(&m, &r, &cfg, &rec);
	assert_int_equal(sw_rep_unpack(&m, &out, &got, &got_rec), STATUS_OK);
	assert_int_equal(out.st, STATUS_IO_ERROR);
	assert_int_equal(out.slot, BOOTCFG_SLOT_B);
	assert_int_equal(out.torn_bytes, 32);
	assert_int_equal(out.ondisk.read, STATUS_OK);
	assert_int_equal(out.ondisk.slot, BOOTCFG_SLOT_A);
	assert_true(out.ondisk.generation == 0x123456789ull);
	assert_false(out.ondisk.blob_landed);
	assert_true(out.ondisk.record_landed);
	assert_memory_equal(&got, &cfg, sizeof cfg);
	assert_memory_equal(&got_rec, &rec, sizeof rec);
}

/* A reply without the record the caller expects is refused, with the
 * status still reported. */
static void test_reply_short(void **state)
{
	struct bootcfg cfg, got;
	struct bootcfg_log_record rec, got_rec;
	struct sw_result r = { .st = STATUS_OK, .slot = BOOTCFG_SLOT_A }, out;
	struct kh_msg m;

	(void)state;
	sample(&cfg, &rec);
	sw_rep_pack(&m, &r, &cfg, NULL);
	assert_int_equal(sw_rep_unpack(&m, &out, &got, NULL), STATUS_OK);
	assert_int_equal(sw_rep_unpack(&m, &out, &got, &got_rec), STATUS_BAD_LENGTH);
	assert_int_equal(out.st, STATUS_OK);
	m.len = 0;
	assert_int_equal(sw_rep_unpack(&m, &out, &got, NULL), STATUS_BAD_LENGTH);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_request_round_trip),
		cmocka_unit_test(test_request_blob_alone),
		cmocka_unit_test(test_request_bad_length),
		cmocka_unit_test(test_reply_round_trip),
		cmocka_unit_test(test_reply_short),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
