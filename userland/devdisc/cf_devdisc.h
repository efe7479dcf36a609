/*
 * cf_devdisc.h - devdisc on ColdFire (QEMU mcf5208evb): the flattened
 * device tree instead of PCI.  The walk (fdt_walk.h) and the policy
 * (retune_policy.h) are the shared cores; these files do the I/O: the DTB
 * found through BootInfo, regions mapped through DevMem (va == pa: no
 * MMU), Settle, the space bank's refresh.  docs/devdisc.md, ColdFire.
 */
#ifndef CF_DEVDISC_H
#define CF_DEVDISC_H

#include <stdbool.h>
#include <stdint.h>
#include "kh_syscall.h"
#include "status.h"
#include "fdt_walk.h"
#include "retune_policy.h"

/* No hot-plug bus on this board: nothing to keep in reserve. */
#define CF_HOTPLUG_RESERVE_FRAMES 0u

/* One page-aligned run of a device's registers. */
#define CF_REGIONS_MAX (FDTW_MAX_DEVICES * FDTW_MAX_REGIONS)
struct cf_region {
	uint32_t phys;           /* page aligned; also the user address */
	uint32_t pages;
	uint32_t missing;        /* pool records lacking at the last try */
	uint16_t dev;            /* index in walk.dev[] */
	bool mapped;
	enum status last;
};

struct cf_devdisc {
	uint32_t devmem, settle, bootinfo;   /* capability slots */
	uint32_t spacebank;                  /* KH_NO_SLOT if not granted */
	struct kh_bootfacts facts;
	struct bootcfg tuning;               /* the blob this boot runs on */
	struct fdtw_result walk;
	struct cf_region region[CF_REGIONS_MAX];
	uint32_t nregion;
	uint32_t need;
	uint64_t fingerprint;
};

/* cf_map.c */
void cf_regions_collect(struct cf_devdisc *d);
void cf_map_pending(struct cf_devdisc *d);
uint32_t cf_frames_mapped(const struct cf_devdisc *d);
uint32_t cf_frames_unmapped(const struct cf_devdisc *d);

#endif
