/*
 * blkdev.h - the block device the store write sequence (store_write.h)
 * runs over: whole 512-byte sectors of the config store, read, written
 * and flushed.  Two backends: a virtio-blk disk driven from user space
 * (blkdev_vblk.c, x86_64) and the kernel's Store capability
 * (blkdev_store.c, ColdFire, where semihosting needs supervisor mode).
 */
#ifndef STOREWRITER_BLKDEV_H
#define STOREWRITER_BLKDEV_H

#include <stdint.h>
#include "bootcfg.h"
#include "status.h"

#define BLKDEV_SECTOR_BYTES BOOTCFG_SECTOR_BYTES

struct blkdev {
	void *ctx;
	enum status (*read)(void *ctx, uint32_t sector, uint8_t *buf);
	enum status (*write)(void *ctx, uint32_t sector, const uint8_t *buf);
	/* after each write: the bytes are where a reboot reads them */
	enum status (*flush)(void *ctx);
	/* optional (NULL: nothing to do): after a failed step, makes the
	 * device usable again for the read-back (a driver that gave up on a
	 * request re-initialises) */
	enum status (*recover)(void *ctx);
};

struct vblk;
/* The virtio-blk driver's disk (d stays the caller's). */
void blkdev_vblk(struct blkdev *out, struct vblk *d);

/* The Store capability in slot `slot`; ctx points at the caller's slot
 * word, which must outlive *out. */
void blkdev_store(struct blkdev *out, uint32_t *slot);

#endif
