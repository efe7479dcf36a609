/*
 * dd_table.c - tables in FrameAlloc frames (dd_table.h).
 *
 * The frames of one run are mapped page after page from the window's
 * cursor; a run that is given back leaves its addresses unused (a table
 * grows a few times at most: at boot and on hot-plug that outgrows it),
 * so the cursor only moves up.  The runs start at the window's base: the
 * store writer is a process of its own (its DMA page is at the base of
 * its own address space on x86_64; on ColdFire, where every program
 * shares one space, it holds the Store capability and maps no frame), so
 * devdisc is the only one mapping frames in this window.  Sizes are
 * 32-bit sums (want <= 2^20 entries of at most half a frame: <= 2^31
 * bytes): ColdFire links without libgcc's 64-bit division.
 */
#include "dd_table.h"
#include "kh_user.h"
#include "kh_objects.h"
#include "kh_mem.h"

#define PAGE            4096u
#define TABLE_VA_BASE   KH_FRAME_VA_BASE
#define WANT_MAX        (1u << 20)

static uint64_t next_va = TABLE_VA_BASE;
static uint32_t frames_held;
static uint32_t fa_slot;
static enum status fa_found = STATUS_NOT_FOUND;
static bool fa_looked;

static enum status framealloc(uint32_t *slot)
{
	if (!fa_looked)
		fa_found = kh_cap_find(KH_CAP_FRAMEALLOC, 0, &fa_slot);
	fa_looked = true;
	*slot = fa_slot;
	return fa_found;
}

static void run_free(uint32_t slot, uint64_t va, uint32_t frames)
{
	for (uint32_t i = 0; i < frames; i++)
		kh_frame_free(slot, va + i * PAGE);
}

/* `frames` frames at next_va, all or none. */
static enum status run_map(uint32_t slot, uint32_t frames, uint64_t *va)
{
	uint64_t phys;
	enum status st;

	for (uint32_t i = 0; i < frames; i++) {
		if ((st = kh_frame_map(slot, next_va + i * PAGE, &phys))) {
			run_free(slot, next_va, i);
			return st;
		}
	}
	*va = next_va;
	next_va += frames * PAGE;
	return STATUS_OK;
}

enum status dd_table_reserve(struct dd_table *t, uint32_t want)
{
	uint32_t frames, slot;
	uint64_t va;
	enum status st;

	if (want <= t->cap)
		return STATUS_OK;
	if (want > WANT_MAX || t->entry_bytes > PAGE / 2)
		return STATUS_OUT_OF_RANGE;
	frames = (want * t->entry_bytes + PAGE - 1) / PAGE;
	if ((st = framealloc(&slot)) || (st = run_map(slot, frames, &va)))
		return st;
	memcpy((void *)(uintptr_t)va, t->base, (size_t)t->cap * t->entry_bytes);
	if (t->va)
		run_free(slot, t->va, t->frames);
	frames_held = frames_held - t->frames + frames;
	t->base = (void *)(uintptr_t)va;
	t->va = va;
	t->frames = frames;
	t->cap = frames * PAGE / t->entry_bytes;
	return STATUS_OK;
}

bool dd_table_grow(const char *what, struct dd_table *t, uint32_t want, uint32_t need)
{
	uint32_t before = t->cap;

	if (dd_table_reserve(t, want) != STATUS_OK || t->cap == before)
		return false;
	kh_printf("devdisc: table what=%s have=%u need=%u frames=%u\n", what, t->cap, need,
		  t->frames);
	return true;
}

uint32_t dd_table_frames(void)
{
	return frames_held;
}
