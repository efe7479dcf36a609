/*
 * fdt_hang.c - the hostile lengths and offsets that dtc never writes
 * (tests/fixtures/fdt/hostile/mkhostile.py): a property length of
 * 0xfffffff4, on which libfdt 1.6.1's fdt_next_node loops forever (the
 * regression input the ColdFire-loop and never-bricked issues share),
 * 0xfffffffc lengths in `reg` and `ranges`, and an unaligned structure
 * block.  Each must return its error in bounded time: an alarm kills the
 * test after 5 s, and the test is built with ASan and UBSan (fdt.cmake),
 * so an out-of-bounds read fails it too.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "fdt_fixture.h"
#include "fdtw_scan.h"
#include "fdtw_walk.h"

static _Alignas(8) uint8_t blob[FIXTURE_CAP];
FDTW_RESULT(res, 1024, 8192);   /* caller storage, well above any fixture */

static void expect(const char *stem, enum status want)
{
	size_t n = fixture_load(stem, blob, sizeof(blob));

	alarm(5);
	assert_int_equal(fdtw_walk(blob, n, &res), want);
	alarm(0);
}

static void test_hang_proplen(void **state)
{
	(void)state;
	expect("hostile/hang-proplen", STATUS_BAD_LENGTH);
}

static void test_reg_length(void **state)
{
	(void)state;
	expect("hostile/reg-fffffffc", STATUS_BAD_LENGTH);
}

static void test_ranges_length(void **state)
{
	(void)state;
	expect("hostile/ranges-fffffffc", STATUS_BAD_LENGTH);
}

static void test_unaligned_struct(void **state)
{
	(void)state;
	expect("hostile/unaligned-struct", STATUS_MISALIGNED);
}

/* The same boards with honest lengths walk: the inputs differ from a
 * good tree only in the hostile field.  A length of 0xfffffff4 patched
 * back to the real 11 gives two devices. */
static void test_control(void **state)
{
	size_t n = fixture_load("hostile/hang-proplen", blob, sizeof(blob));
	static const uint8_t bad[4] = { 0xff, 0xff, 0xff, 0xf4 };
	uint8_t *at = memmem(blob, n, bad, 4);
	struct fdtw_scan scan;

	(void)state;
	assert_non_null(at);
	memcpy(at, "\0\0\0\x0b", 4);   /* "kheap,uart" and its NUL */
	assert_int_equal(fdtw_prescan(blob, &scan), STATUS_OK);
	assert_int_equal(scan.nodes, 4);
	assert_int_equal(fdtw_walk(blob, n, &res), STATUS_OK);
	assert_int_equal(res.ndev, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hang_proplen),
		cmocka_unit_test(test_reg_length),
		cmocka_unit_test(test_ranges_length),
		cmocka_unit_test(test_unaligned_struct),
		cmocka_unit_test(test_control),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
