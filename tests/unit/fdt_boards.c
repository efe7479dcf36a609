/*
 * fdt_boards.c - the walker on board-sized trees (tests/fixtures/fdt/
 * soc-big*.dts, made by boards/mkboards.py): 211 devices, a bus with 8
 * `ranges` windows, a device with 8 `reg` entries, a chip-select `reg`
 * partly inside its window and a bus window partly inside its parent's
 * (both clipped: translation by address), tables sized from the blob
 * (nothing cut), and the fingerprint the same with siblings reversed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fdt_fixture.h"
#include "fdtw_need.h"
#include "fdtw_walk.h"

#define BOARD_DEVICES 211u

static _Alignas(8) uint8_t blob[FIXTURE_CAP];
static struct fdtw_result res;

/* Walks stem with tables fdtw_measure sized from the blob. */
static void walk_sized(const char *stem)
{
	size_t n = fixture_load(stem, blob, sizeof(blob));
	uint32_t ndev, nreg;

	assert_int_equal(fdtw_measure(blob, n, &ndev, &nreg), STATUS_OK);
	assert_true(ndev >= BOARD_DEVICES);
	free(res.dev);
	free(res.regions);
	fdtw_result_init(&res, calloc(ndev, sizeof(struct fdtw_device)), ndev,
			 calloc(nreg, sizeof(struct fdtw_region)), nreg);
	assert_int_equal(fdtw_walk(blob, n, &res), STATUS_OK);
}

static const struct fdtw_device *device(const char *path)
{
	for (unsigned i = 0; i < res.ndev; i++)
		if (strcmp(res.dev[i].path, path) == 0)
			return &res.dev[i];
	return NULL;
}

static bool warned(const char *path, enum fdtw_warn_what what)
{
	for (unsigned i = 0; i < res.nwarn; i++)
		if (strcmp(res.warn[i].path, path) == 0 && res.warn[i].what == what)
			return true;
	return false;
}

static void test_sized_from_blob(void **state)
{
	(void)state;
	walk_sized("soc-big");
	assert_int_equal(res.ndev, BOARD_DEVICES);
	assert_int_equal(res.dev_wanted, BOARD_DEVICES);
	assert_int_equal(res.regions_wanted, res.nregions_used);
	assert_int_equal(res.nwarn, 3);
}

/* 8 windows, 8 devices in each: each translated by its own window. */
static void test_eight_ranges(void **state)
{
	char path[96];

	(void)state;
	walk_sized("soc-big");
	for (unsigned i = 0; i < 8; i++)
		for (unsigned k = 0; k < 8; k++) {
			uint32_t addr = (i << 28) + k * 0x10000u;
			const struct fdtw_device *d;

			snprintf(path, sizeof(path), "/soc/l3@40000000/ip@%x", addr);
			assert_non_null(d = device(path));
			assert_int_equal(d->nregions, 1);
			assert_int_equal(d->region[0].base, 0x40000000u + i * 0x1000000u + k * 0x10000u);
			assert_int_equal(d->region[0].size, 0x1000);
		}
}

static void test_eight_regions(void **state)
{
	const struct fdtw_device *d;

	(void)state;
	walk_sized("soc-big");
	assert_non_null(d = device("/soc/l4@48000000/wide@800000"));
	assert_int_equal(d->nregions, 8);
	for (unsigned r = 0; r < 8; r++) {
		assert_int_equal(d->region[r].base, 0x48800000u + r * 0x1000u);
		assert_int_equal(d->region[r].size, 0x100);
	}
}

/* A 32 MiB chip-select reg in a 16 MiB window keeps the 16 MiB inside;
 * a bus window half outside its parent's keeps the inner half and the
 * child in it, and drops the child beyond it. */
static void test_partial_windows(void **state)
{
	const struct fdtw_device *d;

	(void)state;
	walk_sized("soc-big");
	assert_non_null(d = device("/soc/gpmc@50000000/nand@0,0"));
	assert_int_equal(d->nregions, 1);
	assert_int_equal(d->region[0].base, 0x08000000);
	assert_int_equal(d->region[0].size, 0x1000000);
	assert_true(warned("/soc/gpmc@50000000/nand@0,0", FDTW_WARN_CLIPPED));
	assert_non_null(d = device("/ext@f0000000/devbus@f4000000/rom@0"));
	assert_int_equal(d->region[0].base, 0xf4000000u);
	assert_true(warned("/ext@f0000000/devbus@f4000000", FDTW_WARN_CLIPPED));
	assert_null(device("/ext@f0000000/devbus@f4000000/flash@6000000"));
	assert_true(warned("/ext@f0000000/devbus@f4000000/flash@6000000",
			   FDTW_WARN_UNTRANSLATABLE));
}

static void test_order_independent(void **state)
{
	uint64_t fp;
	uint32_t need, need2;

	(void)state;
	walk_sized("soc-big");
	fp = fdtw_fingerprint(&res);
	assert_int_equal(fdtw_need(&res, &need), STATUS_OK);
	walk_sized("soc-big-reversed");
	assert_int_equal(res.ndev, BOARD_DEVICES);
	assert_true(fdtw_fingerprint(&res) == fp);
	assert_int_equal(fdtw_need(&res, &need2), STATUS_OK);
	assert_int_equal(need, need2);
}

/* Caller tables too small: what is kept is bounded, the counts say what
 * the blob held, and one truncated-devices warning. */
FDTW_RESULT(small, 64, 256);

static void test_small_tables(void **state)
{
	size_t n = fixture_load("soc-big", blob, sizeof(blob));

	(void)state;
	assert_int_equal(fdtw_walk(blob, n, &small), STATUS_OK);
	assert_int_equal(small.ndev, 64);
	assert_int_equal(small.dev_wanted, BOARD_DEVICES);
	assert_true(small.nregions_used <= 256);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sized_from_blob),
		cmocka_unit_test(test_eight_ranges),
		cmocka_unit_test(test_eight_regions),
		cmocka_unit_test(test_partial_windows),
		cmocka_unit_test(test_order_independent),
		cmocka_unit_test(test_small_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
