/*
 * kernel_frame.c - kernel/frame.c on the host, built twice: with the
 * x86_64 port's constants (kernel_frame_mmu) and with ColdFire's
 * (kernel_frame_nommu, HAL_HAS_MMU 0).  RAM is one usable entry of 32
 * frames, the lower 16 just below the FrameAlloc window's base and the
 * upper 16 inside it.  With an MMU every free frame is on the list.
 * Without one the window's frames are taken only by address: RESERVE and
 * frame_alloc_user never get one, frame_alloc_user_at does (BUSY while
 * held), and a freed one goes back to the window, not the list.  The
 * kernel's console, panic, heap and direct map are stubbed here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "hal/arch.h"
#include "frame.h"
#include "heap.h"
#include "log.h"

#define PAGE     HAL_PAGE_BYTES
#define FRAMES   32u
#define BELOW    16u                  /* frames below the window */
/* With an MMU the window is virtual: RAM anywhere will do. */
#define RAM_BASE (HAL_HAS_MMU ? 0x100000ull : HAL_FRAME_VA_BASE - BELOW * PAGE)
#define WIN      (RAM_BASE + BELOW * PAGE)   /* the first frame above BELOW */

static uint8_t ram[FRAMES * PAGE];
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
	return ram + (pa - RAM_BASE);
}

void *heap_alloc(enum heap_part part, uint64_t bytes, uint64_t align)
{
	(void)part;
	(void)align;
	return calloc(1, bytes);
}

uint64_t heap_phys_base(void)
{
	return 0;
}

uint64_t heap_bytes(void)
{
	return 0;
}

static struct frame_stats stats(void)
{
	struct frame_stats s;

	frame_get_stats(&s);
	return s;
}

/* frame.c keeps its state for the whole boot: one RAM map, the tests in
 * order, each giving back what it took. */
static int setup(void **state)
{
	static const struct bootinfo_mem map = { RAM_BASE, FRAMES * PAGE, BOOTINFO_MEM_USABLE, 0 };

	(void)state;
	frame_init(&map, 1, NULL, 0);
	return 0;
}

static void test_all_free(void **state)
{
	(void)state;
	assert_int_equal(stats().ram_frames, FRAMES);
	assert_int_equal(stats().free_frames, FRAMES);
	assert_int_equal(frame_by_address_free(), HAL_HAS_MMU ? 0 : FRAMES - BELOW);
}

/* A reserve takes from the list only: all 32 with an MMU, the 16 below
 * the window without one (one more is NO_MEMORY, nothing taken). */
static void test_reserve_spares_window(void **state)
{
	uint32_t head = 0xffffffffu;
	uint64_t listed = HAL_HAS_MMU ? FRAMES : BELOW;

	(void)state;
	assert_int_equal(frame_reserve(listed + 1, &head), STATUS_NO_MEMORY);
	assert_int_equal(stats().free_frames, FRAMES);
	assert_int_equal(frame_reserve(listed, &head), STATUS_OK);
	assert_int_equal(stats().free_frames, FRAMES - listed);
	assert_int_equal(frame_reserve(1, &head), STATUS_NO_MEMORY);
	frame_unreserve(listed, &head);
	assert_int_equal(stats().free_frames, FRAMES);
	assert_int_equal(stats().user_frames, 0);
}

/* frame_alloc_user never hands out a window frame without an MMU. */
static void test_alloc_any_below_window(void **state)
{
	uint64_t pa[FRAMES];
	uint32_t n = 0;

	(void)state;
	while (n < FRAMES && frame_alloc_user(&pa[n]) == STATUS_OK)
		n++;
	assert_int_equal(n, HAL_HAS_MMU ? FRAMES : BELOW);
	for (uint32_t i = 0; i < n; i++)
		assert_true(HAL_HAS_MMU || pa[i] < HAL_FRAME_VA_BASE);
	while (n)
		assert_int_equal(frame_free_user(pa[--n]), STATUS_OK);
	assert_int_equal(stats().free_frames, FRAMES);
}

/* By address: a window frame, zeroed, BUSY while held, back to the
 * window when freed (still no reserve can take it). */
static void test_window_frame_by_address(void **state)
{
	uint32_t head = 0xffffffffu;
	uint64_t pa = 0, listed = HAL_HAS_MMU ? FRAMES : BELOW;

	(void)state;
	memset(hal_phys_to_virt(WIN), 0xee, PAGE);
	assert_int_equal(frame_alloc_user_at(WIN, &pa), STATUS_OK);
	assert_int_equal(pa, WIN);
	assert_int_equal(((uint8_t *)hal_phys_to_virt(WIN))[PAGE - 1], 0);
	assert_int_equal(frame_alloc_user_at(WIN, &pa), STATUS_BUSY);
	assert_int_equal(stats().user_frames, 1);
	assert_int_equal(frame_free_user(WIN), STATUS_OK);
	assert_int_equal(frame_by_address_free(), HAL_HAS_MMU ? 0 : FRAMES - BELOW);
	assert_int_equal(frame_reserve(listed + 1, &head), STATUS_NO_MEMORY);
	assert_int_equal(stats().free_frames, FRAMES);
}

/* By address below the window: off the list (the loader's path). */
static void test_listed_frame_by_address(void **state)
{
	uint32_t head = 0xffffffffu;
	uint64_t pa = 0, listed = HAL_HAS_MMU ? FRAMES : BELOW;

	(void)state;
	assert_int_equal(frame_alloc_user_at(RAM_BASE + PAGE, &pa), STATUS_OK);
	assert_int_equal(frame_reserve(listed, &head), STATUS_NO_MEMORY);
	assert_int_equal(frame_reserve(listed - 1, &head), STATUS_OK);
	frame_unreserve(listed - 1, &head);
	assert_int_equal(frame_free_user(RAM_BASE + PAGE), STATUS_OK);
	assert_int_equal(stats().free_frames, FRAMES);
}

static void test_refusals(void **state)
{
	uint64_t pa;

	(void)state;
	assert_int_equal(frame_alloc_user_at(RAM_BASE + FRAMES * PAGE, &pa), STATUS_OUT_OF_RANGE);
	assert_int_equal(frame_alloc_user_at(WIN + 8, &pa), STATUS_OUT_OF_RANGE);
	assert_int_equal(frame_free_user(WIN), STATUS_WRONG_TYPE);
	assert_int_equal(frame_free_user(RAM_BASE - PAGE), STATUS_NOT_FOUND);
	assert_int_equal(panics, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_free),
		cmocka_unit_test(test_reserve_spares_window),
		cmocka_unit_test(test_alloc_any_below_window),
		cmocka_unit_test(test_window_frame_by_address),
		cmocka_unit_test(test_listed_frame_by_address),
		cmocka_unit_test(test_refusals),
	};

	if (setjmp(on_panic))
		fail_msg("kernel panic");
	return cmocka_run_group_tests(tests, setup, NULL);
}
