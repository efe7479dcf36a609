/*
 * kernel_cap.c - capability type names and the manifest's grant lists.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "cap.h"

static void test_names_round_trip(void **state)
{
	(void)state;
	for (unsigned t = CAP_NULL + 1; t < CAP_TYPE_COUNT; t++) {
		const char *name = cap_type_name(t);
		uint32_t mask = 0;
		assert_int_equal(cap_parse_grants(name, 64, &mask), STATUS_OK);
		assert_int_equal(mask, 1u << t);
	}
	assert_string_equal(cap_type_name(CAP_TYPE_COUNT), "unknown");
}

static void test_lists(void **state)
{
	(void)state;
	uint32_t mask = 0xdead;

	assert_int_equal(cap_parse_grants("console,reboot", 64, &mask), STATUS_OK);
	assert_int_equal(mask, (1u << CAP_CONSOLE) | (1u << CAP_REBOOT));
	assert_true(cap_granted(mask, CAP_CONSOLE));
	assert_false(cap_granted(mask, CAP_DEVMEM));
	assert_int_equal(cap_parse_grants("", 64, &mask), STATUS_OK);
	assert_int_equal(mask, 0);
	assert_int_equal(cap_parse_grants("console,console", 64, &mask), STATUS_OK);
	assert_int_equal(mask, 1u << CAP_CONSOLE);
}

static void expect_refused(const char *s, unsigned max, enum status want)
{
	uint32_t mask = 0x1234;

	assert_int_equal(cap_parse_grants(s, max, &mask), want);
	assert_int_equal(mask, 0x1234);
}

static void test_bad_lists(void **state)
{
	(void)state;
	expect_refused("consol", 64, STATUS_NOT_FOUND);
	expect_refused("consoles", 64, STATUS_NOT_FOUND);
	expect_refused("null", 64, STATUS_NOT_FOUND);
	expect_refused("console,bogus", 64, STATUS_NOT_FOUND);
	expect_refused(",console", 64, STATUS_INVALID_ARGUMENT);
	expect_refused("console,", 64, STATUS_INVALID_ARGUMENT);
	expect_refused("console,,reboot", 64, STATUS_INVALID_ARGUMENT);
	/* not terminated within max: the buffer is all there is */
	char unterminated[7];
	memcpy(unterminated, "console", 7);
	expect_refused(unterminated, sizeof(unterminated), STATUS_INVALID_ARGUMENT);
	char trailing[8];
	memcpy(trailing, "console,", 8);
	expect_refused(trailing, sizeof(trailing), STATUS_INVALID_ARGUMENT);
	assert_int_equal(cap_parse_grants(NULL, 64, NULL), STATUS_INVALID_ARGUMENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_round_trip),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_bad_lists),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
