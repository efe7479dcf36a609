/*
 * guest.h - the store writer inside the guest (x86_64): finds the config
 * store disk, drives it with the virtio-blk core (virtio.h) and writes
 * blobs with the torn-safe sequence (store_write.h).
 *
 * Which disk is the store: the boot disk is virtio-blk too, so the store
 * is told by its serial number, SW_STORE_SERIAL, which scripts/lib/
 * khqemu.py gives it (-device virtio-blk-pci,drive=store,serial=khstore)
 * and which VIRTIO_BLK_T_GET_ID reads back.  Capacity alone is not
 * enough: a user may make the store any size, and order on the bus
 * follows the command line.  Only bus 0 is searched (QEMU puts both
 * disks on pcie.0; hot-plugged devices sit behind root ports).
 *
 * Needs the capabilities ioport:0xcf8-0xcff (config space), devmem
 * (the disk's BARs) and framealloc (one DMA frame).
 */
#ifndef STOREWRITER_GUEST_H
#define STOREWRITER_GUEST_H

#include <stdint.h>
#include "bootcfg.h"
#include "pci.h"
#include "store_write.h"
#include "virtio.h"

#define SW_STORE_SERIAL   "khstore"
#define SW_BAR_WINDOW     0x100000u   /* virtual bytes per BAR (1 MiB) */

/* Where the writer lives in its process.  A program that already maps
 * the disk's BARs (devdisc) may set map_bar to hand back its mapping. */
struct sw_env {
	uint32_t io_slot, devmem_slot, frame_slot;
	uint64_t bar_va_base;   /* 6 x SW_BAR_WINDOW of free user space */
	uint64_t dma_va;        /* a free page of the FrameAlloc window */
	/* optional: returns the VA of [phys, phys+len) or 0 (then DevMem) */
	uintptr_t (*map_bar)(void *ctx, uint64_t phys, uint64_t len);
	/* optional: a disk that is not the store gives back what map_bar
	 * returned (the VA and length given) */
	void (*unmap_bar)(void *ctx, uintptr_t va, uint64_t len);
	void *map_ctx;
};

struct sw_store {
	struct sw_env env;
	struct pci_access cfg;
	struct vio_platform pf;
	struct vblk blk;
	uint8_t mapped[6];      /* BARs mapped: 1 by this writer, 2 by map_bar */
	bool have_dma;
};

/* Capability slots found by type, default addresses (BARs at 1 GiB, DMA
 * at the base of the FrameAlloc window).  NOT_FOUND without a grant. */
enum status sw_env_default(struct sw_env *env);

/* Finds the store disk, maps it, initialises the driver.  NOT_FOUND if
 * every virtio-blk on bus 0 was read and none carries SW_STORE_SERIAL;
 * if one could not be read, the first such error (e.g. the mapping's);
 * other disks looked at are unmapped again. */
enum status sw_open(struct sw_store *s, const struct sw_env *env);

/* The whole store image, BOOTCFG_STORE_BYTES. */
enum status sw_read_store(struct sw_store *s, uint8_t *image);

/* store_write(): new blob in the non-current slot, log record, read
 * back and verify.  STATUS_OK means a reboot would pick *next. */
enum status sw_write(struct sw_store *s, struct bootcfg *next,
		     struct bootcfg_log_record *rec, struct store_scratch *scratch,
		     enum bootcfg_slot *slot_out);

#endif
