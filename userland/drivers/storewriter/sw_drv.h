/*
 * sw_drv.h - what differs between the storewriter driver's targets
 * (storewriter.c is the rest): how it takes what devdisc hands it and
 * opens the store as a block device.
 *   x86_64   (sw_drv_x86_64.c): the store disk's BARs (GRANT), its
 *            configuration space (CONFIG), a FrameAlloc narrowed to one
 *            frame (given at spawn) for DMA; virtio-blk over them, and the
 *            disk is the store only if its serial is SW_STORE_SERIAL.
 *   ColdFire (sw_drv_coldfire.c): the kernel's Store capability, given
 *            at spawn (semihosting needs supervisor mode).
 */
#ifndef DRIVERS_STOREWRITER_SW_DRV_H
#define DRIVERS_STOREWRITER_SW_DRV_H

#include "kh_syscall.h"
#include "blkdev.h"
#include "kh_drv.h"

/* The serial scripts/lib/khqemu.py gives the store disk
 * (-device virtio-blk-pci,drive=store,serial=khstore), read back with
 * VIRTIO_BLK_T_GET_ID: the boot disk is virtio-blk too, and a user may
 * make the store any size. */
#define SW_STORE_SERIAL "khstore"

/* One GRANT or CONFIG message; its status is the reply's. */
enum status sw_drv_grant(const struct kh_msg *m);
enum status sw_drv_config(const struct kh_msg *m);

/* At START: the store, or NOT_FOUND if the device is not it (another
 * disk), or the first error on the way. */
enum status sw_drv_open(const struct blkdev **dev);

/* For the driver's lines: "bb:dd.f", or "store" (ColdFire). */
const char *sw_drv_name(void);

#endif
