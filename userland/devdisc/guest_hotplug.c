/*
 * guest_hotplug.c - the PCIe native hot-plug watch (as Linux's pciehp
 * does it): every hot-plug-capable root-port slot goes through the
 * hotplug.h state machine, polled from devdisc's 10 ms loop.
 *
 *   ARRIVED   walk again, place the new device's BARs in the port's
 *             windows (bar_assign: firmware assigns nothing to a
 *             hot-plugged device), map them, then the retune policy
 *   REMOVING  (attention button, QEMU's device_del) unmap, records back
 *             to the pool (`removed`), then power the slot off so that
 *             QEMU completes the removal (DEVICE_DELETED)
 *   GONE      walk again, then the policy (a lazy shrink, say)
 *
 * Log: `devdisc: hotplug slot=<n> event=<e> port=<bdf> bus=<b>
 * after_ms=<ms> pool=<N> pool_free=<n>`, after_ms being the guest time
 * since PRESENT for ARRIVED (power, link, settle), else since the
 * previous poll: the bound on how late the slot event was noticed.
 */
#include "guest.h"
#include "devdisc.h"
#include "bar_assign.h"
#include "kh_user.h"
#include "kh_objects.h"

static uint64_t present_ms[DEVDISC_SLOTS_MAX];

void dd_slots_init(struct devdisc *d)
{
	struct pci_access acc;

	dd_pci_access(d, &acc);
	d->nslot = 0;
	for (uint16_t i = 0; i < d->walk.ndev && d->nslot < DEVDISC_SLOTS_MAX; i++) {
		const struct pci_device *port = &d->walk.dev[i];

		if (!port->slot.hotplug)
			continue;
		if (hp_slot_init(&d->slot[d->nslot], &acc, port) == STATUS_OK)
			d->nslot++;
	}
	d->last_poll_ms = kh_clock_ms();
	kh_printf("devdisc: hotplug watching slots=%u poll_ms=10\n", d->nslot);
}

/* The port's index in the current walk, or -1. */
static int port_index(const struct devdisc *d, const struct hp_slot *s)
{
	for (uint16_t i = 0; i < d->walk.ndev; i++) {
		const struct pci_device *p = &d->walk.dev[i];

		if (p->bus == s->bus && p->dev == s->dev && p->fn == s->fn)
			return i;
	}
	return -1;
}

static void log_port_bdf(char bdf[8], const struct hp_slot *s)
{
	struct pci_device port = { .bus = s->bus, .dev = s->dev, .fn = s->fn };

	dd_log_bdf(bdf, &port);
}

static uint32_t children(struct devdisc *d, int port, struct pci_device **out)
{
	uint32_t n = 0;

	for (uint16_t i = 0; i < d->walk.ndev && n < BAR_MAX_DEVICES; i++)
		if (d->walk.dev[i].parent == port && d->walk.dev[i].header_type == 0)
			out[n++] = &d->walk.dev[i];
	return n;
}

static void log_nofit(const struct bar_space *sp, struct pci_device *const *devs,
		      const struct bar_report *rep)
{
	size_t len;

	for (unsigned i = 0; i < rep->n; i++)
		if (rep->p[i].st != STATUS_OK)
			dd_emit(bar_format_nofit(sp, devs[rep->p[i].dev], &rep->p[i], dd_logbuf,
						 DEVDISC_LOG_BYTES, &len), &len);
}

/* BARs of the devices below the port into its windows; logs the
 * devices as placed (found and bar lines) and what did not fit. */
static enum status assign(struct devdisc *d, int port)
{
	static struct bar_space space;
	static struct bar_report rep;
	struct pci_device *devs[BAR_MAX_DEVICES];
	struct pci_access acc;
	uint32_t n = children(d, port, devs);
	enum status st;
	size_t len;

	dd_pci_access(d, &acc);
	if (n == 0)
		return STATUS_NOT_FOUND;
	if ((st = bar_space_init(&space, &acc, &d->walk, (uint16_t)port)) ||
	    (st = bar_assign(&space, &acc, devs, n, &rep)))
		return st;
	for (uint32_t i = 0; i < n; i++)
		dd_emit(devdisc_format_device(devs[i], dd_logbuf, DEVDISC_LOG_BYTES, &len), &len);
	log_nofit(&space, devs, &rep);
	d->trigger = (uint32_t)devs[0]->bus << 8 | (uint32_t)devs[0]->dev << 3 | devs[0]->fn;
	return STATUS_OK;
}

static void on_arrived(struct devdisc *d, const struct hp_slot *s)
{
	enum status st;
	int port;

	if ((st = dd_rewalk(d)))
		goto fail;
	if ((port = port_index(d, s)) < 0) {
		st = STATUS_NOT_FOUND;
		goto fail;
	}
	if ((st = assign(d, port)))
		goto fail;
	dd_regions_refresh(d);   /* the BARs now have addresses */
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
	dd_log_bdf(bdf, dev);
	kh_printf("devdisc: removed dev=%s frames=%u status=%s pool=%u pool_free=%u"
		  " pool_used=%u\n", bdf, frames, status_name(st), s.pool_n, s.pool_free,
		  s.pool_used);
}

/* Every device below the port gives its mappings (and records) back. */
static void unmap_port(struct devdisc *d, const struct hp_slot *s)
{
	int port = port_index(d, s);

	for (uint16_t i = 0; port >= 0 && i < d->walk.ndev; i++) {
		uint32_t frames;
		enum status st;

		if (d->walk.dev[i].parent != port)
			continue;
		st = dd_unmap_device(d, i, &frames);
		log_removed(&d->walk.dev[i], frames, st);
	}
}

static void on_removing(struct devdisc *d, struct hp_slot *s)
{
	struct pci_access acc;
	enum status st;

	unmap_port(d, s);
	dd_pci_access(d, &acc);
	st = hp_release(s, &acc);
	kh_printf("devdisc: hotplug slot=%u event=released status=%s\n", s->number,
		  status_name(st));
}

static void on_gone(struct devdisc *d, const struct hp_slot *s, const struct hp_event *ev)
{
	enum status st;

	if (ev->unmap)
		unmap_port(d, s);   /* surprise removal: still mapped */
	if ((st = dd_rewalk(d)) || (st = dd_retune(d)))
		kh_printf("devdisc: error step=gone status=%s\n", status_name(st));
}

static void handle(struct devdisc *d, uint32_t k, const struct hp_event *ev, uint64_t now)
{
	struct hp_slot *s = &d->slot[k];
	uint64_t after = ev->kind == HP_EV_ARRIVED ? now - present_ms[k] : now - d->last_poll_ms;
	struct kh_stats st = { 0 };
	char bdf[8];

	if (ev->kind == HP_EV_PRESENT)
		present_ms[k] = now;
	log_port_bdf(bdf, s);
	kh_stats(&st);
	kh_printf("devdisc: hotplug slot=%u event=%s port=%s bus=%u after_ms=%lu pool=%u"
		  " pool_free=%u\n", s->number, hp_event_name((enum hp_event_kind)ev->kind), bdf,
		  ev->bus, (unsigned long)after, st.pool_n, st.pool_free);
	if (ev->kind == HP_EV_ARRIVED)
		on_arrived(d, s);
	else if (ev->kind == HP_EV_REMOVING)
		on_removing(d, s);
	else if (ev->kind == HP_EV_GONE)
		on_gone(d, s, ev);
}

void dd_hotplug_poll(struct devdisc *d)
{
	struct pci_access acc;
	uint64_t now = kh_clock_ms();

	dd_pci_access(d, &acc);
	for (uint32_t k = 0; k < d->nslot; k++) {
		struct hp_event ev;

		if (hp_poll(&d->slot[k], &acc, now, &ev) == STATUS_OK && ev.kind != HP_EV_NONE)
			handle(d, k, &ev, now);
	}
	d->last_poll_ms = now;
}
