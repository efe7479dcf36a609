/*
 * blkdev_vblk.c - the virtio-blk driver as a store block device
 * (blkdev.h).  Flush only where the device offered VIRTIO_BLK_F_FLUSH:
 * without it a completed write is already on the disk.
 */
#include "blkdev.h"
#include "virtio.h"

_Static_assert(VBLK_SECTOR_BYTES == BLKDEV_SECTOR_BYTES, "one sector size");

static enum status vb_read(void *ctx, uint32_t sector, uint8_t *buf)
{
	return vblk_read(ctx, sector, buf);
}

static enum status vb_write(void *ctx, uint32_t sector, const uint8_t *buf)
{
	return vblk_write(ctx, sector, buf);
}

static enum status vb_flush(void *ctx)
{
	struct vblk *d = ctx;

	return d->flush ? vblk_flush(d) : STATUS_OK;
}

/* A timed-out request leaves the driver broken until it is reset. */
static enum status vb_recover(void *ctx)
{
	struct vblk *d = ctx;

	return d->broken ? vblk_init(d, d->pf) : STATUS_OK;
}

void blkdev_vblk(struct blkdev *out, struct vblk *d)
{
	*out = (struct blkdev){ .ctx = d, .read = vb_read, .write = vb_write,
				.flush = vb_flush, .recover = vb_recover };
}
