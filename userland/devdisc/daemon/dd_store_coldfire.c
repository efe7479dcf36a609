/*
 * dd_store_coldfire.c - the store on ColdFire (dd_store.h): the
 * storewriter driver started holding devdisc's Store capability (grant
 * `store`), which reads and writes the host file through semihosting in
 * supervisor mode (kernel/object/store.c); user mode cannot make
 * semihosting calls on QEMU 7.2.  Line:
 *   devdisc: granted dev=store to=storewriter pid=<n> caps=store status=<s>
 */
#include "dd_store.h"
#include "kh_user.h"
#include "kh_objects.h"

static struct sw_client client;

enum status dd_store_client(struct dd_state *d, struct sw_client **out)
{
	uint32_t proc, store;
	enum status st;

	(void)d;
	*out = &client;
	if (client.open && kh_drv_alive(&client.drv))
		return STATUS_OK;
	sw_client_close(&client);      /* never opened, or its driver ended */
	if ((st = kh_cap_find(KH_CAP_STORE, 0, &store)) ||
	    (st = kh_cap_find(KH_CAP_PROCESS, 0, &proc)))
		return st;
	st = sw_client_open_store(&client, proc, store, DD_STORE_IMAGE);
	kh_printf("devdisc: granted dev=store to=%s pid=%u caps=store status=%s\n", DD_STORE_IMAGE,
		  client.drv.pid, status_name(st));
	return st;
}

void dd_store_close(struct dd_state *d)
{
	(void)d;
	sw_client_close(&client);
}
