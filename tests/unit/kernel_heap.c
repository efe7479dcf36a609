/*
 * kernel_heap.c - the run-time side of the fixed heap (kernel/heap.c) on
 * the host: allocations land inside their planned part, zeroed and
 * aligned; running past a part, or allocating at all after the seal,
 * panics; the stats never move after the seal.  The kernel's console,
 * panic and direct map are stubbed here (panic longjmps back to the test).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "heap.h"
#include "log.h"
#include "hal/mmu.h"

#define PHYS_BASE 0x200000ull

static uint8_t *ram;          /* stands for physical memory from PHYS_BASE */
static jmp_buf on_panic;
static int panics;

void kprintf(const char *fmt, ...)
{
	(void)fmt;
}

void panic(const char *fmt, ...)
{
	(void)fmt;
	panics++;
	longjmp(on_panic, 1);
}

void *hal_phys_to_virt(uint64_t pa)
{
	return ram + (pa - PHYS_BASE);
}

static struct heap_plan plan;

/* heap.c keeps its state for the whole boot, as the kernel does: the
 * tests run in order on one heap. */
static int setup(void **state)
{
	(void)state;
	struct heap_plan_input in = {
		.ram_frames = 1000, .pool_n = 64, .headroom = 32,
		.max_procs = 4, .caps_per_proc = 8, .max_endpoints = 4,
		.pt_frames_per_proc = 2, .kstack_bytes = 8192,
		.kernel_table_frames = 5, .ram_record_bytes = 32,
		.proc_record_bytes = 100, .cap_record_bytes = 32,
		.endpoint_record_bytes = 24,
	};
	assert_int_equal(heap_plan_compute(&in, &plan), STATUS_OK);
	ram = malloc(plan.total);
	memset(ram, 0xee, plan.total);      /* garbage: allocations must zero */
	heap_reserve(&plan, PHYS_BASE, 64, 32, 1000);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(ram);
	return 0;
}

static void test_alloc_inside_part_zeroed_aligned(void **state)
{
	(void)state;
	uint8_t *a = heap_alloc(HEAP_PART_PROCESSES, 10, 8);
	uint8_t *b = heap_alloc(HEAP_PART_PROCESSES, 100, 64);

	assert_ptr_equal(a, ram + plan.offset[HEAP_PART_PROCESSES]);
	assert_true((uintptr_t)(b - ram) % 64 == 0);
	assert_true(b >= a + 10);
	for (int i = 0; i < 100; i++)
		assert_int_equal(b[i], 0);
	uint64_t pa = heap_alloc_phys(HEAP_PART_USER_TABLES, 4096);
	assert_int_equal(pa, PHYS_BASE + plan.offset[HEAP_PART_USER_TABLES]);
}

static void test_part_overrun_panics(void **state)
{
	(void)state;
	struct heap_stats before, after;
	uint64_t left = plan.bytes[HEAP_PART_ENDPOINTS];

	heap_get_stats(&before);
	panics = 0;
	if (!setjmp(on_panic))
		heap_alloc(HEAP_PART_ENDPOINTS, left + 1, 1);
	assert_int_equal(panics, 1);
	heap_get_stats(&after);
	assert_int_equal(after.used, before.used);
	/* The exact remainder still fits. */
	heap_alloc(HEAP_PART_ENDPOINTS, left, 1);
}

static void test_alloc_after_seal_panics(void **state)
{
	(void)state;
	struct heap_stats before, after;

	memset(&before, 0, sizeof(before));   /* padding compares equal */
	memset(&after, 0, sizeof(after));
	heap_seal();
	heap_get_stats(&before);
	assert_true(before.sealed);
	assert_int_equal(before.bytes, plan.total);
	panics = 0;
	if (!setjmp(on_panic))
		heap_alloc(HEAP_PART_KSTACKS, 16, 16);
	if (!setjmp(on_panic))
		heap_alloc_phys(HEAP_PART_POOL, 0);
	assert_int_equal(panics, 2);
	heap_get_stats(&after);
	assert_memory_equal(&before, &after, sizeof(before));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_inside_part_zeroed_aligned),
		cmocka_unit_test(test_part_overrun_panics),
		cmocka_unit_test(test_alloc_after_seal_panics),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
