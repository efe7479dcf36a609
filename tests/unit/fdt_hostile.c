/*
 * fdt_hostile.c - the FDT walker against hostile blobs: corrupted copies
 * of the dtc-built fixtures (header fields, tags, name offsets), trees
 * built here with bad cells, lengths, depth and sizes, and every single
 * byte of a fixture smashed in turn.  Each case must end in a clear status
 * or warning, within the table's bounds.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <libfdt.h>

#include "fdt_fixture.h"
#include "fdtw_walk.h"
#include "fdtw_need.h"
#include "fdtw_log.h"

static _Alignas(8) uint8_t blob[FIXTURE_CAP];
FDTW_RESULT(res, 1024, 8192);   /* caller storage, well above any fixture */

/* Header fields are big-endian 32-bit words. */
static void set_header(void *b, size_t field_offset, uint32_t v)
{
	fdt32_t be = cpu_to_fdt32(v);

	memcpy((uint8_t *)b + field_offset, &be, 4);
}

static size_t load(void)
{
	return fixture_load("mcf5208evb", blob, sizeof(blob));
}

static void expect_warning(unsigned i, const char *path, enum fdtw_warn_what what)
{
	assert_true(i < res.nwarn);
	assert_string_equal(res.warn[i].path, path);
	assert_string_equal(fdtw_warn_name(res.warn[i].what), fdtw_warn_name(what));
}

static void test_arguments(void **state)
{
	size_t n = load();

	(void)state;
	assert_int_equal(fdtw_walk(NULL, n, &res), STATUS_INVALID_ARGUMENT);
	assert_int_equal(fdtw_walk(blob, n, NULL), STATUS_INVALID_ARGUMENT);
	/* libfdt needs 8-byte alignment; a copy at +4 is refused up front. */
	memmove(blob + 4, blob, n);
	assert_int_equal(fdtw_walk(blob + 4, n, &res), STATUS_MISALIGNED);
}

/* Any buffer shorter than totalsize, down to nothing. */
static void test_truncated(void **state)
{
	size_t n = load();

	(void)state;
	for (size_t len = 0; len < n; len++)
		assert_int_equal(fdtw_walk(blob, len, &res), STATUS_BAD_LENGTH);
	assert_int_equal(fdtw_walk(blob, n, &res), STATUS_OK);
}

static void test_bad_magic_and_version(void **state)
{
	size_t n = load();

	(void)state;
	blob[0] ^= 0x01;
	assert_int_equal(fdtw_walk(blob, n, &res), STATUS_BAD_MAGIC);
	n = load();
	set_header(blob, offsetof(struct fdt_header, version), 1);
	set_header(blob, offsetof(struct fdt_header, last_comp_version), 1);
	assert_int_equal(fdtw_walk(blob, n, &res), STATUS_BAD_VERSION);
	n = load();   /* v16 carries no struct-block size to bound the walk */
	set_header(blob, offsetof(struct fdt_header, version), 16);
	set_header(blob, offsetof(struct fdt_header, last_comp_version), 16);
	assert_int_equal(fdtw_walk(blob, n, &res), STATUS_BAD_VERSION);
}

/* totalsize claims more than the caller has. */
static void test_size_beyond_buffer(void **state)
{
	size_t n = load();

	(void)state;
	set_header(blob, offsetof(struct fdt_header, totalsize), (uint32_t)n + 64);
	assert_int_equal(fdtw_walk(blob, n, &res), STATUS_BAD_LENGTH);
	set_header(blob, offsetof(struct fdt_header, totalsize), 0xffffffffu);
	assert_int_equal(fdtw_walk(blob, n, &res), STATUS_BAD_LENGTH);
}

/* A block that runs past totalsize: libfdt's header check says
 * FDT_ERR_TRUNCATED. */
static void test_block_beyond_total(void **state)
{
	size_t n = load();

	(void)state;
	set_header(blob, offsetof(struct fdt_header, size_dt_strings), (uint32_t)n);
	assert_int_equal(fdtw_walk(blob, n, &res), STATUS_BAD_LENGTH);
	n = load();
	set_header(blob, offsetof(struct fdt_header, off_dt_struct), (uint32_t)n + 8);
	assert_int_equal(fdtw_walk(blob, n, &res), STATUS_BAD_LENGTH);
}

static void test_overlapping_blocks(void **state)
{
	size_t n = load();

	(void)state;
	set_header(blob, offsetof(struct fdt_header, off_dt_strings),
		   fdt_off_dt_struct(blob));
	assert_int_equal(fdtw_walk(blob, n, &res), STATUS_OVERLAP);
	n = load();
	set_header(blob, offsetof(struct fdt_header, off_mem_rsvmap),
		   fdt_off_dt_struct(blob));
	assert_int_equal(fdtw_walk(blob, n, &res), STATUS_OVERLAP);
	n = load();
	set_header(blob, offsetof(struct fdt_header, off_dt_struct), 8);
	assert_int_not_equal(fdtw_walk(blob, n, &res), STATUS_OK);
}

/* A property whose name offset points outside the strings block: that
 * node (and its subtree) is skipped with bad-string, the rest is walked. */
static void test_string_offset_out_of_range(void **state)
{
	size_t n = load();
	int node = fdt_path_offset(blob, "/soc/serial@fc060000");
	int prop = fdt_first_property_offset(blob, node);
	struct fdt_property *p;

	(void)state;
	assert_true(prop >= 0);
	p = (struct fdt_property *)fdt_get_property_by_offset(blob, prop, NULL);
	assert_non_null(p);
	p->nameoff = cpu_to_fdt32(0x7ffffff0);
	assert_int_equal(fdtw_walk(blob, n, &res), STATUS_OK);
	assert_int_equal(res.ndev, 3);
	assert_int_equal(res.nwarn, 1);
	expect_warning(0, "/soc/serial@fc060000", FDTW_WARN_BAD_STRING);
	assert_int_not_equal(res.warn[0].detail, 0);
}

/* A smashed tag mid-tree: BAD_IMAGE, with what came before it. */
static void test_bad_structure(void **state)
{
	size_t n = load();
	int node = fdt_path_offset(blob, "/soc/serial@fc060000");

	(void)state;
	assert_true(node >= 0);
	set_header(blob, fdt_off_dt_struct(blob) + (uint32_t)node, 0x0badc0de);
	assert_int_equal(fdtw_walk(blob, n, &res), STATUS_BAD_IMAGE);
	assert_int_equal(res.ndev, 2);
	assert_string_equal(res.dev[1].path, "/soc/interrupt-controller@fc048000");
	expect_warning(res.nwarn - 1, "/", FDTW_WARN_BAD_STRUCTURE);
}

/* Deeper than FDTW_MAX_DEPTH: devices down to the bound, one too-deep
 * warning at the first level beyond it, nothing below. */
static void test_deep_nesting(void **state)
{
	const uint32_t reg[2] = { 0x1000, 0x10 };
	int levels = FDTW_MAX_DEPTH + 4;

	(void)state;
	sw_begin(blob, sizeof(blob), 1, 1);
	for (int i = 0; i < levels; i++) {
		sw_node(blob, "n");
		sw_u32(blob, "#address-cells", 1);
		sw_u32(blob, "#size-cells", 1);
		sw_prop(blob, "ranges", NULL, 0);
		sw_cells(blob, "reg", reg, 2);
	}
	for (int i = 0; i < levels; i++)
		sw_end(blob);
	assert_int_equal(fdtw_walk(blob, sw_finish(blob), &res), STATUS_OK);
	assert_int_equal(res.ndev, FDTW_MAX_DEPTH);
	assert_int_equal(res.nwarn, 1);
	assert_int_equal(res.warn[0].what, FDTW_WARN_TOO_DEEP);
	assert_int_equal(res.warn[0].detail, FDTW_MAX_DEPTH + 1);
	assert_int_equal(res.dev[FDTW_MAX_DEPTH - 1].depth, FDTW_MAX_DEPTH);
}

/* reg of 12 bytes under 1+1 cells; ranges of 8 under 1+1+1. */
static void test_lengths_not_whole_entries(void **state)
{
	const uint32_t cells[3] = { 0x1000, 0x10, 0x20 };

	(void)state;
	sw_begin(blob, sizeof(blob), 1, 1);
	sw_node(blob, "odd@1000");
	sw_cells(blob, "reg", cells, 3);
	sw_end(blob);
	sw_node(blob, "bus");
	sw_u32(blob, "#address-cells", 1);
	sw_u32(blob, "#size-cells", 1);
	sw_cells(blob, "ranges", cells, 2);
	sw_node(blob, "child@0");
	sw_cells(blob, "reg", cells, 2);
	sw_end(blob);
	sw_end(blob);
	assert_int_equal(fdtw_walk(blob, sw_finish(blob), &res), STATUS_OK);
	assert_int_equal(res.ndev, 0);
	assert_int_equal(res.nwarn, 2);
	expect_warning(0, "/odd@1000", FDTW_WARN_BAD_REG);
	assert_int_equal(res.warn[0].detail, 12);
	expect_warning(1, "/bus", FDTW_WARN_BAD_RANGES);
	assert_int_equal(res.warn[1].detail, 8);
}

/* #address-cells 3 and #size-cells 0 on buses with children that have
 * reg: one bad-cells warning per bus, children skipped; a sane sibling is
 * still found. */
static void test_bad_cells(void **state)
{
	const uint32_t reg[3] = { 0, 0x1000, 0x10 };

	(void)state;
	sw_begin(blob, sizeof(blob), 1, 1);
	sw_node(blob, "wide");
	sw_u32(blob, "#address-cells", 3);
	sw_u32(blob, "#size-cells", 1);
	sw_prop(blob, "ranges", NULL, 0);
	sw_node(blob, "a@0");
	sw_cells(blob, "reg", reg, 3);
	sw_end(blob);
	sw_node(blob, "b@0");
	sw_cells(blob, "reg", reg, 3);
	sw_end(blob);
	sw_end(blob);
	sw_node(blob, "flat");
	sw_u32(blob, "#address-cells", 1);
	sw_u32(blob, "#size-cells", 0);
	sw_prop(blob, "ranges", NULL, 0);
	sw_node(blob, "c@1000");
	sw_cells(blob, "reg", reg + 1, 1);
	sw_end(blob);
	sw_end(blob);
	sw_node(blob, "ok@1000");
	sw_cells(blob, "reg", reg + 1, 2);
	sw_end(blob);
	assert_int_equal(fdtw_walk(blob, sw_finish(blob), &res), STATUS_OK);
	assert_int_equal(res.ndev, 1);
	assert_string_equal(res.dev[0].path, "/ok@1000");
	assert_int_equal(res.nwarn, 2);
	expect_warning(0, "/wide", FDTW_WARN_BAD_CELLS);
	assert_int_equal(res.warn[0].detail, 3);
	expect_warning(1, "/flat", FDTW_WARN_BAD_CELLS);
	assert_int_equal(res.warn[1].detail, 0);
}

/* Unterminated strings, a cells property of the wrong length. */
static void test_bad_properties(void **state)
{
	const uint32_t reg[2] = { 0x1000, 0x10 };

	(void)state;
	sw_begin(blob, sizeof(blob), 1, 1);
	sw_node(blob, "a@1000");
	sw_prop(blob, "compatible", "abc", 3);
	sw_cells(blob, "reg", reg, 2);
	sw_end(blob);
	sw_node(blob, "b@1000");
	sw_prop(blob, "status", "okay", 4);
	sw_cells(blob, "reg", reg, 2);
	sw_end(blob);
	sw_node(blob, "c");
	sw_prop(blob, "#address-cells", "\0\0", 2);
	sw_end(blob);
	assert_int_equal(fdtw_walk(blob, sw_finish(blob), &res), STATUS_OK);
	assert_int_equal(res.ndev, 0);
	assert_int_equal(res.nwarn, 3);
	expect_warning(0, "/a@1000", FDTW_WARN_BAD_PROPERTY);
	expect_warning(1, "/b@1000", FDTW_WARN_BAD_PROPERTY);
	expect_warning(2, "/c", FDTW_WARN_BAD_PROPERTY);
}

/* A path beyond FDTW_PATH_MAX: that node's subtree is skipped. */
static void test_path_too_long(void **state)
{
	const uint32_t reg[2] = { 0x1000, 0x10 };
	char name[48];

	(void)state;
	memset(name, 'x', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	sw_begin(blob, sizeof(blob), 1, 1);
	sw_node(blob, name);
	sw_prop(blob, "ranges", NULL, 0);
	sw_u32(blob, "#address-cells", 1);
	sw_u32(blob, "#size-cells", 1);
	sw_node(blob, name);
	sw_cells(blob, "reg", reg, 2);
	sw_end(blob);
	sw_end(blob);
	assert_int_equal(fdtw_walk(blob, sw_finish(blob), &res), STATUS_OK);
	assert_int_equal(res.ndev, 0);
	assert_int_equal(res.nwarn, 1);
	assert_int_equal(res.warn[0].what, FDTW_WARN_PATH_TOO_LONG);
	assert_int_equal(res.warn[0].path[0], '/');
	assert_int_equal(strlen(res.warn[0].path), sizeof(name));
}

/* The tables are the caller's (64 devices here): a device with 6
 * regions keeps them all (no per-device bound), 35 bad ones give
 * warnings (31 fit after the first), then more devices than fit: 64 kept,
 * the rest counted in dev_wanted (their warning is dropped too).  With
 * room for 3 regions, the first device keeps 3 and says so. */
FDTW_RESULT(capped, 64, 1000);
FDTW_RESULT(tiny, 64, 3);

static void test_capacities(void **state)
{
	uint32_t reg[2 * 6];
	char name[32];

	(void)state;
	for (int i = 0; i < 6; i++) {
		reg[2 * i] = 0x1000u * (uint32_t)(i + 1);
		reg[2 * i + 1] = 0x10;
	}
	sw_begin(blob, sizeof(blob), 1, 1);
	sw_node(blob, "d@0");
	sw_cells(blob, "reg", reg, 2 * 6);
	sw_end(blob);
	for (int i = 0; i < 35; i++) {
		sw_node(blob, "bad");
		sw_cells(blob, "reg", reg, 1);
		sw_end(blob);
	}
	for (int i = 0; i < 64 + 8; i++) {
		snprintf(name, sizeof(name), "d@%x", 0x1000 * (i + 1));
		sw_node(blob, name);
		sw_cells(blob, "reg", reg, 2);
		sw_end(blob);
	}
	size_t n = sw_finish(blob);
	assert_int_equal(fdtw_walk(blob, n, &capped), STATUS_OK);
	assert_int_equal(capped.ndev, 64);
	assert_int_equal(capped.dev_wanted, 1 + 64 + 8);
	assert_int_equal(capped.dev[0].nregions, 6);
	assert_int_equal(capped.dev[0].region[5].base, 0x6000);
	assert_string_equal(capped.warn[0].path, "/bad");
	assert_int_equal(capped.nwarn, FDTW_MAX_WARNINGS);
	assert_int_equal(capped.warn_dropped, 35 - FDTW_MAX_WARNINGS + 1);
	assert_string_equal(capped.dev[63].path, "/d@3f000");
	assert_int_equal(fdtw_walk(blob, n, &tiny), STATUS_OK);
	assert_int_equal(tiny.dev[0].nregions, 3);
	assert_int_equal(tiny.ndev, 1);
	assert_string_equal(tiny.warn[0].path, "/d@0");
	assert_int_equal(tiny.warn[0].what, FDTW_WARN_TRUNCATED_REGIONS);
	assert_int_equal(tiny.regions_wanted, 6 + 64 + 8);
}

/* More nodes than FDTW_MAX_STEPS: the walk stops with a warning. */
static void test_step_budget(void **state)
{
	(void)state;
	sw_begin(blob, sizeof(blob), 1, 1);
	for (int i = 0; i < FDTW_MAX_STEPS; i++) {
		sw_node(blob, "n");
		sw_end(blob);
	}
	assert_int_equal(fdtw_walk(blob, sw_finish(blob), &res), STATUS_OK);
	assert_int_equal(res.nnodes, FDTW_MAX_STEPS - 2);
	expect_warning(res.nwarn - 1, "/", FDTW_WARN_TRUNCATED_STEPS);
}

/* Every byte of the fixture smashed in turn (three values): a status,
 * and tables within their bounds. */
static void test_every_byte(void **state)
{
	static uint8_t pristine[FIXTURE_CAP];
	const uint8_t smash[3] = { 0x00, 0xff, 0x80 };
	size_t n = load();

	(void)state;
	memcpy(pristine, blob, n);
	for (size_t i = 0; i < n; i++) {
		for (int k = 0; k < 3; k++) {
			enum status st;

			memcpy(blob, pristine, n);
			blob[i] = smash[k];
			st = fdtw_walk(blob, n, &res);
			assert_true(st < STATUS_COUNT);
			if (st != STATUS_OK && st != STATUS_BAD_IMAGE)
				continue;
			assert_true(res.ndev <= res.dev_cap);
			assert_true(res.nwarn <= FDTW_MAX_WARNINGS);
			assert_true(res.nregions_used <= res.region_cap);
			for (unsigned d = 0; d < res.ndev; d++)
				assert_true(res.dev[d].nregions >= 1 &&
					    res.dev[d].region >= res.regions &&
					    res.dev[d].region + res.dev[d].nregions <=
						    res.regions + res.nregions_used);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arguments),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_bad_magic_and_version),
		cmocka_unit_test(test_size_beyond_buffer),
		cmocka_unit_test(test_block_beyond_total),
		cmocka_unit_test(test_overlapping_blocks),
		cmocka_unit_test(test_string_offset_out_of_range),
		cmocka_unit_test(test_bad_structure),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_lengths_not_whole_entries),
		cmocka_unit_test(test_bad_cells),
		cmocka_unit_test(test_bad_properties),
		cmocka_unit_test(test_path_too_long),
		cmocka_unit_test(test_capacities),
		cmocka_unit_test(test_step_budget),
		cmocka_unit_test(test_every_byte),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
