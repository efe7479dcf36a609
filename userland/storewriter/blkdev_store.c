/*
 * blkdev_store.c - the kernel's Store capability as a store block device
 * (blkdev.h): sector i is bytes [512 i, 512 (i + 1)) of the store; the
 * kernel checks the bounds and does the I/O (kernel/object/store.c).
 */
#include "blkdev.h"
#include "kh_objects.h"

_Static_assert(KH_STORE_IO_MAX == BLKDEV_SECTOR_BYTES, "one sector per call");

static enum status st_read(void *ctx, uint32_t sector, uint8_t *buf)
{
	return kh_store_read(*(uint32_t *)ctx, sector * BLKDEV_SECTOR_BYTES, buf,
			     BLKDEV_SECTOR_BYTES);
}

static enum status st_write(void *ctx, uint32_t sector, const uint8_t *buf)
{
	return kh_store_write(*(uint32_t *)ctx, sector * BLKDEV_SECTOR_BYTES, buf,
			      BLKDEV_SECTOR_BYTES);
}

static enum status st_flush(void *ctx)
{
	return kh_store_flush(*(uint32_t *)ctx);
}

void blkdev_store(struct blkdev *out, uint32_t *slot)
{
	*out = (struct blkdev){ .ctx = slot, .read = st_read, .write = st_write,
				.flush = st_flush };
}
