/*
 * fdt_walk.c - the FDT walker over the dtc-built fixtures: exact device
 * tables (paths, compatible strings, translated regions), what is skipped,
 * and the log lines; small built trees for the edges of a `ranges` window
 * and for what counts as RAM.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "fdt_fixture.h"
#include "fdtw_walk.h"
#include "fdtw_need.h"
#include "fdtw_log.h"

static _Alignas(8) uint8_t blob[FIXTURE_CAP];
FDTW_RESULT(res, 1024, 8192);   /* caller storage, well above any fixture */

static void expect_device(unsigned i, const char *path, const char *compat,
			  unsigned nregions)
{
	assert_true(i < res.ndev);
	assert_string_equal(res.dev[i].path, path);
	assert_string_equal(res.dev[i].compatible, compat);
	assert_int_equal(res.dev[i].nregions, nregions);
}

static void expect_region(unsigned i, unsigned k, uint64_t base, uint64_t size)
{
	assert_int_equal(res.dev[i].region[k].base, base);
	assert_int_equal(res.dev[i].region[k].size, size);
}

static void test_mcf5208evb_table(void **state)
{
	size_t n = fixture_load("mcf5208evb", blob, sizeof(blob));

	(void)state;
	assert_int_equal(fdtw_walk(blob, n, &res), STATUS_OK);
	assert_int_equal(res.ndev, 4);
	assert_int_equal(res.nwarn, 0);
	assert_int_equal(res.ndisabled, 0);
	/* root, cpus, cpu@0, memory, chosen, soc and its four devices */
	assert_int_equal(res.nnodes, 10);
	expect_device(0, "/soc/fec@fc030000", "fsl,mcf5208-fec", 1);
	expect_region(0, 0, 0xfc030000, 0x400);
	expect_device(1, "/soc/interrupt-controller@fc048000", "fsl,mcf5208-intc", 1);
	expect_region(1, 0, 0xfc048000, 0x100);
	expect_device(2, "/soc/serial@fc060000", "fsl,mcf5208-uart", 1);
	expect_region(2, 0, 0xfc060000, 0x40);
	expect_device(3, "/soc/timer@fc080000", "fsl,mcf5208-pit", 1);
	expect_region(3, 0, 0xfc080000, 0x10);
	assert_int_equal(res.dev[3].depth, 2);
}

/* 2-cell root, offset ranges, empty ranges below it, a bus without
 * ranges, disabled nodes and subtrees, a reg outside every range. */
static void test_nested_translation(void **state)
{
	size_t n = fixture_load("nested", blob, sizeof(blob));

	(void)state;
	assert_int_equal(fdtw_walk(blob, n, &res), STATUS_OK);
	assert_int_equal(res.ndev, 5);
	expect_device(0, "/highdev@100000000", "test,high", 1);
	expect_region(0, 0, 0x100000000ull, 0x2000);
	expect_device(1, "/bus@f0000000/dual@1000", "test,dual", 2);
	expect_region(1, 0, 0xf0001000, 0x100);
	expect_region(1, 1, 0xf0003000, 0x1800);
	expect_device(2, "/bus@f0000000/sub@8000", "simple-bus", 1);
	expect_region(2, 0, 0xf0008000, 0x1000);
	expect_device(3, "/bus@f0000000/sub@8000/leaf@8800", "test,leaf", 1);
	expect_region(3, 0, 0xf0008800, 0x20);
	assert_int_equal(res.dev[3].depth, 3);
	/* The i2c controller is a device; its sensor is not CPU-visible. */
	expect_device(4, "/bus@f0000000/i2c@9000", "test,i2c", 1);
	expect_region(4, 0, 0xf0009000, 0x100);
	/* off@2000 and deadbus (hidden@0 below it is never looked at) */
	assert_int_equal(res.ndisabled, 2);
	assert_int_equal(res.nwarn, 1);
	assert_string_equal(res.warn[0].path, "/bus@f0000000/outside@200000");
	assert_int_equal(res.warn[0].what, FDTW_WARN_UNTRANSLATABLE);
	assert_int_equal(res.warn[0].detail, 0);
}

/* A bus whose one `ranges` window is child [0, 0x1000) at CPU
 * 0x10000000: a reg ending exactly at the window's end is translated; one
 * starting inside and running one byte past it is clipped to the window
 * (a `clipped` warning, its index as detail), the node's other regions
 * kept; a reg wholly outside is untranslatable, and a node left with no
 * region is no device. */
static void test_reg_past_range_end(void **state)
{
	const uint32_t window[3] = { 0x0, 0x10000000, 0x1000 };
	const uint32_t fits[2] = { 0xf00, 0x100 }, over[2] = { 0xf00, 0x101 };
	const uint32_t mixed[4] = { 0x0, 0x10, 0xff0, 0x20 };
	const uint32_t gone[2] = { 0x1000, 0x10 };

	(void)state;
	sw_begin(blob, sizeof(blob), 1, 1);
	sw_node(blob, "bus@10000000");
	sw_u32(blob, "#address-cells", 1);
	sw_u32(blob, "#size-cells", 1);
	sw_cells(blob, "ranges", window, 3);
	sw_node(blob, "fits@f00");
	sw_cells(blob, "reg", fits, 2);
	sw_end(blob);
	sw_node(blob, "over@f00");
	sw_cells(blob, "reg", over, 2);
	sw_end(blob);
	sw_node(blob, "mixed@0");
	sw_cells(blob, "reg", mixed, 4);
	sw_end(blob);
	sw_node(blob, "gone@1000");
	sw_cells(blob, "reg", gone, 2);
	sw_end(blob);
	sw_end(blob);
	assert_int_equal(fdtw_walk(blob, sw_finish(blob), &res), STATUS_OK);
	assert_int_equal(res.ndev, 3);
	expect_device(0, "/bus@10000000/fits@f00", "", 1);
	expect_region(0, 0, 0x10000f00, 0x100);
	expect_device(1, "/bus@10000000/over@f00", "", 1);
	expect_region(1, 0, 0x10000f00, 0x100);
	expect_device(2, "/bus@10000000/mixed@0", "", 2);
	expect_region(2, 0, 0x10000000, 0x10);
	expect_region(2, 1, 0x10000ff0, 0x10);
	assert_int_equal(res.nwarn, 3);
	assert_string_equal(res.warn[0].path, "/bus@10000000/over@f00");
	assert_int_equal(res.warn[0].what, FDTW_WARN_CLIPPED);
	assert_int_equal(res.warn[0].detail, 0);
	assert_string_equal(res.warn[1].path, "/bus@10000000/mixed@0");
	assert_int_equal(res.warn[1].what, FDTW_WARN_CLIPPED);
	assert_int_equal(res.warn[1].detail, 1);
	assert_string_equal(res.warn[2].path, "/bus@10000000/gone@1000");
	assert_int_equal(res.warn[2].what, FDTW_WARN_UNTRANSLATABLE);
}

/* Only "memory" and "memory@<unit>" (or device_type "memory") are RAM and
 * skipped; a memory controller is a device like any other. */
static void test_memory_controller_is_a_device(void **state)
{
	const uint32_t ram[2] = { 0x40000000, 0x8000000 };
	const uint32_t ctl[2] = { 0xfc0a8000, 0x100 }, other[2] = { 0xfc0b0000, 0x40 };

	(void)state;
	sw_begin(blob, sizeof(blob), 1, 1);
	sw_node(blob, "memory@40000000");
	sw_cells(blob, "reg", ram, 2);
	sw_end(blob);
	sw_node(blob, "memory");
	sw_string(blob, "device_type", "memory");
	sw_cells(blob, "reg", ram, 2);
	sw_end(blob);
	sw_node(blob, "memory-controller@fc0a8000");
	sw_string(blob, "compatible", "test,sdram-controller");
	sw_cells(blob, "reg", ctl, 2);
	sw_end(blob);
	sw_node(blob, "memoryless@fc0b0000");
	sw_cells(blob, "reg", other, 2);
	sw_end(blob);
	assert_int_equal(fdtw_walk(blob, sw_finish(blob), &res), STATUS_OK);
	assert_int_equal(res.nwarn, 0);
	assert_int_equal(res.ndev, 2);
	expect_device(0, "/memory-controller@fc0a8000", "test,sdram-controller", 1);
	expect_region(0, 0, 0xfc0a8000, 0x100);
	expect_device(1, "/memoryless@fc0b0000", "", 1);
	expect_region(1, 0, 0xfc0b0000, 0x40);
}

static void test_log_lines(void **state)
{
	size_t n = fixture_load("nested", blob, sizeof(blob));
	char text[4096];
	size_t len;

	(void)state;
	assert_int_equal(fdtw_walk(blob, n, &res), STATUS_OK);
	assert_int_equal(fdtw_format_device(&res.dev[1], text, sizeof(text), &len),
			 STATUS_OK);
	assert_string_equal(text,
		"devdisc: found node=/bus@f0000000/dual@1000 compatible=test,dual regions=2\n"
		"devdisc: region node=/bus@f0000000/dual@1000 index=0 addr=0xf0001000 size=256\n"
		"devdisc: region node=/bus@f0000000/dual@1000 index=1 addr=0xf0003000 size=6144\n");
	assert_int_equal(len, strlen(text));
	assert_int_equal(fdtw_format_warning(&res.warn[0], text, sizeof(text), &len),
			 STATUS_OK);
	assert_string_equal(text,
		"devdisc: warning node=/bus@f0000000/outside@200000 what=untranslatable detail=0\n");
}

/* The whole walk: one found line per device, its region lines, then the
 * warnings; a short buffer tells the length needed and holds "". */
static void test_format_walk(void **state)
{
	size_t n = fixture_load("nested", blob, sizeof(blob));
	char text[4096], small[16];
	size_t len, len2, lines = 0;

	(void)state;
	assert_int_equal(fdtw_walk(blob, n, &res), STATUS_OK);
	assert_int_equal(fdtw_format_walk(&res, text, sizeof(text), &len), STATUS_OK);
	for (size_t i = 0; i < len; i++)
		lines += text[i] == '\n';
	assert_int_equal(lines, 5 + 6 + 1);
	assert_non_null(strstr(text, "found node=/highdev@100000000 compatible=test,high regions=1\n"));
	assert_non_null(strstr(text, "index=0 addr=0x100000000 size=8192\n"));
	assert_int_equal(fdtw_format_walk(&res, small, sizeof(small), &len2),
			 STATUS_SHORT_BUFFER);
	assert_int_equal(len2, len);
	assert_string_equal(small, "");
}

static void test_dropped_warnings_line(void **state)
{
	char text[8192];
	size_t len;

	(void)state;
	fdtw_result_init(&res, res_devs, 1024, res_regs, 8192);
	res.nwarn = 0;
	res.warn_dropped = 7;
	assert_int_equal(fdtw_format_walk(&res, text, sizeof(text), &len), STATUS_OK);
	assert_string_equal(text,
		"devdisc: warning node=/ what=truncated-warnings detail=7\n");
	assert_string_equal(fdtw_warn_name(FDTW_WARN_COUNT), "unknown");
	assert_string_equal(fdtw_warn_name(FDTW_WARN_BAD_CELLS), "bad-cells");
}

/* Large sizes print in full (decimal without 64-bit division). */
static void test_large_region_line(void **state)
{
	struct fdtw_device d;
	char text[256];
	size_t len;

	(void)state;
	struct fdtw_region r;

	memset(&d, 0, sizeof(d));
	strcpy(d.path, "/big");
	d.nregions = 1;
	d.region = &r;
	d.region[0].base = 0xffffffffffff0000ull;
	d.region[0].size = 18446744073709551615ull;
	assert_int_equal(fdtw_format_device(&d, text, sizeof(text), &len), STATUS_OK);
	assert_string_equal(text,
		"devdisc: found node=/big compatible=none regions=1\n"
		"devdisc: region node=/big index=0 addr=0xffffffffffff0000 size=18446744073709551615\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mcf5208evb_table),
		cmocka_unit_test(test_nested_translation),
		cmocka_unit_test(test_reg_past_range_end),
		cmocka_unit_test(test_memory_controller_is_a_device),
		cmocka_unit_test(test_log_lines),
		cmocka_unit_test(test_format_walk),
		cmocka_unit_test(test_dropped_warnings_line),
		cmocka_unit_test(test_large_region_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
