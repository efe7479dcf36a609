/*
 * dd_table.h - the bus backends' tables that grow with the machine (PCI:
 * the walk's devices and warnings, the region table and its copy; FDT:
 * the walk's devices and regions, the region table), in frames the
 * daemon takes from its FrameAlloc grant rather than in its image.
 *
 * A table starts in a static seed (the fallback: a machine of a few
 * devices fits it, and it is what a table keeps when FrameAlloc refuses)
 * and moves to a run of whole frames when asked for more.  The runs are
 * laid one after another in the FrameAlloc window from its base, so a
 * small machine's tables share one page table.  A move keeps the entries
 * (copied to the new run).
 *
 * ColdFire (no MMU): the window is the port's (KH_FRAME_VA_BASE..TOP, 15
 * MiB below the top of the user window) and each frame is the one at its
 * own address, so the same consecutive runs work there unchanged.
 */
#ifndef DEVDISC_DD_TABLE_H
#define DEVDISC_DD_TABLE_H

#include <stdbool.h>
#include <stdint.h>
#include "status.h"

struct dd_table {
	void *base;              /* the entries: the seed, or frames */
	uint32_t cap;            /* entries that fit */
	uint32_t entry_bytes;    /* at most half a frame */
	uint64_t va;             /* the run's first frame, 0 while the seed */
	uint32_t frames;         /* frames of the run */
};

/* A table over static seed storage (an array). */
#define DD_TABLE_SEED(seed)                                                     \
	{ .base = (seed), .cap = sizeof(seed) / sizeof((seed)[0]),              \
	  .entry_bytes = sizeof((seed)[0]) }

/* At least `want` entries (want up to 2^20): a run of whole frames that
 * holds them, mapped first, the entries copied, the old run freed after,
 * so that a refusal leaves the table as it was.  OK when it already holds them;
 * NOT_FOUND without a FrameAlloc grant, NO_MEMORY when FrameAlloc (or
 * the page tables) refuse, OUT_OF_RANGE for a want too big or a run past
 * the window's top, BUSY (ColdFire) when a frame of the run is taken. */
enum status dd_table_reserve(struct dd_table *t, uint32_t want);

/* dd_table_reserve() toward `want` entries for `need` wanted; true if
 * the table grew, then one line:
 *   devdisc: table what=<what> have=<entries> need=<need> frames=<n>  */
bool dd_table_grow(const char *what, struct dd_table *t, uint32_t want, uint32_t need);

/* Frames all tables hold now (the `table` line). */
uint32_t dd_table_frames(void);

#endif
