/*
 * cf_frames - FrameAlloc without an MMU (kernel/object/framealloc.c,
 * HAL_HAS_MMU 0): a frame of the ColdFire window (KH_FRAME_VA_BASE..TOP)
 * is the one at the address asked for.  Maps one, writes and reads it,
 * frees it; the refusals: outside the window (below, at its top, the
 * program's own text, the x86_64 window's address, which 32-bit
 * registers cut to 0), misaligned, mapped twice, freed when not mapped,
 * and a frame another process holds (cf_frameholder: busy, then ok once
 * it is given back, zeroed).  A RESERVE larger than what lies above the
 * window leaves the window's frames free; the limit's `used` comes back
 * (less the holder's frame).
 */
#include "cf_frames.h"

static int failures;

static void expect(const char *what, enum status got, enum status want)
{
	if (got == want)
		return;
	kh_printf("cf_frames: FAIL %s: %s, want %s\n", what, status_name(got), status_name(want));
	failures++;
}

static void fail(const char *what, unsigned got, unsigned want)
{
	kh_printf("cf_frames: FAIL %s: 0x%x, want 0x%x\n", what, got, want);
	failures++;
}

static uint64_t used(uint32_t fa)
{
	uint64_t limit, n;
	uint32_t phase;

	return kh_frame_limit(fa, &limit, &n, &phase) ? ~0ull : n;
}

/* A frame at va (== its physical address), written whole and read back. */
static void map_write_read(uint32_t fa, uint64_t va)
{
	volatile uint32_t *w = (volatile uint32_t *)(uintptr_t)va;
	uint64_t pa = 0;

	expect("map", kh_frame_map(fa, va, &pa), STATUS_OK);
	if (pa != va)
		fail("physical address", (unsigned)pa, (unsigned)va);
	uint32_t zero = 0, wrong = 0;

	for (uint32_t i = 0; i < CF_PAGE / 4; i++)
		zero |= w[i];
	for (uint32_t i = 0; i < CF_PAGE / 4; i++)
		w[i] = (uint32_t)va ^ i * 0x9e3779b9u;
	for (uint32_t i = 0; i < CF_PAGE / 4; i++)
		wrong += w[i] != ((uint32_t)va ^ i * 0x9e3779b9u);
	if (zero)
		fail("a fresh frame's words (or)", zero, 0);
	if (wrong)
		fail("words read back wrong", wrong, 0);
}

static void refusals(uint32_t fa)
{
	uint64_t pa;

	expect("map again", kh_frame_map(fa, KH_FRAME_VA_BASE, &pa), STATUS_OVERLAP);
	expect("map misaligned", kh_frame_map(fa, KH_FRAME_VA_BASE + 0x800, &pa),
	       STATUS_MISALIGNED);
	expect("map below the window", kh_frame_map(fa, KH_FRAME_VA_BASE - CF_PAGE, &pa),
	       STATUS_OUT_OF_RANGE);
	expect("map at the window's top", kh_frame_map(fa, KH_FRAME_VA_TOP, &pa),
	       STATUS_OUT_OF_RANGE);
	expect("map the program's text", kh_frame_map(fa, (uintptr_t)main & ~(CF_PAGE - 1), &pa),
	       STATUS_OUT_OF_RANGE);
	expect("map at 16 TiB", kh_frame_map(fa, 0x0000100000000000ull, &pa), STATUS_OUT_OF_RANGE);
	expect("free unmapped", kh_frame_free(fa, KH_FRAME_VA_BASE + CF_PAGE), STATUS_NOT_FOUND);
	expect("free at the window's top", kh_frame_free(fa, KH_FRAME_VA_TOP), STATUS_OUT_OF_RANGE);
}

/* 1024 frames reserved: more than the 224 free above the window, so a
 * reserve taking any free frame would reach into it; the window's last
 * frame still maps. */
static void reserve_spares_window(uint32_t fa)
{
	uint64_t reserved = 0;

	expect("reserve", kh_frame_reserve(fa, 1024, &reserved), STATUS_OK);
	map_write_read(fa, KH_FRAME_VA_TOP - CF_PAGE);
	expect("free the last frame", kh_frame_free(fa, KH_FRAME_VA_TOP - CF_PAGE), STATUS_OK);
	expect("unreserve", kh_frame_unreserve(fa, 1024, &reserved), STATUS_OK);
	if (reserved != 0)
		fail("reserved after unreserve", (unsigned)reserved, 0);
}

static bool wait_holder(void)
{
	for (uint32_t ms = 0; ms < CF_WAIT_MS; ms++) {
		if (cf_held_words()[0] == CF_HOLDING)
			return true;
		kh_sleep_ms(1);
	}
	return false;
}

/* The holder's frame: busy while it holds it, ours (zeroed) once freed. */
static void taken_frame(uint32_t fa)
{
	uint64_t pa;
	enum status st = STATUS_BUSY;

	expect("map a frame another process holds", kh_frame_map(fa, CF_HELD_VA, &pa), STATUS_BUSY);
	cf_held_words()[1] = CF_RELEASE;
	for (uint32_t ms = 0; st == STATUS_BUSY && ms < CF_WAIT_MS; ms++) {
		kh_sleep_ms(1);
		st = kh_frame_map(fa, CF_HELD_VA, &pa);
	}
	expect("map it once given back", st, STATUS_OK);
	if (st == STATUS_OK && cf_held_words()[0] != 0)
		fail("the given-back frame's word", cf_held_words()[0], 0);
	expect("free it", kh_frame_free(fa, CF_HELD_VA), STATUS_OK);
	kh_printf("cf_frames: busy then mapped va=0x%x\n", (unsigned)CF_HELD_VA);
}

int main(void)
{
	uint32_t fa;

	if (kh_cap_find(KH_CAP_FRAMEALLOC, 0, &fa)) {
		kh_printf("cf_frames: FAIL no framealloc capability\n");
		return 1;
	}
	if (!wait_holder()) {
		fail("holder's word", cf_held_words()[0], CF_HOLDING);
		return 1;
	}
	uint64_t before = used(fa);     /* the holder's frame among them */
	map_write_read(fa, KH_FRAME_VA_BASE);
	kh_printf("cf_frames: mapped va=0x%x written and read\n", (unsigned)KH_FRAME_VA_BASE);
	refusals(fa);
	expect("free", kh_frame_free(fa, KH_FRAME_VA_BASE), STATUS_OK);
	expect("free again", kh_frame_free(fa, KH_FRAME_VA_BASE), STATUS_NOT_FOUND);
	reserve_spares_window(fa);
	taken_frame(fa);
	if (used(fa) != before - 1)
		fail("framealloc used", (unsigned)used(fa), (unsigned)before - 1);
	kh_printf("cf_frames: %s failures=%d\n", failures ? "FAIL" : "ok", failures);
	return failures != 0;
}
