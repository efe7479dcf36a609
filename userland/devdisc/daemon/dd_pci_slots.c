/*
 * dd_pci_slots.c - the PCI backend's hot-plug slots apart from the watch
 * loop (dd_pci_watch.c): the slot table taken from the walk, the event
 * line, and removal (unmap, records back, slot powered off).  Kept out of
 * the watch so that the policy may complete removals before a re-tune
 * reboot (dd_bus_quiesce) without calling back into the watch, which
 * calls the policy.
 */
#include "dd_bus.h"
#include "dd_map.h"
#include "dd_pci.h"
#include "dd_pci_cfg.h"
#include "kh_user.h"
#include "kh_objects.h"

static bool slots_ready;

uint32_t dd_pci_slots_scan(void)
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

int dd_pci_walk_index(uint8_t bus, uint8_t dev, uint8_t fn)
{
	for (uint16_t i = 0; i < dd_pci.walk.ndev; i++) {
		const struct pci_device *p = &dd_pci.walk.dev[i];

		if (p->bus == bus && p->dev == dev && p->fn == fn)
			return i;
	}
	return -1;
}

int dd_pci_port_index(const struct pcihp_slot *s)
{
	return dd_pci_walk_index(s->bus, s->dev, s->fn);
}

void dd_pci_log_hotplug(const struct pci_device *port, uint32_t number, uint8_t kind,
			uint8_t bus, uint64_t after)
{
	struct kh_stats st = { 0 };
	char bdf[8];

	dd_pci_bdf(bdf, port);
	kh_stats(&st);
	kh_printf("devdisc: hotplug slot=%u event=%s port=%s bus=%u after_ms=%lu pool=%u"
		  " pool_free=%u\n", number, pcihp_event_name((enum pcihp_event_kind)kind), bdf,
		  bus, (unsigned long)after, st.pool_n, st.pool_free);
}

void dd_pci_log_event(uint32_t k, const struct pcihp_event *ev, uint64_t after)
{
	const struct pcihp_slot *s = &dd_pci.slot[k];
	struct pci_device port = { .bus = s->bus, .dev = s->dev, .fn = s->fn };

	dd_pci_log_hotplug(&port, s->number, ev->kind, ev->bus, after);
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

/* Is table entry i somewhere below entry `port` (behind a bridge that
 * came with the device, say)?  Parents precede children in the table. */
static bool below(uint16_t i, int port)
{
	for (unsigned steps = 0; steps < dd_pci.walk.ndev; steps++) {
		uint16_t p = dd_pci.walk.dev[i].parent;

		if (p == PCI_NO_PARENT || p >= dd_pci.walk.ndev)
			return false;
		if (p == port)
			return true;
		i = p;
	}
	return false;
}

void dd_pci_unmap_subtree(struct dd_state *d, uint16_t top)
{
	for (uint16_t i = dd_pci.walk.ndev; i-- > 0;) {
		uint32_t frames;
		enum status st;

		if (i != top && !below(i, top))
			continue;
		dd_pci_drivers_revoke(d, i);
		st = dd_unmap_device(d, i, &frames);
		log_removed(&dd_pci.walk.dev[i], frames, st);
	}
}

/* Deepest first (the table is in pre-order: reverse it), so a bridge's
 * devices go before the bridge. */
void dd_pci_unmap_port(struct dd_state *d, const struct pcihp_slot *s)
{
	int port = dd_pci_port_index(s);

	for (uint16_t i = dd_pci.walk.ndev; port >= 0 && i-- > 0;) {
		uint32_t frames;
		enum status st;

		if (!below(i, port))
			continue;
		dd_pci_drivers_revoke(d, i);
		st = dd_unmap_device(d, i, &frames);
		log_removed(&dd_pci.walk.dev[i], frames, st);
	}
}

void dd_pci_remove(struct dd_state *d, struct pcihp_slot *s)
{
	struct pci_access acc;
	enum status st;

	dd_pci_unmap_port(d, s);
	dd_pci_access(&dd_pci.io, &acc);
	st = dd_pci.acpi ? dd_pci_acpi_eject((uint32_t)(s - dd_pci.slot)) : pcihp_release(s, &acc);
	kh_printf("devdisc: hotplug slot=%u event=released status=%s\n", s->number,
		  status_name(st));
}

/* ACPI mode: the requests among this poll's events (QEMU also ejects
 * pending ones at reset, but then devdisc would not have unmapped). */
static void quiesce_acpi(struct dd_state *d, uint64_t now)
{
	uint32_t slots[8];
	struct pcihp_event evs[8];
	uint32_t n = dd_pci_acpi_poll(slots, evs, 8);

	for (uint32_t i = 0; i < n; i++) {
		if (evs[i].kind != PCIHP_EV_REMOVING)
			continue;
		dd_pci_log_event(slots[i], &evs[i], now - dd_pci.polled_ms[slots[i]]);
		dd_pci_remove(d, &dd_pci.slot[slots[i]]);
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

	if (!slots_ready) {
		dd_pci_slots_scan();
		dd_pci_acpi_init();
	}
	if (dd_pci.acpi) {
		quiesce_acpi(d, now);
		return;
	}
	dd_pci_access(&dd_pci.io, &acc);
	for (uint32_t k = 0; k < dd_pci.nslot; k++) {
		struct pcihp_event ev;

		if (pcihp_poll(&dd_pci.slot[k], &acc, now, &ev) != STATUS_OK ||
		    ev.kind != PCIHP_EV_REMOVING)
			continue;
		dd_pci_log_event(k, &ev, now - dd_pci.polled_ms[k]);
		dd_pci_remove(d, &dd_pci.slot[k]);
	}
}
