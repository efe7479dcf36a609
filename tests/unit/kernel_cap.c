/*
 * kernel_cap.c - capability type names, the manifest's grant lists and the
 * pure range checks of derive and of a FrameAlloc slot's frame count.
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
		if (t == CAP_DEVMEM || t == CAP_IOPORT || t == CAP_ENDPOINT)
			continue;   /* these need an argument: test_arguments */
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

static void test_arguments(void **state)
{
	(void)state;
	struct cap_grant g[4];
	unsigned n = 99;

	assert_int_equal(cap_parse_grant_list("console,ioport:0xcf8-0xcff,devmem:all,"
					      "endpoint:bank:recv", 64, g, 4, &n), STATUS_OK);
	assert_int_equal(n, 4);
	assert_int_equal(g[0].cap.type, CAP_CONSOLE);
	assert_int_equal(g[1].cap.type, CAP_IOPORT);
	assert_int_equal(g[1].cap.arg0, 0xcf8);
	assert_int_equal(g[1].cap.arg1, 0xcff);
	assert_int_equal(g[2].cap.type, CAP_DEVMEM);
	assert_true(g[2].cap.arg1 == CAP_DEVMEM_ALL);
	assert_int_equal(g[3].cap.type, CAP_ENDPOINT);
	assert_int_equal(g[3].cap.rights, CAP_RIGHT_RECV);
	assert_string_equal(g[3].name, "bank");
	assert_int_equal(cap_parse_grant_list("devmem:0xfed00000-0xfed00fff,endpoint:x",
					      64, g, 4, &n), STATUS_OK);
	assert_int_equal(n, 2);
	assert_true(g[0].cap.arg0 == 0xfed00000 && g[0].cap.arg1 == 0xfed00fff);
	assert_int_equal(g[1].cap.rights, 0);
}

static void expect_list_refused(const char *s, unsigned max_out, enum status want)
{
	struct cap_grant g[2];
	unsigned n = 77;

	memset(g, 0x5a, sizeof(g));
	assert_int_equal(cap_parse_grant_list(s, 64, g, max_out, &n), want);
	assert_int_equal(n, 77);
	for (size_t i = 0; i < sizeof(g); i++)
		assert_int_equal(((unsigned char *)g)[i], 0x5a);
}

static void test_bad_arguments(void **state)
{
	(void)state;
	expect_list_refused("ioport", 2, STATUS_INVALID_ARGUMENT);
	expect_list_refused("ioport:0xcf8", 2, STATUS_INVALID_ARGUMENT);
	expect_list_refused("ioport:0xcff-0xcf8", 2, STATUS_OUT_OF_RANGE);
	expect_list_refused("ioport:0-0x10000", 2, STATUS_OUT_OF_RANGE);
	expect_list_refused("ioport:0x-1", 2, STATUS_INVALID_ARGUMENT);
	expect_list_refused("ioport:1-2x", 2, STATUS_INVALID_ARGUMENT);
	expect_list_refused("devmem", 2, STATUS_INVALID_ARGUMENT);
	expect_list_refused("devmem:0x1000-0x1ffe", 2, STATUS_OUT_OF_RANGE);
	expect_list_refused("devmem:0x1001-0x1fff", 2, STATUS_OUT_OF_RANGE);
	expect_list_refused("devmem:0-99999999999999999999999", 2, STATUS_INVALID_ARGUMENT);
	expect_list_refused("endpoint", 2, STATUS_INVALID_ARGUMENT);
	expect_list_refused("endpoint:", 2, STATUS_INVALID_ARGUMENT);
	expect_list_refused("endpoint:abcdefghijkl", 2, STATUS_INVALID_ARGUMENT);
	expect_list_refused("endpoint:a:send", 2, STATUS_INVALID_ARGUMENT);
	expect_list_refused("console:1", 2, STATUS_INVALID_ARGUMENT);
	expect_list_refused("console,reboot,bootinfo", 2, STATUS_NO_MEMORY);
	expect_list_refused("console,ioport:1-0", 2, STATUS_OUT_OF_RANGE);
}

/* The manifest's framealloc counts no frames of its own. */
static void test_framealloc_grant(void **state)
{
	(void)state;
	struct cap_grant g[2];
	unsigned n = 0;

	assert_int_equal(cap_parse_grant_list("framealloc,console", 64, g, 2, &n), STATUS_OK);
	assert_int_equal(n, 2);
	assert_int_equal(g[0].cap.type, CAP_FRAMEALLOC);
	assert_true(g[0].cap.arg0 == 0 && g[0].cap.arg1 == CAP_FRAMES_ANY);
	assert_true(g[1].cap.arg1 == 0);
	expect_list_refused("framealloc:2", 2, STATUS_INVALID_ARGUMENT);
}

static struct cap slot_of(enum cap_type t, uint64_t arg0, uint64_t arg1)
{
	return (struct cap){ .type = (uint8_t)t, .rights = KH_RIGHTS_GRANTED,
			     .arg0 = arg0, .arg1 = arg1 };
}

static void test_derive_ranges(void **state)
{
	(void)state;
	struct cap io = slot_of(CAP_IOPORT, 0x70, 0x71), con = slot_of(CAP_CONSOLE, 0, 0);
	struct cap dm = slot_of(CAP_DEVMEM, 0x1000, 0x2fff);

	assert_int_equal(cap_check_derive(&io, 0x70, 0x70, KH_RIGHT_READ), STATUS_OK);
	assert_int_equal(cap_check_derive(&io, 0x70, 0x72, KH_RIGHT_READ), STATUS_WIDER_THAN_HELD);
	assert_int_equal(cap_check_derive(&io, 0x71, 0x70, KH_RIGHT_READ), STATUS_INVALID_ARGUMENT);
	assert_int_equal(cap_check_derive(&io, 0x70, 0x70, KH_RIGHT_RECV), STATUS_WIDER_THAN_HELD);
	assert_int_equal(cap_check_derive(&io, 0x70, 0x70, KH_RIGHT_RESCIND),
			 STATUS_WIDER_THAN_HELD);
	assert_int_equal(cap_check_derive(&dm, 0x1000, 0x1fff, KH_RIGHT_READ), STATUS_OK);
	assert_int_equal(cap_check_derive(&dm, 0x1000, 0x1ffe, KH_RIGHT_READ), STATUS_MISALIGNED);
	assert_int_equal(cap_check_derive(&con, 0, 0, KH_RIGHT_READ), STATUS_OK);
	assert_int_equal(cap_check_derive(&con, 0, 1, KH_RIGHT_READ), STATUS_INVALID_ARGUMENT);
	assert_true(cap_has_range(&io) && cap_has_range(&dm) && !cap_has_range(&con));
}

/* FrameAlloc's range is a frame count [0, n - 1]: never starting past 0,
 * never more than the slot counts; the manifest grant allows any n. */
static void test_derive_frame_count(void **state)
{
	(void)state;
	struct cap any = slot_of(CAP_FRAMEALLOC, 0, CAP_FRAMES_ANY);
	struct cap two = slot_of(CAP_FRAMEALLOC, 0, 1);

	assert_true(cap_has_range(&any));
	assert_int_equal(cap_check_derive(&any, 0, 0, KH_RIGHT_READ), STATUS_OK);
	assert_int_equal(cap_check_derive(&any, 0, 1u << 20, KH_RIGHT_READ), STATUS_OK);
	assert_int_equal(cap_check_derive(&any, 0, CAP_FRAMES_ANY, KH_RIGHT_READ), STATUS_OK);
	assert_int_equal(cap_check_derive(&any, 1, 2, KH_RIGHT_READ), STATUS_INVALID_ARGUMENT);
	assert_int_equal(cap_check_derive(&two, 0, 1, KH_RIGHTS_GRANTED), STATUS_OK);
	assert_int_equal(cap_check_derive(&two, 0, 0, KH_RIGHT_READ), STATUS_OK);
	assert_int_equal(cap_check_derive(&two, 0, 2, KH_RIGHT_READ), STATUS_WIDER_THAN_HELD);
	assert_int_equal(cap_check_derive(&two, 0, CAP_FRAMES_ANY, KH_RIGHT_READ),
			 STATUS_WIDER_THAN_HELD);
	assert_int_equal(cap_check_derive(&two, 1, 1, KH_RIGHT_READ), STATUS_INVALID_ARGUMENT);
}

static void test_frames_allow(void **state)
{
	(void)state;
	struct cap any = slot_of(CAP_FRAMEALLOC, 0, CAP_FRAMES_ANY);
	struct cap two = slot_of(CAP_FRAMEALLOC, 0, 1), one = slot_of(CAP_FRAMEALLOC, 0, 0);
	struct cap io = slot_of(CAP_IOPORT, 0, 1);

	assert_int_equal(cap_frames_allow(&any, 1000000, ~0ull), STATUS_OK);
	assert_int_equal(cap_frames_allow(&io, 5, 5), STATUS_OK);
	assert_int_equal(cap_frames_allow(&two, 0, 2), STATUS_OK);
	assert_int_equal(cap_frames_allow(&two, 1, 1), STATUS_OK);
	assert_int_equal(cap_frames_allow(&two, 2, 1), STATUS_OVER_QUOTA);
	assert_int_equal(cap_frames_allow(&two, 0, 3), STATUS_OVER_QUOTA);
	assert_int_equal(cap_frames_allow(&two, 1, ~0ull), STATUS_OVER_QUOTA);   /* no wrap */
	assert_int_equal(cap_frames_allow(&two, 5, 0), STATUS_OVER_QUOTA);       /* held elsewhere */
	assert_int_equal(cap_frames_allow(&one, 0, 1), STATUS_OK);
	assert_int_equal(cap_frames_allow(&one, 1, 1), STATUS_OVER_QUOTA);
	assert_string_equal(status_name(STATUS_OVER_QUOTA), "over-quota");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_round_trip),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_bad_lists),
		cmocka_unit_test(test_arguments),
		cmocka_unit_test(test_bad_arguments),
		cmocka_unit_test(test_framealloc_grant),
		cmocka_unit_test(test_derive_ranges),
		cmocka_unit_test(test_derive_frame_count),
		cmocka_unit_test(test_frames_allow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
