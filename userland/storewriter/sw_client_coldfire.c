/*
 * sw_client_coldfire.c - starting the storewriter driver on ColdFire
 * (sw_client.h): it is handed the Store capability at spawn, and nothing
 * over the protocol but START.
 */
#include "sw_client.h"

enum status sw_client_open_store(struct sw_client *c, uint32_t proc, uint32_t store,
				 const char *image)
{
	enum status st;

	*c = (struct sw_client){ .open = false };
	if ((st = kh_drv_spawn(&c->drv, proc, image, "store", &store, 1)))
		return st;
	if ((st = kh_drv_start(&c->drv))) {
		kh_drv_stop(&c->drv);
		return st;
	}
	c->open = true;
	return STATUS_OK;
}

void sw_client_close(struct sw_client *c)
{
	if (kh_drv_alive(&c->drv))
		kh_drv_revoke(&c->drv);
	kh_drv_stop(&c->drv);
	*c = (struct sw_client){ .open = false };
}
