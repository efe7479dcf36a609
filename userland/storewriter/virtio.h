/*
 * virtio.h - virtio-blk over the virtio 1.0 modern PCI transport, the
 * store writer's disk driver.  No allocation, no libc, no waiting on
 * anything but a spin bounded in time (milliseconds of the platform's
 * clock, not a count of polls, which a loaded host makes meaningless):
 * everything it touches goes through
 * struct vio_platform (the guest program plugs in DevMem-mapped BARs and
 * a FrameAlloc'd DMA frame; tests plug in tests/fixtures/virtio/).
 *
 * Facts (virtio 1.0, 4.1.4 and 2.4): vendor-specific PCI capabilities
 * (id 0x09) locate the common config, notify, ISR and device config
 * structures inside BARs; all of them and the split virtqueue in DMA
 * memory are little endian.  One request at a time: header, data and
 * status descriptors chained, then the used ring is polled.
 */
#ifndef STOREWRITER_VIRTIO_H
#define STOREWRITER_VIRTIO_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "status.h"
#include "pci.h"

#define VBLK_SECTOR_BYTES  512u
#define VBLK_QUEUE_MAX     8u      /* entries used; 3 per request suffice */
#define VBLK_DMA_BYTES     4096u   /* one frame holds rings and buffers */
#define VBLK_TIMEOUT_MS_DEFAULT 2000u  /* one request; QEMU answers in < 1 ms */
#define VBLK_ID_BYTES      20u     /* VIRTIO_BLK_T_GET_ID answer */

struct vio_platform {
	void *ctx;
	const struct pci_access *cfg;          /* config space (the walker's) */
	uint8_t bus, dev, fn;
	uintptr_t bar_va[6];                   /* where each BAR is mapped; 0 = not */
	uint64_t bar_len[6];
	uint32_t (*mmio_read)(void *ctx, uintptr_t va, unsigned width);   /* 1, 2, 4 */
	void (*mmio_write)(void *ctx, uintptr_t va, unsigned width, uint32_t v);
	void (*barrier)(void *ctx);            /* full memory barrier */
	uint64_t (*now_ms)(void *ctx);         /* monotonic clock (the kernel's), ms */
	uint8_t *dma;                          /* VBLK_DMA_BYTES, 16-byte aligned */
	uint64_t dma_phys;                     /* its physical (bus) address */
	size_t dma_len;
};

/* A located structure: BAR-relative, checked against the mapping. */
struct vio_region {
	uintptr_t va;
	uint32_t len;
};

struct vblk {
	const struct vio_platform *pf;
	struct vio_region common, notify, isr, device;
	uint32_t notify_mult;
	uint16_t qsize, notify_off;
	uint16_t avail_idx, used_seen;
	uint64_t capacity;                     /* sectors */
	bool flush;                            /* VIRTIO_BLK_F_FLUSH negotiated */
	bool read_only;
	bool broken;                           /* a request timed out: re-init */
	uint32_t timeout_ms;                   /* how long one request may take */
};

/* Finds the four structures through the capability list.  NOT_FOUND if
 * one is missing or the list is unusable (loop, pointer into the
 * header), OUT_OF_RANGE if one lies outside its mapped BAR or is too
 * short for what it must hold. */
enum status vio_find_caps(const struct vio_platform *pf, struct vblk *d);

/* Reset, ACKNOWLEDGE, DRIVER, features (VERSION_1 required, FLUSH taken
 * if offered), FEATURES_OK, queue 0 in DMA memory, DRIVER_OK.  On failure
 * the device is left with FAILED set (when it was reachable). */
enum status vblk_init(struct vblk *d, const struct vio_platform *pf);

/* One 512-byte sector.  OUT_OF_RANGE past the capacity, NO_PERMISSION
 * writing a read-only disk, IO_ERROR for a device error status or no
 * answer within timeout_ms (the driver is then broken until
 * vblk_init), NOT_SUPPORTED for an unsupported request. */
enum status vblk_read(struct vblk *d, uint64_t sector, uint8_t *buf);
enum status vblk_write(struct vblk *d, uint64_t sector, const uint8_t *buf);
/* NOT_SUPPORTED if the device did not offer FLUSH. */
enum status vblk_flush(struct vblk *d);

/* VIRTIO_BLK_T_GET_ID: the serial QEMU was given (serial=...), NUL-padded.
 * NOT_SUPPORTED if the device does not implement the request. */
enum status vblk_get_id(struct vblk *d, uint8_t id[VBLK_ID_BYTES]);

#endif
