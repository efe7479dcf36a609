/*
 * sw_drv_coldfire.c - the store on ColdFire (sw_drv.h): the kernel's
 * Store capability, which devdisc gave at spawn; it reads and writes the
 * host file through semihosting in supervisor mode (kernel/object/
 * store.c).  Nothing is granted over the protocol.
 */
#include "sw_drv.h"
#include "kh_objects.h"

static uint32_t store_slot = KH_NO_SLOT;
static struct blkdev dev;

enum status sw_drv_grant(const struct kh_msg *m)
{
	(void)m;
	return STATUS_NOT_SUPPORTED;
}

enum status sw_drv_config(const struct kh_msg *m)
{
	(void)m;
	return STATUS_NOT_SUPPORTED;
}

enum status sw_drv_open(const struct blkdev **out)
{
	enum status st = kh_cap_find(KH_CAP_STORE, 0, &store_slot);

	if (st)
		return st == STATUS_NOT_FOUND ? STATUS_NOT_FOUND : st;
	blkdev_store(&dev, &store_slot);
	*out = &dev;
	return STATUS_OK;
}

const char *sw_drv_name(void)
{
	return "store";
}
