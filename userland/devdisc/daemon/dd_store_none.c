/*
 * dd_store_none.c - a target without a store writer (ColdFire: the
 * semihosting writer is not there yet): a blob the policy wants written
 * is said, not written, and never rebooted on (dd_store.h).
 */
#include "dd_store.h"
#include "kh_user.h"

enum status dd_store_open(struct dd_state *d)
{
	(void)d;
	return STATUS_NOT_SUPPORTED;
}

enum status dd_store_write(struct dd_state *d, const struct retune_decision *dec)
{
	(void)d;
	kh_printf("devdisc: store-write status=%s new=%u reboot=%s\n",
		  status_name(STATUS_NOT_SUPPORTED), dec->new_pool,
		  dec->reboot ? "wanted" : "no");
	return STATUS_NOT_SUPPORTED;
}
