/*
 * store_vblk.c - the virtio-blk driver behind struct store_dev (see
 * store_vblk.h).
 */
#include "store_vblk.h"

static enum status dev_read(void *ctx, uint32_t sector, uint8_t *buf)
{
	return vblk_read(ctx, sector, buf);
}

static enum status dev_write(void *ctx, uint32_t sector, const uint8_t *buf)
{
	return vblk_write(ctx, sector, buf);
}

static enum status dev_flush(void *ctx)
{
	struct vblk *d = ctx;

	return d->flush ? vblk_flush(d) : STATUS_OK;
}

/* A timed-out request leaves the driver broken until it is reset. */
static enum status dev_recover(void *ctx)
{
	struct vblk *d = ctx;

	return d->broken ? vblk_init(d, d->pf) : STATUS_OK;
}

struct store_dev store_dev_vblk(struct vblk *d)
{
	return (struct store_dev){ .ctx = d, .read = dev_read, .write = dev_write,
				   .flush = dev_flush, .recover = dev_recover };
}
