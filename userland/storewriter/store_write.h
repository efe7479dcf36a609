/*
 * store_write.h - writing a new boot-config blob and its retune-log record
 * to the config store, torn-write safe (docs/bootcfg.md "One commit
 * point", docs/hotplug-internals.md).
 *
 * The sequence knows only a block device of 512-byte sectors (struct
 * blkdev, blkdev.h), so every driver shares it: virtio-blk on x86_64,
 * the kernel's Store capability on ColdFire.
 *
 * Order: read the store; at the generation limit compact it (two slot
 * writes that keep the selected tuning); write the log record, carrying
 * the new blob's generation; write the blob into the slot that is not the
 * current one (generation + 1): the blob is the commit.  Every sector is
 * flushed and read back.  Only after STATUS_OK may the caller ask for a
 * reboot.  A failure at any point leaves a store whose selection is the
 * previous blob or the new one, with no committed record lost; calling
 * again converges.
 */
#ifndef STOREWRITER_STORE_WRITE_H
#define STOREWRITER_STORE_WRITE_H

#include "bootcfg.h"
#include "blkdev.h"

#define STORE_SECTORS      (BOOTCFG_STORE_BYTES / BLKDEV_SECTOR_BYTES)

/* What a failed write left on the disk, read back afterwards, so that the
 * report names what is really there (and not only the first error). */
struct store_ondisk {
	enum status read;            /* reading the store back: OK or the driver's */
	enum bootcfg_slot slot;      /* what selection picks now */
	uint64_t generation;         /* its generation (0 on defaults) */
	bool blob_landed;            /* the new blob is what selection picks */
	bool record_landed;          /* its log record is in the ring */
};

/* Caller-owned scratch: the store image, one sector, the read-back. */
struct store_scratch {
	uint8_t store[BOOTCFG_STORE_BYTES];
	uint8_t sector[BLKDEV_SECTOR_BYTES];
	struct store_ondisk ondisk;  /* filled when store_write fails */
};

/* The whole store image (STORE_SECTORS sectors) into store. */
enum status store_read_image(const struct blkdev *d, uint8_t *store);

/* *next: the blob to write (its generation is set here); *rec: the log
 * record (its seq and generation are set here), or NULL for a blob alone
 * (devdisc's boot count).  *slot_out: the slot
 * written.  Errors: the driver's (IO_ERROR, OUT_OF_RANGE ...), the
 * codec's for a bad blob or record (nothing written then), IO_ERROR if a
 * read-back differs.  On any error s->ondisk says what the disk holds
 * now; if that is exactly the new blob and record (the error came after
 * they landed, e.g. a deadline that passed on a loaded host), the write
 * is reported as done: STATUS_OK. */
enum status store_write(const struct blkdev *d, struct bootcfg *next,
			struct bootcfg_log_record *rec, struct store_scratch *s,
			enum bootcfg_slot *slot_out);

#endif
