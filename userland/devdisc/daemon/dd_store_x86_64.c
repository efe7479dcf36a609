/*
 * dd_store_x86_64.c - the store on x86_64 (dd_store.h): the virtio-blk
 * disk kh_storewriter finds by serial (userland/storewriter/guest.h),
 * its BARs mapped uncached at the writer's own addresses through
 * dd_map_extra() (devdisc maps prefetchable BARs write-combining, wrong
 * for registers), one DMA frame from FrameAlloc.
 */
#include "dd_store.h"
#include "dd_map.h"
#include "../../storewriter/guest.h"

#define DD_STORE_BAR_VA 0x40000000ull   /* 1 GiB: below devdisc's own maps */

static struct sw_store store;
static struct blkdev dev;
static bool store_open;

static uintptr_t map_bar(void *ctx, uint64_t phys, uint64_t len)
{
	return dd_map_extra(ctx, phys, len);
}

static void unmap_bar(void *ctx, uintptr_t va, uint64_t len)
{
	dd_unmap_extra(ctx, va, len);
}

enum status dd_store_device(struct dd_state *d, const struct blkdev **out)
{
	struct sw_env env;
	enum status st;

	*out = &dev;
	if (store_open)
		return STATUS_OK;
	if ((st = sw_env_default(&env)))
		return st;
	env.bar_va_base = DD_STORE_BAR_VA;
	env.map_bar = map_bar;
	env.unmap_bar = unmap_bar;
	env.map_ctx = d;
	if ((st = sw_open(&store, &env)))
		return st;
	blkdev_vblk(&dev, &store.blk);
	store_open = true;
	return STATUS_OK;
}
