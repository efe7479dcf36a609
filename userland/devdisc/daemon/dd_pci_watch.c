/*
 * dd_pci_watch.c - the PCI backend's watch (dd_bus_watch): the PCIe
 * native hot-plug watch (as Linux's pciehp does it).  Every
 * hot-plug-capable root-port slot goes through the pcihp_slot.h state
 * machine, polled every 10 ms.
 *
 *   ARRIVED   walk again, place the new device's BARs in the port's
 *             windows (pcihp_assign.h: firmware assigns nothing to a
 *             hot-plugged device), map them, then the retune policy
 *   REMOVING  (attention button, QEMU's device_del) unmap, records back
 *             to the pool (`removed`), then power the slot off so that
 *             QEMU completes the removal (DEVICE_DELETED)
 *   GONE      walk again, then the policy (a lazy shrink, say)
 *
 * Log: `devdisc: hotplug slot=<n> event=<e> port=<bdf> bus=<b>
 * after_ms=<ms> pool=<N> pool_free=<n>`, after_ms being the guest time
 * since PRESENT for ARRIVED (power, link, settle), else since the slot
 * was last read: the bound on how late the slot event was noticed (the
 * clock is read again after an event is handled, so the time spent on
 * one slot's event is not charged to the slots polled after it).
 */
#include "dd_bus.h"
#include "dd_log.h"
#include "dd_map.h"
#include "dd_pci.h"
#include "dd_pci_cfg.h"
#include "dd_policy.h"
#include "pci_log.h"
#include "pcihp_assign.h"
#include "kh_user.h"
#include "kh_objects.h"

#define POLL_MS 10u

static uint64_t present_ms[DD_PCI_SLOTS_MAX];
static struct dd_region old_region[DD_REGIONS_MAX];

static bool slots_ready;

/* Every hot-plug-capable port of the walk, in walk order; a port past
 * the table is not watched.  Returns how many the walk has. */
static uint32_t slots_scan(void)
{
	struct pci_access acc;
	uint32_t want = 0;

	dd_pci_access(&dd_pci.io, &acc);
	dd_pci.nslot = 0;
	for (uint16_t i = 0; i < dd_pci.walk.ndev; i++) {
		const struct pci_device *port = &dd_pci.walk.dev[i];

		if (!port->slot.hotplug)
			continue;
		want++;
		if (dd_pci.nslot < DD_PCI_SLOTS_MAX &&
		    pcihp_slot_init(&dd_pci.slot[dd_pci.nslot], &acc, port) == STATUS_OK)
			dd_pci.nslot++;
	}
	for (uint32_t k = 0; k < dd_pci.nslot; k++)
		dd_pci.polled_ms[k] = kh_clock_ms();
	slots_ready = true;
	return want;
}

/* The watch's start: the slots, and the `limit` line if some are left
 * out. */
static void slots_init(void)
{
	uint32_t want = slots_scan();

	if (want > DD_PCI_SLOTS_MAX)
		dd_pci_limit("slots", DD_PCI_SLOTS_MAX, want);
	kh_printf("devdisc: hotplug watching slots=%u poll_ms=10\n", dd_pci.nslot);
}

/* The region table again from the walk, keeping the mappings of
 * regions that are still there (same address and size). */
static void refresh(struct dd_state *d)
{
	uint32_t nold = d->nregion;

	for (uint32_t i = 0; i < nold; i++)
		old_region[i] = d->region[i];
	dd_pci_collect(d);
	dd_regions_keep(d, old_region, nold);
}

/* A walk after a hot-plug event: silent (the caller logs what changed),
 * the mappings of devices still present kept. */
static enum status rewalk(struct dd_state *d)
{
	enum status st;

	if ((st = dd_pci_walk()))
		return st;
	refresh(d);
	return STATUS_OK;
}

/* The port's index in the current walk, or -1. */
static int port_index(const struct pcihp_slot *s)
{
	for (uint16_t i = 0; i < dd_pci.walk.ndev; i++) {
		const struct pci_device *p = &dd_pci.walk.dev[i];

		if (p->bus == s->bus && p->dev == s->dev && p->fn == s->fn)
			return i;
	}
	return -1;
}

static void log_port_bdf(char bdf[8], const struct pcihp_slot *s)
{
	struct pci_device port = { .bus = s->bus, .dev = s->dev, .fn = s->fn };

	dd_pci_bdf(bdf, &port);
}

static uint32_t children(int port, struct pci_device **out)
{
	struct pci_walk_result *w = &dd_pci.walk;
	uint32_t n = 0;

	for (uint16_t i = 0; i < w->ndev && n < PCIHP_MAX_DEVICES; i++)
		if (w->dev[i].parent == port && w->dev[i].header_type == 0)
			out[n++] = &w->dev[i];
	return n;
}

static void log_nofit(const struct pcihp_space *sp, struct pci_device *const *devs,
		      const struct pcihp_report *rep)
{
	size_t len;

	for (unsigned i = 0; i < rep->n; i++)
		if (rep->p[i].st != STATUS_OK)
			dd_emit(pcihp_format_nofit(sp, devs[rep->p[i].dev], &rep->p[i], dd_logbuf,
						   DD_LOG_BYTES, &len), &len);
}

/* BARs of the devices below the port into its windows; logs the
 * devices as placed (found and bar lines) and what did not fit. */
static enum status assign(struct dd_state *d, int port)
{
	static struct pcihp_space space;
	static struct pcihp_report rep;
	struct pci_device *devs[PCIHP_MAX_DEVICES];
	struct pci_access acc;
	uint32_t n = children(port, devs);
	enum status st;
	size_t len;

	dd_pci_access(&dd_pci.io, &acc);
	if (n == 0)
		return STATUS_NOT_FOUND;
	if ((st = pcihp_space_init(&space, &acc, &dd_pci.walk, (uint16_t)port)) ||
	    (st = pcihp_assign(&space, &acc, devs, n, &rep)))
		return st;
	for (uint32_t i = 0; i < n; i++)
		dd_emit(pci_format_device(devs[i], dd_logbuf, DD_LOG_BYTES, &len), &len);
	log_nofit(&space, devs, &rep);
	d->trigger = dd_bus_trigger(d, (uint16_t)(devs[0] - dd_pci.walk.dev));
	return STATUS_OK;
}

static void on_arrived(struct dd_state *d, const struct pcihp_slot *s)
{
	enum status st;
	int port;

	if ((st = rewalk(d)))
		goto fail;
	if ((port = port_index(s)) < 0) {
		st = STATUS_NOT_FOUND;
		goto fail;
	}
	if ((st = assign(d, port)))
		goto fail;
	refresh(d);   /* the BARs now have addresses */
	dd_map_pending(d);
	if ((st = dd_retune(d)))
		goto fail;
	return;
fail:
	kh_printf("devdisc: error step=arrival status=%s\n", status_name(st));
}

static void log_removed(const struct pci_device *dev, uint32_t frames, enum status st)
{
	struct kh_stats s = { 0 };
	char bdf[8];

	kh_stats(&s);
	dd_pci_bdf(bdf, dev);
	kh_printf("devdisc: removed dev=%s frames=%u status=%s pool=%u pool_free=%u"
		  " pool_used=%u\n", bdf, frames, status_name(st), s.pool_n, s.pool_free,
		  s.pool_used);
}

/* Every device below the port gives its mappings (and records) back. */
static void unmap_port(struct dd_state *d, const struct pcihp_slot *s)
{
	int port = port_index(s);

	for (uint16_t i = 0; port >= 0 && i < dd_pci.walk.ndev; i++) {
		uint32_t frames;
		enum status st;

		if (dd_pci.walk.dev[i].parent != port)
			continue;
		st = dd_unmap_device(d, i, &frames);
		log_removed(&dd_pci.walk.dev[i], frames, st);
	}
}

static void on_removing(struct dd_state *d, struct pcihp_slot *s)
{
	struct pci_access acc;
	enum status st;

	unmap_port(d, s);
	dd_pci_access(&dd_pci.io, &acc);
	st = pcihp_release(s, &acc);
	kh_printf("devdisc: hotplug slot=%u event=released status=%s\n", s->number,
		  status_name(st));
}

static void on_gone(struct dd_state *d, const struct pcihp_slot *s, const struct pcihp_event *ev)
{
	enum status st;

	if (ev->unmap)
		unmap_port(d, s);   /* surprise removal: still mapped */
	if ((st = rewalk(d)) || (st = dd_retune(d)))
		kh_printf("devdisc: error step=gone status=%s\n", status_name(st));
}

static void handle(struct dd_state *d, uint32_t k, const struct pcihp_event *ev, uint64_t now)
{
	struct pcihp_slot *s = &dd_pci.slot[k];
	uint64_t after = ev->kind == PCIHP_EV_ARRIVED ? now - present_ms[k]
						       : now - dd_pci.polled_ms[k];
	struct kh_stats st = { 0 };
	char bdf[8];

	if (ev->kind == PCIHP_EV_PRESENT)
		present_ms[k] = now;
	log_port_bdf(bdf, s);
	kh_stats(&st);
	kh_printf("devdisc: hotplug slot=%u event=%s port=%s bus=%u after_ms=%lu pool=%u"
		  " pool_free=%u\n", s->number, pcihp_event_name((enum pcihp_event_kind)ev->kind), bdf,
		  ev->bus, (unsigned long)after, st.pool_n, st.pool_free);
	if (ev->kind == PCIHP_EV_ARRIVED)
		on_arrived(d, s);
	else if (ev->kind == PCIHP_EV_REMOVING)
		on_removing(d, s);
	else if (ev->kind == PCIHP_EV_GONE)
		on_gone(d, s, ev);
}

static void poll_slots(struct dd_state *d)
{
	struct pci_access acc;
	uint64_t now = kh_clock_ms();

	dd_pci_access(&dd_pci.io, &acc);
	for (uint32_t k = 0; k < dd_pci.nslot; k++) {
		struct pcihp_event ev;

		if (pcihp_poll(&dd_pci.slot[k], &acc, now, &ev) == STATUS_OK &&
		    ev.kind != PCIHP_EV_NONE) {
			handle(d, k, &ev, now);
			now = kh_clock_ms();
		}
		dd_pci.polled_ms[k] = now;
	}
}

/* One more look at every slot just before the reset: a device_del that
 * came while the re-tune was decided or written is completed now
 * (unmapped, slot powered off, QEMU's DEVICE_DELETED).  Other events are
 * left to the next boot, which walks the machine again.  At boot, before
 * the watch, the slots are taken silently for this one look. */
void dd_bus_quiesce(struct dd_state *d)
{
	struct pci_access acc;
	uint64_t now = kh_clock_ms();

	if (!slots_ready)
		slots_scan();
	dd_pci_access(&dd_pci.io, &acc);
	for (uint32_t k = 0; k < dd_pci.nslot; k++) {
		struct pcihp_event ev;

		if (pcihp_poll(&dd_pci.slot[k], &acc, now, &ev) == STATUS_OK &&
		    ev.kind == PCIHP_EV_REMOVING)
			handle(d, k, &ev, now);
	}
}

void dd_bus_watch(struct dd_state *d)
{
	slots_init();
	for (;;) {
		kh_sleep_ms(POLL_MS);
		poll_slots(d);
	}
}
