/*
 * dd_store_x86_64.c - the store on x86_64 (dd_store.h): the storewriter
 * driver started on the virtio-blk disk whose serial is the store's,
 * found among the walk's virtio-blk disks (sw_client.h).  Each disk tried
 * says one line:
 *   devdisc: granted dev=<bdf> to=storewriter pid=<n>
 *            caps=bar<i>:0x<addr>+<pages>,...,framealloc:1 status=<s>
 * (not-found: another disk, whose frames are rescinded at once).
 */
#include "dd_store.h"
#include "dd_pci.h"
#include "dd_pci_cfg.h"
#include "kh_user.h"
#include "kh_objects.h"

static struct sw_client client;
static struct pci_access cfg;

static void tried(void *ctx, const struct sw_client *c, enum status st)
{
	(void)ctx;
	kh_printf("devdisc: granted dev=%s to=%s pid=%u caps=", c->drv.bdf, DD_STORE_IMAGE,
		  c->drv.pid);
	for (uint32_t i = 0; i < c->nbar; i++)
		kh_printf("bar%u:0x%lx+%u,", c->bar[i].index, (unsigned long)c->bar[i].phys,
			  c->bar[i].pages);
	kh_printf("framealloc:1 status=%s\n", status_name(st));
}

enum status dd_store_client(struct dd_state *d, struct sw_client **out)
{
	struct sw_pci_env env = { .cfg = &cfg, .devmem = d->devmem, .image = DD_STORE_IMAGE,
				  .tried = tried };
	enum status st;

	*out = &client;
	if (client.open && kh_drv_alive(&client.drv))
		return STATUS_OK;
	/* Never opened, or its driver ended (a fault, say): its frames go back
	 * before the disks are tried again. */
	sw_client_close(&client);
	dd_pci_access(&dd_pci.io, &cfg);
	if ((st = kh_cap_find(KH_CAP_PROCESS, 0, &env.proc)) ||
	    (st = kh_cap_find(KH_CAP_FRAMEALLOC, 0, &env.framealloc)))
		return st;
	return sw_client_open_pci(&client, &env, dd_pci.walk.dev, dd_pci.walk.ndev);
}

void dd_store_close(struct dd_state *d)
{
	(void)d;
	sw_client_close(&client);
}
