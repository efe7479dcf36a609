/*
 * kernel_heap_plan.c - the fixed-heap planner and placement: every part
 * is where the plan says and as big as its records, bad input is refused
 * without touching the output, and placement finds the lowest legal base
 * (checked against a brute-force search on random memory maps).  The
 * fit check the kernel asks of every candidate blob: the defaults fit
 * every RAM size from 16 MiB to 8 GiB, the largest blob the codec accepts
 * does not fit the small ones.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "heap_plan.h"
#include "pool.h"
#include "structpage.h"
#include "bootcfg.h"

#define PAGE HEAP_PAGE_BYTES

static struct heap_plan_input typical(void)
{
	struct heap_plan_input in = {
		.ram_frames = 32768, .pool_n = 8192, .headroom = 16384,
		.max_procs = 16, .caps_per_proc = 64, .max_endpoints = 64,
		.pt_frames_per_proc = 16, .kstack_bytes = 8192,
		.kernel_table_frames = 8, .ram_record_bytes = 32,
		.proc_record_bytes = 200, .cap_record_bytes = 32,
		.endpoint_record_bytes = 24,
	};
	return in;
}

static uint64_t round_page(uint64_t v)
{
	return (v + PAGE - 1) / PAGE * PAGE;
}

static void test_parts_tile_the_heap(void **state)
{
	(void)state;
	struct heap_plan_input in = typical();
	struct heap_plan p;

	assert_int_equal(heap_plan_compute(&in, &p), STATUS_OK);
	uint64_t at = 0;
	for (int i = 0; i < HEAP_PART_COUNT; i++) {
		assert_int_equal(p.offset[i] % PAGE, 0);
		assert_int_equal(p.offset[i], at);     /* no gap, no overlap */
		at += round_page(p.bytes[i]);
	}
	assert_int_equal(p.total, at);
	assert_int_equal(p.total % PAGE, 0);
}

static void test_part_sizes_follow_records(void **state)
{
	(void)state;
	struct heap_plan_input in = typical();
	struct heap_plan p;

	assert_int_equal(heap_plan_compute(&in, &p), STATUS_OK);
	assert_int_equal(p.bytes[HEAP_PART_RAM_RECORDS], in.ram_frames * sizeof(struct StructPageRam));
	assert_int_equal(p.bytes[HEAP_PART_POOL], pool_region_bytes(in.pool_n, in.headroom));
	assert_true(p.bytes[HEAP_PART_POOL] >=
		    (uint64_t)(in.pool_n + in.headroom) * sizeof(struct StructPageDev));
	assert_int_equal(p.bytes[HEAP_PART_PROCESSES], 16 * 200);
	assert_int_equal(p.bytes[HEAP_PART_CAPS], 16 * 64 * 32);
	assert_int_equal(p.bytes[HEAP_PART_ENDPOINTS], 64 * 24);
	assert_int_equal(p.bytes[HEAP_PART_USER_TABLES], 16 * 16 * PAGE);
	assert_int_equal(p.bytes[HEAP_PART_KSTACKS], 16 * 8192);
	assert_int_equal(p.bytes[HEAP_PART_KERNEL_TABLES], 8 * PAGE);
}

/* Growing N by k records grows the heap by the pool's bytes alone. */
static void test_pool_growth_costs_only_pool_bytes(void **state)
{
	(void)state;
	struct heap_plan_input in = typical();
	struct heap_plan a, b;

	assert_int_equal(heap_plan_compute(&in, &a), STATUS_OK);
	in.pool_n += 4096;
	assert_int_equal(heap_plan_compute(&in, &b), STATUS_OK);
	assert_int_equal(b.total - a.total,
			 round_page(b.bytes[HEAP_PART_POOL]) - round_page(a.bytes[HEAP_PART_POOL]));
	assert_true(b.total - a.total >= 4096 * sizeof(struct StructPageDev));
	for (int i = 0; i < HEAP_PART_COUNT; i++)
		if (i != HEAP_PART_POOL)
			assert_int_equal(a.bytes[i], b.bytes[i]);
}

/* DevMem bookkeeping: one word per pool record, so it grows with N + H
 * and with nothing else (no per-process mapping table). */
static void test_devmaps_follow_pool_records(void **state)
{
	(void)state;
	struct heap_plan_input in = typical();
	struct heap_plan a, b;

	in.devmap_record_bytes = 8;
	assert_int_equal(heap_plan_compute(&in, &a), STATUS_OK);
	assert_int_equal(a.bytes[HEAP_PART_DEVMAPS], (uint64_t)(in.pool_n + in.headroom) * 8);
	in.headroom += 4096;
	assert_int_equal(heap_plan_compute(&in, &b), STATUS_OK);
	assert_int_equal(b.bytes[HEAP_PART_DEVMAPS] - a.bytes[HEAP_PART_DEVMAPS], 4096 * 8);
	for (int i = 0; i < HEAP_PART_COUNT; i++)
		if (i != HEAP_PART_POOL && i != HEAP_PART_DEVMAPS)
			assert_int_equal(a.bytes[i], b.bytes[i]);
	assert_true(a.offset[HEAP_PART_DEVMAPS] < a.offset[HEAP_PART_POOL]);
}

static void expect_refused(struct heap_plan_input in, enum status want)
{
	struct heap_plan p, untouched;

	memset(&p, 0x5a, sizeof(p));
	untouched = p;
	assert_int_equal(heap_plan_compute(&in, &p), want);
	assert_memory_equal(&p, &untouched, sizeof(p));
}

static void test_zero_inputs_refused(void **state)
{
	(void)state;
	struct heap_plan_input in;

	in = typical(); in.ram_frames = 0;            expect_refused(in, STATUS_INVALID_ARGUMENT);
	in = typical(); in.max_procs = 0;             expect_refused(in, STATUS_INVALID_ARGUMENT);
	in = typical(); in.caps_per_proc = 0;         expect_refused(in, STATUS_INVALID_ARGUMENT);
	in = typical(); in.max_endpoints = 0;         expect_refused(in, STATUS_INVALID_ARGUMENT);
	in = typical(); in.pt_frames_per_proc = 0;    expect_refused(in, STATUS_INVALID_ARGUMENT);
	in = typical(); in.kstack_bytes = 0;          expect_refused(in, STATUS_INVALID_ARGUMENT);
	in = typical(); in.kernel_table_frames = 0;   expect_refused(in, STATUS_INVALID_ARGUMENT);
	in = typical(); in.ram_record_bytes = 0;      expect_refused(in, STATUS_INVALID_ARGUMENT);
	in = typical(); in.cap_record_bytes = 0;      expect_refused(in, STATUS_INVALID_ARGUMENT);
	assert_int_equal(heap_plan_compute(NULL, NULL), STATUS_INVALID_ARGUMENT);
}

static void test_pool_beyond_link_refused(void **state)
{
	(void)state;
	struct heap_plan_input in = typical();

	in.pool_n = STRUCTPAGE_LINK_NONE;
	in.headroom = 0;
	expect_refused(in, STATUS_BAD_POOL);
	in.pool_n = STRUCTPAGE_LINK_NONE / 2 + 1;
	in.headroom = STRUCTPAGE_LINK_NONE / 2 + 1;
	expect_refused(in, STATUS_BAD_POOL);
}

static void test_overflow_refused(void **state)
{
	(void)state;
	struct heap_plan_input in = typical();

	in.ram_frames = UINT64_MAX / 2;
	expect_refused(in, STATUS_OUT_OF_RANGE);
	in = typical();
	in.max_procs = UINT32_MAX;
	in.caps_per_proc = UINT32_MAX;
	expect_refused(in, STATUS_OUT_OF_RANGE);
}

/* ---- placement ------------------------------------------------------ */

static const struct bootinfo_mem qemu_map[] = {
	{ 0x0,        0x9fc00,    1, 0 },
	{ 0x9fc00,    0x400,      2, 0 },
	{ 0xf0000,    0x10000,    2, 0 },
	{ 0x100000,   0x7ee0000,  1, 0 },   /* 1 MiB .. ~128 MiB */
	{ 0x7fe0000,  0x20000,    2, 0 },
};

static void test_place_above_floor_and_avoids(void **state)
{
	(void)state;
	struct heap_range avoid[] = {
		{ 0x100000, 0x10b000 },       /* kernel */
		{ 0x10b000, 0x200800 },       /* loader and images, unaligned end */
	};
	uint64_t base = 0;

	assert_int_equal(heap_place(qemu_map, 5, avoid, 2, 0x100000, 1ull << 32,
				    64 * PAGE, &base), STATUS_OK);
	assert_int_equal(base, 0x201000);
	assert_int_equal(heap_place(qemu_map, 5, NULL, 0, 0x100000, 1ull << 32,
				    64 * PAGE, &base), STATUS_OK);
	assert_int_equal(base, 0x100000);
}

static void test_place_refuses_what_does_not_fit(void **state)
{
	(void)state;
	uint64_t base = 77;

	assert_int_equal(heap_place(qemu_map, 5, NULL, 0, 0x100000, 1ull << 32,
				    0x8000000, &base), STATUS_NO_MEMORY);
	assert_int_equal(base, 77);
	/* A limit below the region's start leaves nothing. */
	assert_int_equal(heap_place(qemu_map, 5, NULL, 0, 0x100000, 0x100000,
				    PAGE, &base), STATUS_NO_MEMORY);
	assert_int_equal(heap_place(qemu_map, 5, NULL, 0, 0, 1ull << 32, 0, &base),
			 STATUS_INVALID_ARGUMENT);
	/* Reserved entries are never used, even when large. */
	struct bootinfo_mem reserved_only[] = { { 0x100000, 1ull << 30, 2, 0 } };
	assert_int_equal(heap_place(reserved_only, 1, NULL, 0, 0, 1ull << 32, PAGE, &base),
			 STATUS_NO_MEMORY);
	assert_int_equal(base, 77);
}

/* Reference: lowest page-aligned base satisfying every rule, by scanning. */
static int brute_place(const struct bootinfo_mem *m, uint32_t n, const struct heap_range *av,
		       uint32_t na, uint64_t floor, uint64_t limit, uint64_t bytes, uint64_t *out)
{
	for (uint64_t b = 0; b + bytes <= limit; b += PAGE) {
		if (b < floor)
			continue;
		int in_region = 0;
		for (uint32_t i = 0; i < n; i++)
			if (m[i].type == 1 && b >= m[i].base && b + bytes <= m[i].base + m[i].length)
				in_region = 1;
		for (uint32_t i = 0; in_region && i < na; i++)
			if (b < av[i].end && av[i].base < b + bytes)
				in_region = 0;
		if (in_region) {
			*out = b;
			return 1;
		}
	}
	return 0;
}

static void test_place_matches_brute_force(void **state)
{
	(void)state;
	srand(12345);
	for (int round = 0; round < 3000; round++) {
		struct bootinfo_mem m[4];
		struct heap_range av[3];
		uint32_t n = 1 + rand() % 4, na = rand() % 4;
		for (uint32_t i = 0; i < n; i++) {
			m[i].base = (uint64_t)(rand() % 256) * 512;      /* half-page grain */
			m[i].length = (uint64_t)(rand() % 64) * 512;
			m[i].type = rand() % 4 ? 1 : 2;
		}
		for (uint32_t i = 0; i < na; i++) {
			av[i].base = (uint64_t)(rand() % 256) * 512;
			av[i].end = av[i].base + (uint64_t)(rand() % 16) * 512;
		}
		uint64_t bytes = (uint64_t)(1 + rand() % 4) * PAGE, floor = (uint64_t)(rand() % 8) * 2048;
		uint64_t limit = 96 * PAGE + (uint64_t)(rand() % 64) * PAGE;
		uint64_t got = 1, want = 2;
		int found = brute_place(m, n, av, na, floor, limit, bytes, &want);
		enum status st = heap_place(m, n, av, na, floor, limit, bytes, &got);
		assert_int_equal(st, found ? STATUS_OK : STATUS_NO_MEMORY);
		if (found)
			assert_int_equal(got, want);
	}
}


#define MIB (1ull << 20)
#define GIB (1ull << 30)

/* A q35-like map for `ram` bytes: low 640 KiB, [1 MiB, min(ram, 2 GiB)),
 * the rest above 4 GiB; the kernel image and the staged files avoided as
 * the x86_64 kernel avoids them. */
struct machine {
	struct bootinfo_mem mmap[3];
	struct heap_range avoid[3];
	struct heap_site site;
	struct heap_plan_input in;
};

static void machine_init(struct machine *m, uint64_t ram)
{
	uint64_t low = ram < 2 * GIB ? ram : 2 * GIB;

	m->mmap[0] = (struct bootinfo_mem){ .base = 0, .length = 0x9fc00, .type = BOOTINFO_MEM_USABLE };
	m->mmap[1] = (struct bootinfo_mem){ .base = MIB, .length = low - MIB - 0x20000,
					    .type = BOOTINFO_MEM_USABLE };
	m->mmap[2] = (struct bootinfo_mem){ .base = 4 * GIB, .length = ram - low,
					    .type = BOOTINFO_MEM_USABLE };
	m->avoid[0] = (struct heap_range){ 0, MIB };
	m->avoid[1] = (struct heap_range){ MIB, MIB + 0x20000 };         /* kernel */
	m->avoid[2] = (struct heap_range){ 4 * MIB, 4 * MIB + MIB };     /* staging */
	m->site = (struct heap_site){ m->mmap, ram > low ? 3 : 2, 3, m->avoid, MIB, 4 * GIB };
	m->in = typical();
	m->in.ram_frames = (ram - 0x80000) / PAGE;
	m->in.kernel_table_frames = (uint32_t)(4 + ram / GIB + 1);
}

static enum status fit(struct machine *m, uint32_t n, uint32_t h)
{
	struct heap_plan p;
	uint64_t base = 0;

	m->in.pool_n = n;
	m->in.headroom = h;
	enum status st = heap_plan_fit(&m->in, &m->site, &p, &base);
	if (st == STATUS_OK)
		assert_true(base >= MIB && base + p.total <= 4 * GIB);
	return st;
}

static void test_defaults_fit_every_ram_size(void **state)
{
	(void)state;
	for (uint64_t ram = 16 * MIB; ram <= 8 * GIB; ram += ram / 2) {
		struct machine m;
		machine_init(&m, ram);
		assert_int_equal(fit(&m, BOOTCFG_DEFAULT_POOL, BOOTCFG_DEFAULT_HEADROOM), STATUS_OK);
		assert_int_equal(fit(&m, BOOTCFG_POOL_MIN, 0), STATUS_OK);
	}
}

static void test_largest_blob_refused_on_small_ram(void **state)
{
	(void)state;
	static const uint64_t small[] = { 16 * MIB, 32 * MIB, 64 * MIB, 128 * MIB };
	struct machine m;

	for (unsigned i = 0; i < sizeof small / sizeof small[0]; i++) {
		machine_init(&m, small[i]);
		assert_int_equal(fit(&m, BOOTCFG_POOL_MAX, BOOTCFG_HEADROOM_MAX), STATUS_NO_MEMORY);
		assert_int_equal(fit(&m, BOOTCFG_POOL_MAX, 0), small[i] > 64 * MIB ?
				 STATUS_OK : STATUS_NO_MEMORY);
	}
	machine_init(&m, 8 * GIB);
	assert_int_equal(fit(&m, BOOTCFG_POOL_MAX, BOOTCFG_HEADROOM_MAX), STATUS_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parts_tile_the_heap),
		cmocka_unit_test(test_part_sizes_follow_records),
		cmocka_unit_test(test_devmaps_follow_pool_records),
		cmocka_unit_test(test_pool_growth_costs_only_pool_bytes),
		cmocka_unit_test(test_zero_inputs_refused),
		cmocka_unit_test(test_pool_beyond_link_refused),
		cmocka_unit_test(test_overflow_refused),
		cmocka_unit_test(test_place_above_floor_and_avoids),
		cmocka_unit_test(test_place_refuses_what_does_not_fit),
		cmocka_unit_test(test_place_matches_brute_force),
		cmocka_unit_test(test_defaults_fit_every_ram_size),
		cmocka_unit_test(test_largest_blob_refused_on_small_ram),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
