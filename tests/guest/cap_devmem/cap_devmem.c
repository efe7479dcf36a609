/*
 * cap_devmem - DevMem and Settle through the one invoke call: every error
 * (bad slot, wrong type, outside the capability, misaligned, overlapping,
 * RAM, the HPET fenced from devmem:all, pool too small with the shortfall reported and nothing changed,
 * double settle) and the successes (an uncached and a write-combining map
 * of the HPET's registers through the grant naming exactly them, unmap,
 * holds (records without pages), headroom growth, settle raising the
 * frame limit by exactly what the heap gave back).  It exits holding a
 * mapping: the kernel must give its pool records back (the QEMU test reads
 * pool_used=0 in the idle line).
 *
 * Manifest: cap_devmem console,devmem:all,devmem:0xfed00000-0xfed00fff,settle
 */
#include "kh_user.h"
#include "kh_objects.h"
#include "kh_expect.h"

#define HPET        0xfed00000ull
#define HPET_VENDOR 0x8086u
#define VA          0x10000000ull
#define VA_WC       0x10010000ull
#define NOT_RAM     0x8000000000ull    /* 512 GiB: above any RAM we boot with */
#define PAGE        4096ull

static uint32_t con, all, small, stl;

static uint32_t find(enum kh_cap_type t, uint32_t nth)
{
	uint32_t slot = KH_NO_SLOT;

	kh_expect("cap_find", kh_cap_find(t, nth, &slot), STATUS_OK);
	return slot;
}

static enum status map(uint32_t slot, uint64_t phys, uint64_t pages, uint64_t va, unsigned fl)
{
	return kh_devmem_map(slot, phys, pages, va, fl, NULL);
}

static void pool_same(const char *what, const struct kh_stats *a)
{
	struct kh_stats b;

	kh_stats(&b);
	kh_expect(what, b.pool_free, a->pool_free);
	kh_expect(what, b.pool_used, a->pool_used);
	kh_expect(what, b.pool_capacity, a->pool_capacity);
}

static void refusals(void)
{
	struct kh_stats s;

	kh_stats(&s);
	kh_expect("overlapping map", map(small, HPET, 1, VA, 0), STATUS_OVERLAP);
	kh_expect("beyond the cap", map(small, HPET, 2, VA + PAGE, 0), STATUS_OUT_OF_RANGE);
	kh_expect("outside the cap", map(small, HPET + PAGE, 1, VA + PAGE, 0), STATUS_OUT_OF_RANGE);
	kh_expect("misaligned phys", map(all, HPET + 16, 1, VA + PAGE, 0), STATUS_MISALIGNED);
	kh_expect("misaligned va", map(all, HPET, 1, VA + 8, 0), STATUS_MISALIGNED);
	kh_expect("bad flags", map(all, HPET, 1, VA + PAGE, 4), STATUS_INVALID_ARGUMENT);
	kh_expect("zero pages", map(all, HPET, 0, VA + PAGE, 0), STATUS_OUT_OF_RANGE);
	kh_expect("RAM through devmem", map(all, 0x200000, 1, VA + PAGE, 0), STATUS_NO_PERMISSION);
	kh_expect("kernel va", map(small, HPET, 1, 0xffff800000000000ull, 0), STATUS_OUT_OF_RANGE);
	kh_expect("va over the stack", map(small, HPET, 1, 0x7fffffefe000ull, 0), STATUS_OUT_OF_RANGE);
	kh_expect("phys wraps", map(all, ~0ull & ~(PAGE - 1), 2, VA + PAGE, 0), STATUS_OUT_OF_RANGE);
	kh_expect("empty slot", map(63, HPET, 1, VA + PAGE, 0), STATUS_BAD_SLOT);
	kh_expect("slot past the table", map(64, HPET, 1, VA + PAGE, 0), STATUS_BAD_SLOT);
	kh_expect("huge slot", kh_invoke(~0u, KH_OP_DEVMEM_MAP, HPET, 1, VA, 0, 0, 0), STATUS_BAD_SLOT);
	kh_expect("map via console", map(con, HPET, 1, VA + PAGE, 0), STATUS_WRONG_TYPE);
	kh_expect("settle via devmem", kh_invoke(all, KH_OP_SETTLE, 0, 0, 0, 0, 0, 0), STATUS_WRONG_TYPE);
	kh_expect("unknown op", kh_invoke(all, KH_OP(DEVMEM, 9), 0, 0, 0, 0, 0, 0), STATUS_INVALID_ARGUMENT);
	kh_expect("unmap unknown", kh_devmem_unmap(all, VA + PAGE), STATUS_NOT_FOUND);
	pool_same("refusals change nothing", &s);
}

static void pool_too_small(void)
{
	struct kh_stats s;
	uint64_t missing = 0;

	kh_stats(&s);
	kh_expect("pool too small", kh_devmem_map(all, NOT_RAM, s.pool_free + 7, 0x20000000ull, 0,
						  &missing), STATUS_POOL_EXHAUSTED);
	kh_expect("shortfall reported", missing, 7);
	pool_same("shortfall changes nothing", &s);
	uint64_t pa;
	kh_expect("nothing mapped", kh_invoke(all, KH_OP_DEVMEM_UNMAP, 0x20000000ull, 0, 0, 0, 0, 0),
		  STATUS_NOT_FOUND);
	(void)pa;
}

static void maps(void)
{
	struct kh_stats a, b;

	kh_stats(&a);
	kh_expect("map hpet", map(small, HPET, 1, VA, 0), STATUS_OK);
	uint32_t id = *(volatile uint32_t *)VA;
	kh_expect("hpet vendor", id >> 16, HPET_VENDOR);
	kh_expect("hpet is fenced from devmem:all", map(all, HPET, 1, VA_WC, KH_MAP_WC),
		  STATUS_FENCED);
	kh_expect("map hpet wc", map(small, HPET, 1, VA_WC, KH_MAP_WC), STATUS_OK);
	kh_expect("hpet vendor wc", *(volatile uint32_t *)VA_WC >> 16, HPET_VENDOR);
	kh_stats(&b);
	/* devholder may hold the HPET's run already: then both share it */
	kh_expect_true("one record for the HPET page", b.pool_used <= a.pool_used + 1);
	kh_expect("console refuses device memory",
		  kh_console_write((const void *)VA, 4), STATUS_NO_PERMISSION);
	refusals();
	kh_expect("unmap wc", kh_devmem_unmap(small, VA_WC), STATUS_OK);
	kh_stats(&b);
	kh_expect_true("the run stays while mapped", b.pool_used <= a.pool_used + 1);
	kh_expect("unmapped twice", kh_devmem_unmap(small, VA_WC), STATUS_NOT_FOUND);
}

/* Frames mapped again, here or in another process, take no second record:
 * every mapping of them shares their run (one record per frame). */
static void shared(void)
{
	struct kh_stats a, b;
	const uint64_t f = NOT_RAM + (1u << 20), v = 0x10100000ull;

	kh_stats(&a);
	kh_expect("map two frames", map(all, f, 2, v, 0), STATUS_OK);
	kh_expect("map them again", map(all, f, 2, v + 0x10000, 0), STATUS_OK);
	kh_stats(&b);
	kh_expect("second mapping takes no record", b.pool_used, a.pool_used + 2);
	kh_expect("a third mapping", map(all, f, 2, v + 0x30000, 0), STATUS_OK);
	kh_expect("unmap the third", kh_devmem_unmap(all, v + 0x30000), STATUS_OK);
	kh_expect("frames partly in a run", map(all, f + PAGE, 2, v + 0x20000, 0), STATUS_OVERLAP);
	kh_expect("unmap one", kh_devmem_unmap(all, v), STATUS_OK);
	kh_stats(&b);
	kh_expect("the run stays with a mapping", b.pool_used, a.pool_used + 2);
	kh_expect("a sub-range shares the run", map(all, f + PAGE, 1, v + 0x20000, 0), STATUS_OK);
	kh_expect("unmap the second", kh_devmem_unmap(all, v + 0x10000), STATUS_OK);
	kh_expect("unmap the sub-range", kh_devmem_unmap(all, v + 0x20000), STATUS_OK);
	kh_stats(&b);
	kh_expect("the last mapping frees the run", b.pool_used, a.pool_used);
}

/* 30 MiB at a 2 MiB-aligned address: with 4 KiB pages that needs 15 page
 * tables, more than a process's budget leaves, so it works only through
 * 2 MiB pages; still one pool record per 4 KiB frame. */
static void large(void)
{
	struct kh_stats a, b;
	const uint64_t pages = 15 * 512, va = 0x40000000ull;

	kh_stats(&a);
	kh_expect("map 30 MiB", map(all, NOT_RAM, pages, va, 0), STATUS_OK);
	kh_stats(&b);
	kh_expect("records for 30 MiB", b.pool_used, a.pool_used + pages);
	kh_expect("4 KiB inside 2 MiB", map(all, NOT_RAM + (64u << 20), 1, va + 5 * PAGE, 0),
		  STATUS_OVERLAP);
	kh_expect("unmap 30 MiB", kh_devmem_unmap(all, va), STATUS_OK);
	kh_stats(&b);
	kh_expect("records back", b.pool_used, a.pool_used);
	kh_expect("map again, unaligned", map(all, NOT_RAM + PAGE, 600, va, 0), STATUS_OK);
	kh_expect("unmap unaligned", kh_devmem_unmap(all, va), STATUS_OK);
}

/* KH_MAP_HOLD: a frame's record without a page.  The hold counts in the
 * pool as a mapping does, a mapping of the same frames shares its run,
 * and it goes by its physical address only. */
static void holds(void)
{
	struct kh_stats a, b;
	const uint64_t f = NOT_RAM + (128u << 20), va = 0x30000000ull;

	kh_stats(&a);
	kh_expect("hold with an address", map(all, f, 4, va, KH_MAP_HOLD), STATUS_INVALID_ARGUMENT);
	kh_expect("hold a fenced page", kh_devmem_hold(all, HPET, 1, 0, NULL), STATUS_FENCED);
	kh_expect("hold RAM", kh_devmem_hold(all, 0x200000, 1, 0, NULL), STATUS_NO_PERMISSION);
	kh_expect("hold 4 frames", kh_devmem_hold(all, f, 4, 0, NULL), STATUS_OK);
	kh_stats(&b);
	kh_expect("a hold takes records", b.pool_used, a.pool_used + 4);
	kh_expect("no page at the frames' address", kh_devmem_unmap(all, f), STATUS_NOT_FOUND);
	kh_expect("map the held frames", map(all, f + PAGE, 2, va, 0), STATUS_OK);
	kh_stats(&b);
	kh_expect("the mapping shares the hold's run", b.pool_used, a.pool_used + 4);
	kh_expect("a mapping is not released as a hold", kh_devmem_release(all, va),
		  STATUS_NOT_FOUND);
	kh_expect("release", kh_devmem_release(all, f), STATUS_OK);
	kh_stats(&b);
	kh_expect("the mapping keeps the run", b.pool_used, a.pool_used + 4);
	kh_expect("released twice", kh_devmem_release(all, f), STATUS_NOT_FOUND);
	kh_expect("bad unmap flags", kh_invoke(all, KH_OP_DEVMEM_UNMAP, va, 4, 0, 0, 0, 0),
		  STATUS_INVALID_ARGUMENT);
	kh_expect("unmap the last user", kh_devmem_unmap(all, va), STATUS_OK);
	pool_same("records back after hold and map", &a);
	kh_expect("hold, then exit holding", kh_devmem_hold(all, f, 4, KH_MAP_WC, NULL), STATUS_OK);
}

static void grow_and_settle(void)
{
	struct kh_stats a, b;
	uint64_t records = 0, frames = 0;

	kh_stats(&a);
	kh_expect("grow", kh_pool_grow(stl, 5), STATUS_OK);
	kh_expect("grow too far", kh_pool_grow(stl, a.pool_headroom), STATUS_HEADROOM_EXHAUSTED);
	kh_stats(&b);
	kh_expect("grow capacity", b.pool_capacity, a.pool_capacity + 5);
	kh_expect("grow headroom", b.pool_headroom, a.pool_headroom - 5);
	kh_expect("keep too much", kh_settle(stl, b.pool_headroom + 1, 0, 0), STATUS_HEADROOM_EXHAUSTED);
	kh_expect("phase before", b.frame_phase, KH_PHASE_CONSERVATIVE);
	kh_expect("settle", kh_settle(stl, 1024, &records, &frames), STATUS_OK);
	kh_expect("settle records", records, b.pool_headroom - 1024);
	kh_stats(&a);
	kh_expect("limit rises by the frames", a.frame_limit, b.frame_limit + frames);
	kh_expect("heap shrinks by the frames", a.heap_bytes, b.heap_bytes - frames * PAGE);
	kh_expect("phase after", a.frame_phase, KH_PHASE_RELAXED);
	kh_expect("kept headroom", a.pool_headroom, 1024);
	kh_expect_true("some frames released", frames > 0);
	kh_expect("double settle", kh_settle(stl, 0, 0, 0), STATUS_ALREADY_SETTLED);
	kh_expect("grow after settle", kh_pool_grow(stl, 1), STATUS_OK);
	kh_stats(&b);
	kh_expect("limit never decreases", b.frame_limit, a.frame_limit);
	kh_printf("cap_devmem: settled records=%lu frames=%lu limit=%lu\n",
		  (unsigned long)records, (unsigned long)frames, (unsigned long)b.frame_limit);
}

int main(void)
{
	con = find(KH_CAP_CONSOLE, 0);
	all = find(KH_CAP_DEVMEM, 0);
	small = find(KH_CAP_DEVMEM, 1);
	stl = find(KH_CAP_SETTLE, 0);
	kh_expect("no third devmem", kh_cap_find(KH_CAP_DEVMEM, 2, 0), STATUS_NOT_FOUND);
	maps();
	shared();
	pool_too_small();
	large();
	holds();
	grow_and_settle();
	return kh_expect_done("cap_devmem");   /* exits holding the HPET mapping */
}
