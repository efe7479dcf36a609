/*
 * store_write.h - writing a new boot-config blob and its retune-log record
 * to the config store disk, torn-write safe (docs/hotplug-internals.md).
 *
 * Order: read the store, write the blob into the slot that is not the
 * current one (generation + 1), then the log record, flush, read both
 * back and check them.  Only after STATUS_OK may the caller ask for a
 * reboot.  A failure at any point leaves a store whose selection is the
 * previous blob or the new one; calling again converges.  The disk is
 * any struct blkdev (blkdev.h): virtio-blk on x86_64, the kernel's Store
 * capability on ColdFire.
 */
#ifndef STOREWRITER_STORE_WRITE_H
#define STOREWRITER_STORE_WRITE_H

#include "bootcfg.h"
#include "blkdev.h"

#define STORE_SECTORS (BOOTCFG_STORE_BYTES / BLKDEV_SECTOR_BYTES)

/* Caller-owned scratch: the store image and one sector. */
struct store_scratch {
	uint8_t store[BOOTCFG_STORE_BYTES];
	uint8_t sector[BLKDEV_SECTOR_BYTES];
};

/* The whole store image (STORE_SECTORS sectors) into store. */
enum status store_read_image(const struct blkdev *d, uint8_t *store);

/* *next: the blob to write (its generation is set here); *rec: the log
 * record (its seq is set here).  *slot_out: the slot written.  Errors:
 * the driver's (IO_ERROR, OUT_OF_RANGE ...), the codec's for a bad blob
 * or record (nothing written then), IO_ERROR if the read-back differs. */
enum status store_write(const struct blkdev *d, struct bootcfg *next,
			struct bootcfg_log_record *rec, struct store_scratch *s,
			enum bootcfg_slot *slot_out);

#endif
