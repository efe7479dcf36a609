/*
 * fdt_need.c - need and fingerprint of FDT walks: frames per region,
 * sums over the fixtures, overflow, and which edits move the fingerprint.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <libfdt.h>

#include "fdt_fixture.h"
#include "fdtw_walk.h"
#include "fdtw_need.h"
#include "fdtw_log.h"

static _Alignas(8) uint8_t blob[FIXTURE_CAP], blob2[FIXTURE_CAP];
FDTW_RESULT(res, 1024, 8192);

static uint64_t walk_fingerprint(const void *b, size_t n)
{
	assert_int_equal(fdtw_walk(b, n, &res), STATUS_OK);
	return fdtw_fingerprint(&res);
}

static uint32_t walk_need(const void *b, size_t n)
{
	uint32_t frames = 0;

	assert_int_equal(fdtw_walk(b, n, &res), STATUS_OK);
	assert_int_equal(fdtw_need(&res, &frames), STATUS_OK);
	return frames;
}

static void test_region_frames(void **state)
{
	(void)state;
	assert_int_equal(fdtw_region_frames(0), 0);
	assert_int_equal(fdtw_region_frames(1), 1);
	assert_int_equal(fdtw_region_frames(4096), 1);
	assert_int_equal(fdtw_region_frames(4097), 2);
	assert_int_equal(fdtw_region_frames(UINT64_MAX), 1ull << 52);
}

/* Each region rounds up on its own: 4 small register windows = 4 frames;
 * nested: 0x2000 (2) + 0x100, 0x1800 (1 + 2) + three small ones (3). */
static void test_need_fixtures(void **state)
{
	(void)state;
	assert_int_equal(walk_need(blob, fixture_load("mcf5208evb", blob, sizeof(blob))), 4);
	assert_int_equal(walk_need(blob, fixture_load("nested", blob, sizeof(blob))), 8);
}

static void test_need_overflow(void **state)
{
	uint32_t frames = 1234;

	(void)state;
	fdtw_result_init(&res, res_devs, 1024, res_regs, 8192);
	res.ndev = 2;
	res.dev[0].nregions = 1;
	res.dev[0].region = &res_regs[0];
	res.dev[0].region[0].size = 0xffffffffull << 12;   /* UINT32_MAX frames */
	res.dev[1].nregions = 1;
	res.dev[1].region = &res_regs[1];
	res.dev[1].region[0].size = 1;
	assert_int_equal(fdtw_need(&res, &frames), STATUS_OUT_OF_RANGE);
	assert_int_equal(frames, 1234);
	res.ndev = 1;
	assert_int_equal(fdtw_need(&res, &frames), STATUS_OK);
	assert_int_equal(frames, UINT32_MAX);
	assert_int_equal(fdtw_need(NULL, &frames), STATUS_INVALID_ARGUMENT);
}

/* Same nodes in another order: same fingerprint.  Another tree: not. */
static void test_fingerprint_order_independent(void **state)
{
	uint64_t a, b, c;

	(void)state;
	a = walk_fingerprint(blob, fixture_load("mcf5208evb", blob, sizeof(blob)));
	b = walk_fingerprint(blob, fixture_load("mcf5208evb-reordered", blob, sizeof(blob)));
	c = walk_fingerprint(blob, fixture_load("nested", blob, sizeof(blob)));
	assert_int_equal(a, b);
	assert_int_not_equal(a, c);
	assert_int_equal(a, walk_fingerprint(blob, fixture_load("mcf5208evb", blob, sizeof(blob))));
}

static void set_uart_reg(void *b, uint32_t base, uint32_t size)
{
	fdt32_t reg[2] = { cpu_to_fdt32(base), cpu_to_fdt32(size) };
	int node = fdt_path_offset(b, "/soc/serial@fc060000");

	assert_true(node >= 0);
	assert_int_equal(fdt_setprop_inplace(b, node, "reg", reg, sizeof(reg)), 0);
}

/* A size change moves it; an address change under the same node name does
 * not (addresses are left out, like PCI's). */
static void test_fingerprint_sizes_not_addresses(void **state)
{
	size_t n = fixture_load("mcf5208evb", blob, sizeof(blob));
	uint64_t base = walk_fingerprint(blob, n);

	(void)state;
	set_uart_reg(blob, 0xfc060000, 0x4000);
	assert_int_not_equal(walk_fingerprint(blob, n), base);
	assert_int_equal(res.dev[2].region[0].size, 0x4000);
	set_uart_reg(blob, 0xfc064000, 0x40);
	assert_int_equal(walk_fingerprint(blob, n), base);
	assert_int_equal(res.dev[2].region[0].base, 0xfc064000);
}

/* Disabling a device drops it from need and fingerprint. */
static void test_disable_changes_need(void **state)
{
	size_t n = fixture_load("mcf5208evb", blob, sizeof(blob));
	uint64_t before = walk_fingerprint(blob, n);
	int node;

	(void)state;
	assert_int_equal(fdt_open_into(blob, blob2, 64 * 1024), 0);
	node = fdt_path_offset(blob2, "/soc/timer@fc080000");
	assert_true(node >= 0);
	assert_int_equal(fdt_setprop_string(blob2, node, "status", "disabled"), 0);
	assert_int_equal(walk_need(blob2, 64 * 1024), 3);
	assert_int_equal(res.ndisabled, 1);
	assert_int_not_equal(fdtw_fingerprint(&res), before);
	assert_int_equal(fdt_setprop_string(blob2, node, "status", "okay"), 0);
	assert_int_equal(walk_need(blob2, 64 * 1024), 4);
	assert_int_equal(fdtw_fingerprint(&res), before);
}

/* The documented fingerprint, computed here with a plain 64-bit multiply
 * (the walker multiplies by shifts and adds), over a real walk. */
static uint64_t ref_bytes(uint64_t h, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x00000100000001b3ull;
	}
	return h;
}

static uint64_t ref_be(uint64_t h, uint64_t v, unsigned n)
{
	uint8_t b[8];

	for (unsigned i = 0; i < n; i++)
		b[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
	return ref_bytes(h, b, n);
}

static void test_fingerprint_reference(void **state)
{
	const uint64_t offset = 0xcbf29ce484222325ull;
	uint64_t sum = 0;

	(void)state;
	assert_int_equal(ref_bytes(offset, (const uint8_t *)"a", 1),
			 0xaf63dc4c8601ec8cull);   /* published FNV-1a 64 of "a" */
	walk_fingerprint(blob, fixture_load("nested", blob, sizeof(blob)));
	for (unsigned i = 0; i < res.ndev; i++) {
		const struct fdtw_device *d = &res.dev[i];
		uint64_t h = offset;

		h = ref_bytes(h, (const uint8_t *)d->path, strlen(d->path) + 1);
		h = ref_bytes(h, (const uint8_t *)d->compatible,
			      strlen(d->compatible) + 1);
		h = ref_be(h, d->nregions, 1);
		for (unsigned k = 0; k < d->nregions; k++)
			h = ref_be(h, d->region[k].size, 8);
		sum += h;
	}
	assert_int_equal(fdtw_fingerprint(&res),
			 ref_be(ref_be(offset, sum, 8), res.ndev, 2));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_region_frames),
		cmocka_unit_test(test_fingerprint_reference),
		cmocka_unit_test(test_need_fixtures),
		cmocka_unit_test(test_need_overflow),
		cmocka_unit_test(test_fingerprint_order_independent),
		cmocka_unit_test(test_fingerprint_sizes_not_addresses),
		cmocka_unit_test(test_disable_changes_need),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
