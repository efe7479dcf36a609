/*
 * dd_store_coldfire.c - the store on ColdFire (dd_store.h): the kernel's
 * Store capability (grant `store`), which reads and writes the host file
 * through semihosting in supervisor mode (kernel/object/store.c); user
 * mode cannot make semihosting calls on QEMU 7.2.
 */
#include "dd_store.h"
#include "kh_objects.h"

static uint32_t store_slot = KH_NO_SLOT;
static struct blkdev dev;

enum status dd_store_device(struct dd_state *d, const struct blkdev **out)
{
	enum status st;

	(void)d;
	*out = &dev;
	if (store_slot != KH_NO_SLOT)
		return STATUS_OK;
	if ((st = kh_cap_find(KH_CAP_STORE, 0, &store_slot))) {
		store_slot = KH_NO_SLOT;
		return st;
	}
	blkdev_store(&dev, &store_slot);
	return STATUS_OK;
}
