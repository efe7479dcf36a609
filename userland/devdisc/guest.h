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
#include "hotplug.h"

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

/* Root ports with a hot-plug slot that devdisc watches. */
#define DEVDISC_SLOTS_MAX 8

struct devdisc {
	uint32_t io, devmem, settle, bootinfo;  /* capability slots */
	uint32_t spacebank;                     /* KH_NO_SLOT if not granted */
	struct kh_bootfacts facts;
	/* The newest blob: BootInfo's, or the one devdisc wrote since (the
	 * policy must see what the next boot gets). */
	struct bootcfg tuning;
	uint32_t trigger;        /* device behind the last change (log record) */
	bool settled;            /* Settle done: later changes are hot-plug */
	struct hp_slot slot[DEVDISC_SLOTS_MAX];
	uint32_t nslot;
	uint64_t last_poll_ms;
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

/* Unmaps every mapped region of walk.dev[devi]; *frames = the frames
 * they held.  OK, or the first DevMem error. */
enum status dd_unmap_device(struct devdisc *d, uint16_t devi, uint32_t *frames);
/* After a new walk: rebuilds the region table from d->walk, keeping the
 * mappings of regions that are still there (same address and size). */
void dd_regions_refresh(struct devdisc *d);
/* Uncached mappings for the store writer, outside the region table. */
uintptr_t dd_map_extra(struct devdisc *d, uint64_t phys, uint64_t len);
void dd_unmap_extra(struct devdisc *d, uintptr_t va, uint64_t len);

/* retune_act.c: what devdisc does with the policy's decision: grow from
 * headroom, write the blob (the `event=retune` line), reboot. */
void devdisc_act(struct devdisc *d, const struct retune_decision *dec);

/* guest_store.c: writes dec->next and its log record to the config
 * store through kh_storewriter, reads back and verifies.  OK means a
 * reboot now boots on it; d->tuning becomes it. */
enum status dd_store_write(struct devdisc *d, const struct retune_decision *dec);

/* guest_hotplug.c: the PCIe native hot-plug watch. */
void dd_slots_init(struct devdisc *d);
void dd_hotplug_poll(struct devdisc *d);

/* main.c: walk again, recompute need and fingerprint, decide and act
 * (after an arrival or a removal). */
enum status dd_rewalk(struct devdisc *d);
enum status dd_retune(struct devdisc *d);
void dd_emit(enum status st, const size_t *len);
#define DEVDISC_LOG_BYTES 4096u
extern char dd_logbuf[DEVDISC_LOG_BYTES];

/* main.c helpers shared by the above */
void dd_log_bdf(char out[8], const struct pci_device *dev);

#endif
