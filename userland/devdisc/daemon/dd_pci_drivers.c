/*
 * dd_pci_drivers.c - devdisc as device manager (docs/capabilities.md, "The
 * device-manager protocol", userland/include/kh_drvmgr.h).  For a device
 * it knows a driver for, each mapped BAR's frames are published (devdisc
 * holds the master), the driver is spawned holding only the console and
 * an endpoint of its own, and it is sent over IPC a capability for exactly
 * each BAR (read, write, wc for a prefetchable one; no grant):
 *   devdisc: granted dev=<bdf> to=<name> pid=<n> caps=<list> status=<s>
 * Before the device's frames are rescinded (removal) the driver is told:
 *   devdisc: revoking dev=<bdf> pid=<n>
 * Every driver has its own endpoint (Process.ENDPOINT(k)), so devdisc
 * drives up to KH_OWN_ENDPOINTS devices at once, the store's driver
 * (dd_store_x86_64.c) among them.  A device past that gets none and says
 *   devdisc: limit what=drivers have=8 need=9
 * and a spawn that fails otherwise (the kernel's process table full)
 *   devdisc: warning dev=<bdf> what=driver-spawn detail=0 status=<s>
 */
#include "dd_pci.h"
#include "dd_bus.h"
#include "kh_user.h"
#include "kh_objects.h"
#include "kh_drvmgr.h"

struct driver_for {
	uint16_t vendor, device;
	const char *image;
};

static const struct driver_for known[] = {
	{ 0x1af4, 0x1110, "ivshmem" },      /* ivshmem-plain */
};

static struct kh_driver drv[KH_OWN_ENDPOINTS];
static uint32_t proc = KH_NO_SLOT;

static const struct driver_for *driver_of(const struct pci_device *dev)
{
	for (uint32_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (known[i].vendor == dev->vendor && known[i].device == dev->device)
			return &known[i];
	return NULL;
}

static bool same_bdf(const char *a, const char *b)
{
	for (unsigned i = 0; i < KH_DRV_BDF_BYTES; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

/* The table entry driving `bdf`, or NULL; drivers that ended are dropped
 * here (their device vanished without a removal, or they faulted). */
static struct kh_driver *driving(const char *bdf)
{
	for (uint32_t i = 0; i < KH_OWN_ENDPOINTS; i++)
		if (kh_drv_alive(&drv[i]) && same_bdf(drv[i].bdf, bdf))
			return &drv[i];
	return NULL;
}

static struct kh_driver *free_entry(void)
{
	for (uint32_t i = 0; i < KH_OWN_ENDPOINTS; i++)
		if (!kh_drv_alive(&drv[i]))
			return &drv[i];
	return NULL;
}

/* Publishes the device's mapped BARs: each region's master slot + 1. */
static uint32_t publish(struct dd_state *d, uint16_t dev)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < d->nregion; i++) {
		struct dd_region *r = &d->region[i];
		uint32_t master;

		if (r->dev != dev || !r->mapped || r->master)
			continue;
		if (!kh_devmem_publish(d->devmem, r->phys, r->pages, r->pref ? KH_MAP_WC : 0,
				       &master)) {
			r->master = master + 1;
			n++;
		}
	}
	return n;
}

static enum status grant(struct kh_driver *h, const struct dd_region *r)
{
	uint32_t rights = KH_RIGHT_READ | KH_RIGHT_WRITE | (r->pref ? KH_RIGHT_WC : 0);

	return kh_drv_grant(h, r->index, r->phys, r->pages, (uint64_t)r->pages * 4096u,
			    r->master - 1, rights);
}

static void log_granted(const struct dd_state *d, const struct kh_driver *h, uint16_t dev,
			const char *name, enum status st)
{
	bool first = true;

	kh_printf("devdisc: granted dev=%s to=%s pid=%u caps=", h->bdf, name, h->pid);
	for (uint32_t i = 0; i < d->nregion; i++) {
		const struct dd_region *r = &d->region[i];
		if (r->dev != dev || !r->master)
			continue;
		kh_printf("%sbar%u:0x%lx+%u", first ? "" : ",", r->index, (unsigned long)r->phys,
			  r->pages);
		first = false;
	}
	kh_printf(" status=%s\n", status_name(st));
}

/* Sends every published BAR, then START; the granted line lists them. */
static void hand_over(struct dd_state *d, struct kh_driver *h, uint16_t dev, const char *name)
{
	enum status st = STATUS_OK;

	for (uint32_t i = 0; !st && i < d->nregion; i++)
		if (d->region[i].dev == dev && d->region[i].master)
			st = grant(h, &d->region[i]);
	if (!st)
		st = kh_drv_start(h);
	log_granted(d, h, dev, name, st);
}

static void attach(struct dd_state *d, uint16_t dev)
{
	const struct pci_device *pd = &dd_pci.walk.dev[dev];
	const struct driver_for *known_drv = driver_of(pd);
	struct kh_driver *h;
	char bdf[KH_DRV_BDF_BYTES] = { 0 };

	if (!known_drv || (proc == KH_NO_SLOT && kh_cap_find(KH_CAP_PROCESS, 0, &proc)))
		return;
	dd_pci_bdf(bdf, pd);
	if (driving(bdf))
		return;                   /* mapped again after a rewalk: still driven */
	if (!publish(d, dev))
		return;
	enum status st = (h = free_entry()) ? kh_drv_spawn(h, proc, known_drv->image, bdf, NULL, 0)
					    : STATUS_BUSY;
	if (st == STATUS_BUSY)    /* every endpoint has a driver (the store's has one) */
		dd_pci_limit("drivers", KH_OWN_ENDPOINTS, KH_OWN_ENDPOINTS + 1);
	else if (st)
		kh_printf("devdisc: warning dev=%s what=driver-spawn detail=0 status=%s\n", bdf,
			  status_name(st));
	else
		hand_over(d, h, dev, known_drv->image);
}

/* The backend's line for a mapped device (dd_bus.h); its driver, if
 * devdisc knows one, gets it next. */
void dd_bus_log_mapped(const struct dd_state *d, uint16_t dev, uint32_t frames)
{
	char bdf[8];

	dd_pci_bdf(bdf, &dd_pci.walk.dev[dev]);
	kh_printf("devdisc: mapped dev=%s frames=%u\n", bdf, frames);
	attach((struct dd_state *)d, dev);
}

void dd_pci_drivers_revoke(const struct dd_state *d, uint16_t dev)
{
	char bdf[KH_DRV_BDF_BYTES] = { 0 };
	struct kh_driver *h;

	(void)d;
	dd_pci_bdf(bdf, &dd_pci.walk.dev[dev]);
	if (!(h = driving(bdf)))
		return;
	kh_printf("devdisc: revoking dev=%s pid=%u\n", bdf, h->pid);
	kh_drv_revoke(h);
}
