/*
 * frame.h - physical RAM: one StructPageRam per usable frame of the E820
 * map, and the frames user programs get.
 *
 * Records are indexed compactly (usable frames only, region after region)
 * so holes in the map cost nothing.  Free frames are on a LIFO list
 * threaded through age_link: O(1) to take and give back.  The kernel heap
 * itself is RAM marked KHEAP here; user frames are marked PAGE and counted
 * apart, so the heap's size and the frames user space holds never mix.
 * Without an MMU the frames at the FrameAlloc window's addresses are free
 * but off the list (frame.c).
 */
#ifndef KERNEL_FRAME_H
#define KERNEL_FRAME_H

#include <stdint.h>
#include "status.h"
#include "bootinfo.h"
#include "heap_plan.h"

struct frame_stats {
	uint64_t ram_frames;    /* records: usable frames in the map */
	uint64_t free_frames;   /* on the free list */
	uint64_t user_frames;   /* held by user programs now */
	uint64_t heap_frames;   /* inside the fixed heap */
};

/* Usable whole frames in the map, and one past the highest usable byte. */
uint64_t frame_count_usable(const struct bootinfo_mem *mmap, uint32_t count,
			    uint64_t *phys_top);

/* Builds the records (from the heap's RAM_RECORDS part) and the free list.
 * Frames inside `busy` (kernel image, loader, heap, low memory) are not
 * free. */
void frame_init(const struct bootinfo_mem *mmap, uint32_t count,
		const struct heap_range *busy, uint32_t busy_count);

/* A zeroed frame for user space.  NO_MEMORY when none is free. */
enum status frame_alloc_user(uint64_t *pa);

/* The free frame at physical address want (no-MMU ports: a program's pages
 * are those at its link address, a FrameAlloc frame is the one at the
 * address it is mapped at).  OUT_OF_RANGE if want is not usable RAM, BUSY
 * if the frame is not free. */
enum status frame_alloc_user_at(uint64_t want, uint64_t *pa);

/* No-MMU ports: the frame window's frames (HAL_FRAME_VA_BASE..TOP) are
 * taken only by address, never by frame_alloc_user or frame_reserve;
 * this many of them are free now (0 with an MMU). */
uint64_t frame_by_address_free(void);

/* Gives a user frame back.  NOT_FOUND / WRONG_TYPE if pa is not a frame
 * user space holds (a kernel bug: the caller asserts). */
enum status frame_free_user(uint64_t pa);

/* A reserve: frames taken off the free list for one holder without being
 * mapped (FrameAlloc.RESERVE), chained through age_link from *head and
 * counted as user frames.  frame_reserve is all or nothing (NO_MEMORY,
 * nothing taken); frame_unreserve gives `count` back from the chain's
 * front (the caller checks count <= what it holds). */
enum status frame_reserve(uint64_t count, uint32_t *head);
void frame_unreserve(uint64_t count, uint32_t *head);

/* Settle: `count` frames from pa, which were heap, become free RAM. */
void frame_give_heap_back(uint64_t pa, uint64_t count);

void frame_get_stats(struct frame_stats *out);

#endif
