/*
 * fdtw_grow.c - the FDT walk over tables that grow (fdtw_grow.h).
 */
#include "fdtw_grow.h"

bool fdtw_devices_short(const struct fdtw_result *r)
{
	return r->dev_wanted > r->ndev;
}

bool fdtw_regions_short(const struct fdtw_result *r)
{
	return r->regions_wanted > r->nregions_used;
}

/* One table toward `want`; true if it grew (then `out` points at it). */
static bool grow_one(const struct fdtw_grower *g, enum fdtw_table which, uint32_t want,
		     struct fdtw_result *out)
{
	void *base;
	uint32_t cap;

	if (!g->grow(g->ctx, which, want, &base, &cap) || cap < want)
		return false;
	if (which == FDTW_TABLE_DEVICES) {
		out->dev = base;
		out->dev_cap = cap > UINT16_MAX ? UINT16_MAX : cap;
	} else {
		out->regions = base;
		out->region_cap = cap;
	}
	return true;
}

/* The tables smaller than what the walk counted, toward it; true if one
 * grew.  (Regions can be short with room left in the pool: those of the
 * devices the device table dropped.  Growing the devices is the cure.) */
static bool grow_short(const struct fdtw_grower *g, struct fdtw_result *out)
{
	uint32_t dev_want = out->dev_wanted, reg_want = out->regions_wanted;
	bool grown = false;

	if (dev_want > out->dev_cap)
		grown |= grow_one(g, FDTW_TABLE_DEVICES, dev_want, out);
	if (reg_want > out->region_cap)
		grown |= grow_one(g, FDTW_TABLE_REGIONS, reg_want, out);
	return grown;
}

enum status fdtw_walk_grown(const void *blob, size_t buf_size, struct fdtw_result *out,
			    const struct fdtw_grower *g, unsigned *walks)
{
	enum status st = STATUS_INVALID_ARGUMENT;
	unsigned n = 0;

	if (g == NULL || g->grow == NULL)
		return st;
	for (;;) {
		n++;
		if ((st = fdtw_walk(blob, buf_size, out)) || n == FDTW_GROW_WALKS)
			break;
		if ((!fdtw_devices_short(out) && !fdtw_regions_short(out)) || !grow_short(g, out))
			break;
	}
	if (walks)
		*walks = n;
	return st;
}
