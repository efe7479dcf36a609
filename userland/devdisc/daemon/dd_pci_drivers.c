/*
 * dd_pci_drivers.c - devdisc as device manager (docs/capabilities.md, "The
 * device-manager protocol", userland/include/kh_drv.h).  For a device it
 * knows a driver for, each mapped BAR's frames are published (devdisc
 * holds the master), the driver is spawned holding only the console and
 * the driver endpoint, and it is sent over IPC a capability for exactly
 * each BAR (read, write, wc for a prefetchable one; no grant):
 *   devdisc: granted dev=<bdf> to=<name> pid=<n> caps=<list>
 * Before the device's frames are rescinded (removal) the driver is told:
 *   devdisc: revoking dev=<bdf> pid=<n>
 * One driver endpoint: one driven device at a time; another device of a
 * known kind then says `devdisc: warning dev=<bdf> what=driver-busy`.
 */
#include "dd_pci.h"
#include "dd_bus.h"
#include "kh_user.h"
#include "kh_objects.h"
#include "kh_drv.h"

struct driver_for {
	uint16_t vendor, device;
	const char *image;
};

static const struct driver_for known[] = {
	{ 0x1af4, 0x1110, "ivshmem" },      /* ivshmem-plain */
};

static struct {
	bool ready;                      /* process, console and endpoint held */
	uint32_t proc, con, ep;
	bool driving;
	uint32_t pid;
	char bdf[8];
} mgr;

/* The driver endpoint is devdisc's own (Process.ENDPOINT).  Once, at the
 * first mapped device. */
static void init(void)
{
	static bool done;
	uint64_t slot = 0;

	if (done)
		return;
	done = true;

	mgr.ready = !kh_cap_find(KH_CAP_PROCESS, 0, &mgr.proc) &&
		    !kh_cap_find(KH_CAP_CONSOLE, 0, &mgr.con) &&
		    !kh_invoke(mgr.proc, KH_OP_PROC_ENDPOINT, 0, 0, 0, 0, &slot, NULL);
	mgr.ep = (uint32_t)slot;
}

static const struct driver_for *driver_of(const struct pci_device *dev)
{
	for (uint32_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (known[i].vendor == dev->vendor && known[i].device == dev->device)
			return &known[i];
	return NULL;
}

/* Publishes the device's mapped BARs: each region's master slot + 1. */
static uint32_t publish(struct dd_state *d, uint16_t dev)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < d->nregion; i++) {
		struct dd_region *r = &d->region[i];
		uint32_t master;

		if (r->dev != dev || !r->mapped || r->shared || r->master)
			continue;
		if (!kh_devmem_publish(d->devmem, r->phys, r->pages, r->pref ? KH_MAP_WC : 0,
				       &master)) {
			r->master = master + 1;
			n++;
		}
	}
	return n;
}

static enum status call(uint64_t label, struct kh_msg *m)
{
	m->label = label;
	enum status st = kh_call(mgr.ep, m);
	return st ? st : (enum status)m->label;
}

static enum status grant(const struct dd_region *r)
{
	uint32_t rights = KH_RIGHT_READ | KH_RIGHT_WRITE | (r->pref ? KH_RIGHT_WC : 0);
	struct kh_msg m = { .word = { r->index, r->phys, r->pages },
			    .len = KH_DRV_BDF_BYTES, .cap = KH_MSG_CAP(r->master - 1, rights) };

	for (unsigned i = 0; i < KH_DRV_BDF_BYTES; i++)
		m.buf[i] = (uint8_t)mgr.bdf[i];
	return call(KH_DRV_GRANT, &m);
}

/* Sends every published BAR, then START; the granted line lists them. */
static enum status hand_over(struct dd_state *d, uint16_t dev, const char *name)
{
	enum status st = STATUS_OK;

	for (uint32_t i = 0; !st && i < d->nregion; i++)
		if (d->region[i].dev == dev && d->region[i].master)
			st = grant(&d->region[i]);
	struct kh_msg m = { .cap = KH_NO_SLOT };
	if (!st)
		st = call(KH_DRV_START, &m);
	kh_printf("devdisc: granted dev=%s to=%s pid=%u caps=", mgr.bdf, name, mgr.pid);
	bool first = true;
	for (uint32_t i = 0; i < d->nregion; i++) {
		const struct dd_region *r = &d->region[i];
		if (r->dev != dev || !r->master)
			continue;
		kh_printf("%sbar%u:0x%lx+%u", first ? "" : ",", r->index, (unsigned long)r->phys,
			  r->pages);
		first = false;
	}
	kh_printf(" status=%s\n", status_name(st));
	return st;
}

static bool driver_alive(void)
{
	struct kh_procinfo pi;

	return !kh_proc_info(mgr.proc, mgr.pid, &pi) && pi.state == KH_PROC_LIVE;
}

static void attach(struct dd_state *d, uint16_t dev)
{
	const struct pci_device *pd = &dd_pci.walk.dev[dev];
	const struct driver_for *drv = driver_of(pd);
	uint32_t slots[2] = { mgr.con, mgr.ep };

	init();
	if (!drv || !mgr.ready)
		return;
	char bdf[8];
	dd_pci_bdf(bdf, pd);
	if (mgr.driving && !driver_alive())
		mgr.driving = false;      /* its device vanished without a removal */
	if (mgr.driving) {
		kh_printf("devdisc: warning dev=%s what=driver-busy detail=%u status=busy\n", bdf,
			  mgr.pid);
		return;
	}
	if (!publish(d, dev))
		return;
	enum status st = kh_proc_spawn(mgr.proc, drv->image, slots, 2, &mgr.pid);
	if (st) {
		kh_printf("devdisc: warning dev=%s what=driver-spawn detail=0 status=%s\n", bdf,
			  status_name(st));
		return;
	}
	for (unsigned i = 0; i < sizeof(bdf); i++)
		mgr.bdf[i] = bdf[i];
	mgr.driving = true;
	hand_over(d, dev, drv->image);
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
	char bdf[8];
	struct kh_msg m = { .cap = KH_NO_SLOT };

	(void)d;
	dd_pci_bdf(bdf, &dd_pci.walk.dev[dev]);
	if (!mgr.driving)
		return;
	for (unsigned i = 0; i < sizeof(bdf); i++)
		if (bdf[i] != mgr.bdf[i])
			return;
	kh_printf("devdisc: revoking dev=%s pid=%u\n", bdf, mgr.pid);
	call(KH_DRV_REVOKE, &m);
	mgr.driving = false;
}
