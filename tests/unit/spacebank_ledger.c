/*
 * spacebank_ledger.c - the space bank ledger, case by case: limits and
 * phases, allocation up to the limit, sub-banks and their quotas,
 * destruction, stale handles, the log line.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "ledger.h"

static struct sb_ledger led, snap;
static sb_handle root;

static int setup(void **state)
{
	(void)state;
	return sb_init(&led, 1000, &root) == STATUS_OK ? 0 : -1;
}

/* A failing call must leave the ledger byte for byte as it was. */
#define assert_fails_unchanged(call, st)                         \
	do {                                                     \
		memcpy(&snap, &led, sizeof(led));                \
		assert_int_equal((call), (st));                  \
		assert_memory_equal(&snap, &led, sizeof(led));   \
	} while (0)

static uint32_t used_of(sb_handle b)
{
	struct sb_query q;

	assert_int_equal(sb_query(&led, b, &q), STATUS_OK);
	return q.used;
}

static void test_allocate_until_refused(void **state)
{
	uint32_t got = 0;
	struct sb_query q;

	(void)state;
	while (sb_alloc(&led, root, 7) == STATUS_OK)
		got += 7;
	/* 1000 = 142 * 7 + 6: the last 6 frames need smaller requests */
	while (sb_alloc(&led, root, 1) == STATUS_OK)
		got++;
	assert_int_equal(got, 1000);
	assert_fails_unchanged(sb_alloc(&led, root, 1), STATUS_NO_MEMORY);
	assert_int_equal(sb_query(&led, root, &q), STATUS_OK);
	assert_int_equal(q.used, q.limit);
	assert_int_equal(q.available, 0);
	assert_int_equal(q.phase, SB_CONSERVATIVE);
}

static void test_limit_is_monotonic(void **state)
{
	(void)state;
	assert_fails_unchanged(sb_set_limit(&led, 999, SB_CONSERVATIVE), STATUS_OUT_OF_RANGE);
	assert_int_equal(sb_set_limit(&led, 1000, SB_CONSERVATIVE), STATUS_OK);
	assert_int_equal(sb_set_limit(&led, 1500, SB_RELAXED), STATUS_OK);
	assert_fails_unchanged(sb_set_limit(&led, 1600, SB_CONSERVATIVE), STATUS_BAD_SEQUENCE);
	assert_fails_unchanged(sb_set_limit(&led, 1400, SB_RELAXED), STATUS_OUT_OF_RANGE);
	assert_fails_unchanged(sb_set_limit(&led, 2000, (enum sb_phase)7), STATUS_INVALID_ARGUMENT);
	assert_int_equal(sb_set_limit(&led, 1700, SB_RELAXED), STATUS_OK);
	assert_int_equal(led.limit, 1700);
}

static void test_relaxing_makes_room(void **state)
{
	(void)state;
	assert_int_equal(sb_alloc(&led, root, 1000), STATUS_OK);
	assert_fails_unchanged(sb_alloc(&led, root, 1), STATUS_NO_MEMORY);
	assert_int_equal(sb_set_limit(&led, 1200, SB_RELAXED), STATUS_OK);
	assert_int_equal(sb_alloc(&led, root, 200), STATUS_OK);
	assert_fails_unchanged(sb_alloc(&led, root, 1), STATUS_NO_MEMORY);
}

static void test_sub_bank_quota_holds(void **state)
{
	sb_handle a, a1;
	struct sb_query q;
	uint32_t got = 0;

	(void)state;
	assert_int_equal(sb_create(&led, root, 300, &a), STATUS_OK);
	assert_int_equal(sb_create(&led, a, 100, &a1), STATUS_OK);
	while (sb_alloc(&led, a1, 3) == STATUS_OK)
		got += 3;
	assert_int_equal(got, 99);
	assert_fails_unchanged(sb_alloc(&led, a1, 2), STATUS_NO_MEMORY);
	assert_int_equal(sb_alloc(&led, a, 201), STATUS_OK);
	assert_fails_unchanged(sb_alloc(&led, a, 1), STATUS_NO_MEMORY);
	assert_int_equal(sb_query(&led, a, &q), STATUS_OK);
	assert_int_equal(q.used, 300);
	assert_int_equal(q.quota, 300);
	assert_int_equal(q.depth, 1);
	assert_int_equal(used_of(root), 300);
	assert_int_equal(sb_query(&led, a1, &q), STATUS_OK);
	assert_int_equal(q.available, 0);       /* a1 has 1 left, a has none */
	assert_int_equal(q.depth, 2);
}

static void test_limit_caps_sub_banks(void **state)
{
	sb_handle a, b;

	(void)state;
	assert_int_equal(sb_create(&led, root, 800, &a), STATUS_OK);
	assert_int_equal(sb_create(&led, root, 800, &b), STATUS_OK);
	assert_int_equal(sb_alloc(&led, a, 800), STATUS_OK);
	/* b's quota has room, the limit has 200 */
	assert_fails_unchanged(sb_alloc(&led, b, 201), STATUS_NO_MEMORY);
	assert_int_equal(sb_alloc(&led, b, 200), STATUS_OK);
	assert_int_equal(used_of(root), 1000);
}

static void test_destroy_returns_subtree(void **state)
{
	sb_handle a, a1, a2, a11, b;
	uint32_t returned = 0;

	(void)state;
	assert_int_equal(sb_create(&led, root, 500, &a), STATUS_OK);
	assert_int_equal(sb_create(&led, a, 200, &a1), STATUS_OK);
	assert_int_equal(sb_create(&led, a, 200, &a2), STATUS_OK);
	assert_int_equal(sb_create(&led, a1, 50, &a11), STATUS_OK);
	assert_int_equal(sb_create(&led, root, 100, &b), STATUS_OK);
	assert_int_equal(sb_alloc(&led, a, 10), STATUS_OK);
	assert_int_equal(sb_alloc(&led, a1, 20), STATUS_OK);
	assert_int_equal(sb_alloc(&led, a2, 30), STATUS_OK);
	assert_int_equal(sb_alloc(&led, a11, 40), STATUS_OK);
	assert_int_equal(sb_alloc(&led, b, 5), STATUS_OK);
	assert_int_equal(sb_alloc(&led, root, 1), STATUS_OK);
	assert_int_equal(used_of(root), 106);
	assert_int_equal(sb_destroy(&led, a1, &returned), STATUS_OK);
	assert_int_equal(returned, 60);
	assert_int_equal(used_of(a), 40);
	assert_fails_unchanged(sb_alloc(&led, a11, 1), STATUS_NOT_FOUND);
	assert_int_equal(sb_destroy(&led, a, &returned), STATUS_OK);
	assert_int_equal(returned, 40);
	assert_fails_unchanged(sb_query(&led, a2, &(struct sb_query){ 0 }), STATUS_NOT_FOUND);
	assert_int_equal(used_of(root), 6);
	assert_int_equal(used_of(b), 5);
	assert_fails_unchanged(sb_destroy(&led, root, &returned), STATUS_NO_PERMISSION);
}

static void test_stale_handle_after_slot_reuse(void **state)
{
	sb_handle a, again;
	uint32_t returned;

	(void)state;
	assert_int_equal(sb_create(&led, root, 10, &a), STATUS_OK);
	assert_int_equal(sb_destroy(&led, a, &returned), STATUS_OK);
	assert_int_equal(sb_create(&led, root, 10, &again), STATUS_OK);
	assert_int_equal(again & 0xff, a & 0xff);        /* same slot ... */
	assert_int_not_equal(again, a);                  /* ... new handle */
	assert_fails_unchanged(sb_alloc(&led, a, 1), STATUS_NOT_FOUND);
	assert_fails_unchanged(sb_alloc(&led, 0x12345678u, 1), STATUS_NOT_FOUND);
	assert_int_equal(sb_alloc(&led, again, 1), STATUS_OK);
}

static void test_bad_requests_change_nothing(void **state)
{
	sb_handle a, full[SB_MAX_BANKS];
	unsigned i, made = 0;

	(void)state;
	assert_int_equal(sb_create(&led, root, 50, &a), STATUS_OK);
	assert_int_equal(sb_alloc(&led, a, 5), STATUS_OK);
	assert_fails_unchanged(sb_alloc(&led, a, 0), STATUS_INVALID_ARGUMENT);
	assert_fails_unchanged(sb_free(&led, a, 6), STATUS_OUT_OF_RANGE);
	assert_fails_unchanged(sb_free(&led, root, 1), STATUS_OUT_OF_RANGE);
	assert_fails_unchanged(sb_create(&led, a, 51, &full[0]), STATUS_OUT_OF_RANGE);
	assert_fails_unchanged(sb_create(&led, a, 0, &full[0]), STATUS_INVALID_ARGUMENT);
	assert_int_equal(sb_free(&led, a, 5), STATUS_OK);
	assert_int_equal(used_of(root), 0);
	for (i = 0; i < SB_MAX_BANKS; i++)
		made += sb_create(&led, root, 1, &full[i]) == STATUS_OK;
	assert_int_equal(made, SB_MAX_BANKS - 2);        /* root and a */
	assert_fails_unchanged(sb_create(&led, root, 1, &full[0]), STATUS_NO_MEMORY);
	assert_int_equal(sb_init(NULL, 1, &a), STATUS_INVALID_ARGUMENT);
}

static void test_limit_log_line(void **state)
{
	char buf[64], tiny[8] = "x";
	size_t len;

	(void)state;
	assert_int_equal(sb_format_limit(&led, buf, sizeof(buf), &len), STATUS_OK);
	assert_string_equal(buf, "spacebank: limit=1000 phase=conservative\n");
	assert_int_equal(len, strlen(buf));
	assert_int_equal(sb_set_limit(&led, 4294967295u, SB_RELAXED), STATUS_OK);
	assert_int_equal(sb_format_limit(&led, buf, sizeof(buf), &len), STATUS_OK);
	assert_string_equal(buf, "spacebank: limit=4294967295 phase=relaxed\n");
	assert_int_equal(sb_format_limit(&led, tiny, sizeof(tiny), &len), STATUS_SHORT_BUFFER);
	assert_string_equal(tiny, "");
	assert_int_equal(len, strlen(buf));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_allocate_until_refused, setup),
		cmocka_unit_test_setup(test_limit_is_monotonic, setup),
		cmocka_unit_test_setup(test_relaxing_makes_room, setup),
		cmocka_unit_test_setup(test_sub_bank_quota_holds, setup),
		cmocka_unit_test_setup(test_limit_caps_sub_banks, setup),
		cmocka_unit_test_setup(test_destroy_returns_subtree, setup),
		cmocka_unit_test_setup(test_stale_handle_after_slot_reuse, setup),
		cmocka_unit_test_setup(test_bad_requests_change_nothing, setup),
		cmocka_unit_test_setup(test_limit_log_line, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
