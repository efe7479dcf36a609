/*
 * guest.h - the in-guest devdisc program (x86_64): its state and the
 * pieces main.c strings together.  The pure cores (pci.h, devdisc.h,
 * retune_policy.h) decide; these files do the I/O: config space through
 * the IOPort capability, BAR mappings through DevMem, Settle, BootInfo.
 *
 * Issue 6 extends this program (hot-plug poll, re-tune): the state lives
 * in one struct so a poll loop can walk, map and unmap again, and the
 * policy's decision goes to one function, devdisc_act().
 */
#ifndef DEVDISC_GUEST_H
#define DEVDISC_GUEST_H

#include <stdint.h>
#include <stdbool.h>
#include "kh_syscall.h"
#include "status.h"
#include "pci.h"
#include "retune_policy.h"

/* Hot-plug reserve in `need`, per hot-plug-capable slot: 1024 frames
 * (4 MiB of BAR).  Small enough that the default machine (4 root ports)
 * fits the default pool without a re-tune; a bigger arrival is the
 * policy's business (served from headroom, or a re-tune). */
#define DEVDISC_HOTPLUG_RESERVE_FRAMES 1024u

/* Where devdisc maps BARs, below the FrameAlloc window: small ones from
 * 4 TiB up, those of 2 MiB and more from 8 TiB up. */
#define DEVDISC_VA_BASE   0x0000040000000000ull
#define DEVDISC_VA_LARGE  0x0000080000000000ull
#define DEVDISC_VA_TOP    KH_FRAME_VA_BASE
#define DEVDISC_LARGE     0x200000ull       /* 2 MiB device pages */

/* One memory BAR to map.  The kernel allows 32 mappings per process;
 * more regions than that are reported, not mapped. */
#define DEVDISC_REGIONS_MAX 64
struct dd_region {
	uint64_t phys;           /* page aligned */
	uint64_t va;             /* 0 until mapped */
	uint32_t pages;
	uint32_t missing;        /* pool records lacking at the last try */
	uint16_t dev;            /* index in walk.dev[] */
	uint8_t bar;             /* BAR index */
	bool pref;
	bool mapped;
	enum status last;        /* status of the last map attempt */
};

struct devdisc {
	uint32_t io, devmem, settle, bootinfo;  /* capability slots */
	uint32_t spacebank;                     /* KH_NO_SLOT if not granted */
	struct kh_bootfacts facts;
	struct pci_walk_result walk;
	struct dd_region region[DEVDISC_REGIONS_MAX];
	uint32_t nregion;
	uint32_t regions_dropped;               /* memory BARs beyond the table */
	uint64_t va_next, va_large_next;   /* next free user addresses */
	uint32_t need;
	uint64_t fingerprint;
};

/* guest_pci.c: a pci_access over ports 0xCF8/0xCFC (slot d->io). */
void dd_pci_access(struct devdisc *d, struct pci_access *acc);

/* guest_map.c */
void dd_regions_collect(struct devdisc *d);
/* Maps every unmapped region, device by device, logging `mapped` for each
 * device whose regions are now all mapped, and `unmapped` for each region
 * that is not. */
void dd_map_pending(struct devdisc *d);
uint32_t dd_frames_mapped(const struct devdisc *d);
uint32_t dd_frames_unmapped(const struct devdisc *d);

/* retune_act.c: what devdisc does with the policy's decision (the seam
 * issue 6 fills in: write the blob, reboot). */
void devdisc_act(struct devdisc *d, const struct retune_decision *dec);

/* main.c helpers shared by the above */
void dd_log_bdf(char out[8], const struct pci_device *dev);

#endif
