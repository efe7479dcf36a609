/*
 * dd_map.h - the region table mapped through DevMem: one mapping per
 * region, each taking one pool record per 4 KiB frame.  The bus backend
 * fills the table (dd_bus_discover) and writes the mapping lines
 * (dd_bus_log_mapped/unmapped); where a mapping goes is dd_va.h's.
 */
#ifndef DEVDISC_DD_MAP_H
#define DEVDISC_DD_MAP_H

#include <stdint.h>
#include "dd.h"

/* Maps every unmapped region, device by device: a `mapped` line for
 * each device whose regions are now all mapped, an `unmapped` line for
 * each region that is not. */
void dd_map_pending(struct dd_state *d);
uint32_t dd_frames_mapped(const struct dd_state *d);
uint32_t dd_frames_unmapped(const struct dd_state *d);

/* Unmaps every mapped region of backend device `dev`; *frames = the
 * frames they held.  OK, or the first DevMem error. */
enum status dd_unmap_device(struct dd_state *d, uint16_t dev, uint32_t *frames);

/* After the backend refilled the table from a new walk: the mappings of
 * old[0..nold) whose region is still there (same address and size) are
 * kept, the others unmapped (their records return to the pool). */
void dd_regions_keep(struct dd_state *d, const struct dd_region *old, uint32_t nold);

#endif
