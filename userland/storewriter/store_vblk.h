/*
 * store_vblk.h - a virtio-blk disk (virtio.h) as the block device of the
 * store write sequence (store_write.h).
 */
#ifndef STOREWRITER_STORE_VBLK_H
#define STOREWRITER_STORE_VBLK_H

#include "store_write.h"
#include "virtio.h"

_Static_assert(STORE_SECTOR_BYTES == VBLK_SECTOR_BYTES, "one sector size");

/* The device ops over *d; a driver that gave up on a request (broken) is
 * re-initialised by recover. */
struct store_dev store_dev_vblk(struct vblk *d);

#endif
