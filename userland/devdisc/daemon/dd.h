/*
 * dd.h - the in-guest devdisc daemon: its state and its flow.
 *
 * One program for both targets.  The flow (main.c) is the same on every
 * machine: discover -> measure -> decide -> act -> settle -> tell the
 * space bank -> watch.  What differs is chosen when the program is built,
 * not written twice:
 *   the bus backend (dd_bus.h)  PCI on x86_64 (dd_pci_*.c over pci/ and
 *                               pcihp/), the flattened device tree on
 *                               ColdFire (dd_fdt_bus.c over fdt/): walk and
 *                               fill the region table, need and
 *                               fingerprint, the backend's log lines, and
 *                               (PCI only) the hot-plug watch
 *   user addresses (dd_va.h)    paged (x86_64) or va == pa (no MMU)
 *   the store (dd_store.h)      kh_storewriter where there is one, else
 *                               the blob is said, not written
 * The pure cores (pci/, pcihp/, fdt/, line/, retune_policy.h) decide and
 * format; the daemon's files do the I/O: config space through the IOPort
 * capability, regions through DevMem, Settle, BootInfo, the space bank.
 * docs/devdisc.md has the log lines, docs/hotplug-internals.md the rooms.
 */
#ifndef DEVDISC_DD_H
#define DEVDISC_DD_H

#include <stdbool.h>
#include <stdint.h>
#include "kh_syscall.h"
#include "status.h"
#include "bootcfg.h"

/* Device memory devdisc maps: one run of whole pages (a PCI memory BAR,
 * a page-aligned span of an FDT node's reg entry).  The backend owns the
 * table's storage and fills it (a seed, then frames from FrameAlloc for
 * as many as the walk found, dd_table.h); regions beyond region_cap are
 * reported (a `limit` line), not mapped. */
struct dd_region {
	uint64_t phys;           /* page aligned */
	uint64_t va;             /* 0 until mapped */
	uint32_t pages;
	uint32_t missing;        /* pool records lacking at the last try */
	uint16_t dev;            /* the backend's device index */
	uint8_t index;           /* BAR index / reg entry */
	bool pref;               /* prefetchable: mapped write-combining */
	bool mapped;
	uint32_t master;         /* published: the master slot + 1 (a driver
				    holds narrowed copies), else 0 */
	enum status last;        /* status of the last map attempt */
};

struct dd_state {
	uint32_t devmem, settle, bootinfo;      /* capability slots */
	uint32_t spacebank;                     /* KH_NO_SLOT if not granted */
	struct kh_bootfacts facts;
	/* The newest blob: BootInfo's, or the one devdisc wrote since (the
	 * policy must see what the next boot gets). */
	struct bootcfg tuning;
	uint32_t trigger;        /* device behind the last change (log record) */
	bool settled;            /* Settle done: later changes are hot-plug */
	struct dd_region *region;               /* region_cap entries, the backend's */
	uint32_t nregion, region_cap;
	uint64_t va_next, va_large_next;        /* next free user addresses */
	uint32_t need;
	uint64_t fingerprint;
};

#endif
