/*
 * bootcfg_codec.c - the blob codec and CRC-32C: layout, round trip, every
 * bound, every framing error, and every single-bit flip of a slot.
 *
 * The test writes raw blobs with its own encoder (offsets from
 * docs/bootcfg.md), so a layout mistake in the codec cannot hide behind a
 * matching mistake in its decoder.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "bootcfg.h"

static const struct bootcfg sample = {
	.generation = 0x1122334455667788ull,
	.pool_frames = 12345,
	.headroom_frames = 2048,
	.hard_cap_frames = 500000,
	.pending_target = 20000,
	.attempts = 3,
	.boot_count = 99,
	.last_reason = BOOTCFG_REASON_GROW,
	.fingerprint = 0x0123456789abcdefull,
	.guard_fingerprint = 0xfedcba9876543210ull,
};

static void le(uint8_t *p, uint64_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* Independent encoder: no validation, any field value. */
static void raw_blob(const struct bootcfg *c, uint8_t slot[BOOTCFG_SLOT_BYTES])
{
	memset(slot, 0, BOOTCFG_SLOT_BYTES);
	memcpy(slot, "KHBC", 4);
	le(slot + 4, 1, 2);
	le(slot + 6, 64, 2);
	le(slot + 8, c->generation, 8);
	le(slot + 16, c->pool_frames, 4);
	le(slot + 20, c->headroom_frames, 4);
	le(slot + 24, c->hard_cap_frames, 4);
	le(slot + 28, c->pending_target, 4);
	le(slot + 32, c->attempts, 4);
	le(slot + 36, c->boot_count, 4);
	le(slot + 40, c->last_reason, 2);
	le(slot + 44, c->fingerprint, 8);
	le(slot + 52, c->guard_fingerprint, 8);
	le(slot + 60, crc32c(slot, 60), 4);
}

static void fix_crc(uint8_t *slot)
{
	le(slot + 60, crc32c(slot, 60), 4);
}

static void test_crc_check_value(void **state)
{
	(void)state;
	assert_int_equal(crc32c("123456789", 9), 0xe3069283u);
	assert_int_equal(crc32c("", 0), 0);
	/* 32 zero bytes: the RFC 3720 (iSCSI) test vector. */
	uint8_t zeros[32] = { 0 };
	assert_int_equal(crc32c(zeros, sizeof(zeros)), 0x8a9136aau);
	/* Split updates equal one pass. */
	uint32_t raw = crc32c_update(0xffffffffu, "1234", 4);
	raw = crc32c_update(raw, "56789", 5);
	assert_int_equal(raw ^ 0xffffffffu, 0xe3069283u);
}

static void assert_same_cfg(const struct bootcfg *a, const struct bootcfg *b)
{
	assert_true(a->generation == b->generation);
	assert_int_equal(a->pool_frames, b->pool_frames);
	assert_int_equal(a->headroom_frames, b->headroom_frames);
	assert_int_equal(a->hard_cap_frames, b->hard_cap_frames);
	assert_int_equal(a->pending_target, b->pending_target);
	assert_int_equal(a->attempts, b->attempts);
	assert_int_equal(a->boot_count, b->boot_count);
	assert_int_equal(a->last_reason, b->last_reason);
	assert_true(a->fingerprint == b->fingerprint);
	assert_true(a->guard_fingerprint == b->guard_fingerprint);
}

static void test_round_trip_every_field(void **state)
{
	(void)state;
	uint8_t slot[BOOTCFG_SLOT_BYTES], raw[BOOTCFG_SLOT_BYTES];
	struct bootcfg out;

	assert_int_equal(bootcfg_encode(&sample, slot, sizeof(slot)), STATUS_OK);
	raw_blob(&sample, raw);
	assert_memory_equal(slot, raw, sizeof(slot));   /* documented layout */
	memset(&out, 0xa5, sizeof(out));
	assert_int_equal(bootcfg_decode(slot, sizeof(slot), &out), STATUS_OK);
	assert_same_cfg(&out, &sample);
}

static void test_defaults(void **state)
{
	(void)state;
	struct bootcfg d;
	uint8_t slot[BOOTCFG_SLOT_BYTES];

	bootcfg_defaults(&d);
	assert_true(d.generation == 0);
	assert_int_equal(d.pool_frames, BOOTCFG_DEFAULT_POOL);
	assert_int_equal(d.headroom_frames, BOOTCFG_DEFAULT_HEADROOM);
	assert_int_equal(d.hard_cap_frames, BOOTCFG_DEFAULT_HARD_CAP);
	assert_int_equal(bootcfg_validate(&d), STATUS_OK);
	/* Generation 0 is for defaults only: never written, never accepted. */
	memset(slot, 0x5a, sizeof(slot));
	assert_int_equal(bootcfg_encode(&d, slot, sizeof(slot)), STATUS_BAD_GENERATION);
	assert_int_equal(slot[0], 0x5a);
	raw_blob(&d, slot);
	assert_int_equal(bootcfg_decode(slot, sizeof(slot), &d), STATUS_BAD_GENERATION);
}

enum field { POOL, HEADROOM, HARD_CAP, PENDING, ATTEMPTS, REASON, GENERATION };

struct bound_case {
	const char *what;
	enum field field;
	uint64_t value;
	uint32_t hard_cap;      /* 0: keep the sample's */
	enum status expect;
};

static const struct bound_case bound_cases[] = {
	{ "pool below min",      POOL, BOOTCFG_POOL_MIN - 1, 0, STATUS_BAD_POOL },
	{ "pool at min",         POOL, BOOTCFG_POOL_MIN, 0, STATUS_OK },
	{ "pool above max",      POOL, BOOTCFG_POOL_MAX + 1, BOOTCFG_HARD_CAP_MAX, STATUS_BAD_POOL },
	{ "pool at max",         POOL, BOOTCFG_POOL_MAX, BOOTCFG_HARD_CAP_MAX, STATUS_OK },
	{ "pool above hard cap", POOL, 500001, 0, STATUS_BAD_POOL },
	{ "pool at hard cap",    POOL, 500000, 0, STATUS_OK },
	{ "headroom above max",  HEADROOM, BOOTCFG_HEADROOM_MAX + 1, 0, STATUS_BAD_HEADROOM },
	{ "headroom at max",     HEADROOM, BOOTCFG_HEADROOM_MAX, 0, STATUS_OK },
	{ "headroom zero",       HEADROOM, 0, 0, STATUS_OK },
	{ "hard cap below min",  HARD_CAP, BOOTCFG_POOL_MIN - 1, 0, STATUS_BAD_HARD_CAP },
	{ "hard cap zero",       HARD_CAP, 0, 0, STATUS_BAD_HARD_CAP },
	{ "hard cap above max",  HARD_CAP, BOOTCFG_HARD_CAP_MAX + 1, 0, STATUS_BAD_HARD_CAP },
	{ "hard cap at max",     HARD_CAP, BOOTCFG_HARD_CAP_MAX, 0, STATUS_OK },
	{ "pending below min",   PENDING, BOOTCFG_POOL_MIN - 1, 0, STATUS_BAD_PENDING },
	{ "pending above cap",   PENDING, 500001, 0, STATUS_BAD_PENDING },
	{ "pending at cap",      PENDING, 500000, 0, STATUS_OK },
	{ "pending none",        PENDING, 0, 0, STATUS_OK },
	{ "attempts above max",  ATTEMPTS, BOOTCFG_ATTEMPTS_MAX + 1, 0, STATUS_BAD_ATTEMPTS },
	{ "attempts at max",     ATTEMPTS, BOOTCFG_ATTEMPTS_MAX, 0, STATUS_OK },
	{ "reason unknown",      REASON, BOOTCFG_REASON_COUNT, 0, STATUS_BAD_REASON },
	{ "reason last",         REASON, BOOTCFG_REASON_COUNT - 1, 0, STATUS_OK },
	{ "generation zero",     GENERATION, 0, 0, STATUS_BAD_GENERATION },
	{ "generation max",      GENERATION, UINT64_MAX, 0, STATUS_OK },
};

static struct bootcfg with_case(const struct bound_case *c)
{
	struct bootcfg cfg = sample;

	if (c->hard_cap)
		cfg.hard_cap_frames = c->hard_cap;
	switch (c->field) {
	case POOL:       cfg.pool_frames = (uint32_t)c->value; break;
	case HEADROOM:   cfg.headroom_frames = (uint32_t)c->value; break;
	case HARD_CAP:   cfg.hard_cap_frames = (uint32_t)c->value; break;
	case PENDING:    cfg.pending_target = (uint32_t)c->value; break;
	case ATTEMPTS:   cfg.attempts = (uint32_t)c->value; break;
	case REASON:     cfg.last_reason = (uint16_t)c->value; break;
	case GENERATION: cfg.generation = c->value; break;
	}
	return cfg;
}

/* Each field's bound is enforced by validate, encode and decode alike,
 * with that field's own status; failures leave the output untouched. */
static void test_bounds_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bound_cases) / sizeof(bound_cases[0]); i++) {
		const struct bound_case *c = &bound_cases[i];
		struct bootcfg cfg = with_case(c), out = sample;
		uint8_t slot[BOOTCFG_SLOT_BYTES], raw[BOOTCFG_SLOT_BYTES];

		print_message("case: %s\n", c->what);
		enum status validated = bootcfg_validate(&cfg);
		assert_int_equal(validated,
				 c->field == GENERATION ? STATUS_OK : c->expect);
		memset(slot, 0x77, sizeof(slot));
		assert_int_equal(bootcfg_encode(&cfg, slot, sizeof(slot)), c->expect);
		raw_blob(&cfg, raw);
		if (c->expect == STATUS_OK) {
			assert_memory_equal(slot, raw, sizeof(slot));
		} else {
			assert_int_equal(slot[0], 0x77);
			assert_int_equal(slot[511], 0x77);
		}
		out.boot_count = 4242;
		assert_int_equal(bootcfg_decode(raw, sizeof(raw), &out), c->expect);
		if (c->expect == STATUS_OK)
			assert_same_cfg(&out, &cfg);
		else
			assert_int_equal(out.boot_count, 4242);
	}
}

static void test_framing_errors(void **state)
{
	(void)state;
	uint8_t good[BOOTCFG_SLOT_BYTES], s[BOOTCFG_SLOT_BYTES];
	struct bootcfg out;

	raw_blob(&sample, good);
	memset(s, 0, sizeof(s));
	assert_int_equal(bootcfg_decode(s, sizeof(s), &out), STATUS_EMPTY);
	assert_int_equal(bootcfg_decode(good, sizeof(good) - 1, &out), STATUS_SHORT_BUFFER);
	assert_int_equal(bootcfg_decode(NULL, sizeof(good), &out), STATUS_INVALID_ARGUMENT);

	memcpy(s, good, sizeof(s)); s[0] = 'X'; fix_crc(s);
	assert_int_equal(bootcfg_decode(s, sizeof(s), &out), STATUS_BAD_MAGIC);
	/* A newer version is recognised as such even though its length and
	 * checksum may mean something else to it. */
	memcpy(s, good, sizeof(s)); le(s + 4, 2, 2); le(s + 6, 128, 2);
	assert_int_equal(bootcfg_decode(s, sizeof(s), &out), STATUS_BAD_VERSION);
	memcpy(s, good, sizeof(s)); le(s + 4, 0, 2); fix_crc(s);
	assert_int_equal(bootcfg_decode(s, sizeof(s), &out), STATUS_BAD_VERSION);
	memcpy(s, good, sizeof(s)); le(s + 6, 63, 2); fix_crc(s);
	assert_int_equal(bootcfg_decode(s, sizeof(s), &out), STATUS_BAD_LENGTH);
	memcpy(s, good, sizeof(s)); s[20] ^= 1;
	assert_int_equal(bootcfg_decode(s, sizeof(s), &out), STATUS_BAD_CHECKSUM);
	memcpy(s, good, sizeof(s)); le(s + 42, 1, 2); fix_crc(s);
	assert_int_equal(bootcfg_decode(s, sizeof(s), &out), STATUS_BAD_RESERVED);
	memcpy(s, good, sizeof(s)); s[300] = 1;
	assert_int_equal(bootcfg_decode(s, sizeof(s), &out), STATUS_BAD_RESERVED);
	memcpy(s, good, sizeof(s)); s[511] = 0x80;
	assert_int_equal(bootcfg_decode(s, sizeof(s), &out), STATUS_BAD_RESERVED);
	/* The padding check covers the slot, not whatever follows it. */
	uint8_t longer[BOOTCFG_SLOT_BYTES + 8];
	memcpy(longer, good, sizeof(good));
	memset(longer + sizeof(good), 0xff, 8);
	assert_int_equal(bootcfg_decode(longer, sizeof(longer), &out), STATUS_OK);
}

/* No single-bit error anywhere in a slot is silently accepted. */
static void test_every_single_bit_flip(void **state)
{
	(void)state;
	uint8_t good[BOOTCFG_SLOT_BYTES], s[BOOTCFG_SLOT_BYTES];
	struct bootcfg out;
	unsigned failures_seen = 0;

	assert_int_equal(bootcfg_encode(&sample, good, sizeof(good)), STATUS_OK);
	for (unsigned bit = 0; bit < BOOTCFG_SLOT_BYTES * 8; bit++) {
		memcpy(s, good, sizeof(s));
		s[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		out.pool_frames = 1;
		enum status st = bootcfg_decode(s, sizeof(s), &out);
		if (st == STATUS_OK)
			fail_msg("bit %u flipped and the slot still decoded", bit);
		assert_int_equal(out.pool_frames, 1);
		failures_seen++;
	}
	assert_int_equal(failures_seen, BOOTCFG_SLOT_BYTES * 8);
}

static void test_encode_arguments(void **state)
{
	(void)state;
	uint8_t s[BOOTCFG_SLOT_BYTES];

	memset(s, 0x33, sizeof(s));
	assert_int_equal(bootcfg_encode(&sample, s, sizeof(s) - 1), STATUS_SHORT_BUFFER);
	assert_int_equal(s[0], 0x33);
	assert_int_equal(bootcfg_encode(NULL, s, sizeof(s)), STATUS_INVALID_ARGUMENT);
	assert_int_equal(bootcfg_validate(NULL), STATUS_INVALID_ARGUMENT);
}

static void test_names(void **state)
{
	(void)state;
	enum bootcfg_reason r;

	for (unsigned i = 0; i < BOOTCFG_REASON_COUNT; i++) {
		assert_int_equal(bootcfg_reason_parse(bootcfg_reason_name(i), &r), STATUS_OK);
		assert_int_equal(r, i);
	}
	r = BOOTCFG_REASON_INIT;
	assert_int_equal(bootcfg_reason_parse("growth", &r), STATUS_BAD_REASON);
	assert_int_equal(bootcfg_reason_parse("gro", &r), STATUS_BAD_REASON);
	assert_int_equal(r, BOOTCFG_REASON_INIT);
	assert_string_equal(bootcfg_reason_name(BOOTCFG_REASON_GIVE_UP), "give-up");
	assert_string_equal(bootcfg_reason_name(BOOTCFG_REASON_COUNT), "unknown");
	assert_string_equal(bootcfg_slot_name(BOOTCFG_SLOT_DEFAULT), "default");
	assert_string_equal(bootcfg_pick_name(BOOTCFG_PICK_NO_VALID_SLOT), "no-valid-slot");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc_check_value),
		cmocka_unit_test(test_round_trip_every_field),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_bounds_table),
		cmocka_unit_test(test_framing_errors),
		cmocka_unit_test(test_every_single_bit_flip),
		cmocka_unit_test(test_encode_arguments),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
