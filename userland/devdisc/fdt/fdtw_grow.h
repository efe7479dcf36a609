/*
 * fdtw_grow.h - an FDT walk over tables that grow to what the walk
 * counted: the caller's tables are walked into, and when the walk counted
 * more devices or regions than they hold (it counts on past a full
 * table, fdtw_walk.h) the caller is asked for exactly that many and the
 * blob is walked again.  The growing is the caller's (devdisc: frames
 * from FrameAlloc, daemon/dd_table.h; the host tests: the C heap), so
 * this stays pure.  docs/devdisc.md ("devdisc on ColdFire", Tables).
 */
#ifndef DEVDISC_FDTW_GROW_H
#define DEVDISC_FDTW_GROW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "status.h"
#include "fdtw_walk.h"

/* At most this many walks: the second over tables of what the first
 * counted, a third if the bigger region pool showed devices the first
 * could not count (a device none of whose regions fit is not counted). */
#define FDTW_GROW_WALKS 3u

enum fdtw_table { FDTW_TABLE_DEVICES, FDTW_TABLE_REGIONS };

struct fdtw_grower {
	/* Table `which` toward `want` entries (the walk starts over: the old
	 * entries need not be kept).  True with *base and *cap (>= want)
	 * the new storage; false if it cannot grow, the table as it was. */
	bool (*grow)(void *ctx, enum fdtw_table which, uint32_t want, void **base,
		     uint32_t *cap);
	void *ctx;
};

/* The last walk kept fewer than it counted. */
bool fdtw_devices_short(const struct fdtw_result *r);
bool fdtw_regions_short(const struct fdtw_result *r);

/*
 * fdtw_walk() of the blob into out's tables (fdtw_result_init'ed by the
 * caller), growing them through g as above; *walks (may be NULL) says how
 * many walks were made.  fdtw_walk()'s status; `out` holds the last walk,
 * short (fdtw_*_short) only where g refused.
 */
enum status fdtw_walk_grown(const void *blob, size_t buf_size, struct fdtw_result *out,
			    const struct fdtw_grower *g, unsigned *walks);

#endif
