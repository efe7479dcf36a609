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
 *             QEMU completes the removal (DEVICE_DELETED): dd_pci_slots.c,
 *             which also does it just before a re-tune reboot
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
#include "pcihp_bridge.h"
#include "kh_user.h"
#include "kh_objects.h"

#define POLL_MS 10u

static uint64_t present_ms[DD_PCI_SLOTS_MAX];
static bool shpc_stale;              /* the walk changed since the SHPC scan */

/* The watch's start: the slots, and the `limit` line if some are left
 * out. */
static void slots_init(const struct dd_state *d)
{
	uint32_t want = dd_pci_slots_scan();

	if (want > DD_PCI_SLOTS_MAX)
		dd_pci_limit("slots", DD_PCI_SLOTS_MAX, want);
	dd_pci_acpi_init();
	dd_pci_shpc_scan(d);
	for (uint32_t k = 0; k < dd_pci.nslot; k++) {
		const struct pcihp_slot *s = &dd_pci.slot[k];
		struct pci_device port = { .bus = s->bus, .dev = s->dev, .fn = s->fn };
		char bdf[8];

		dd_pci_bdf(bdf, &port);
		kh_printf("devdisc: hotplug slot=%u port=%s mode=%s\n", s->number, bdf,
			  dd_pci_acpi_mode());
	}
	kh_printf("devdisc: hotplug watching slots=%u poll_ms=10\n", dd_pci.nslot);
}

/* The region table again from the walk, keeping the mappings of
 * regions that are still there (same address and size). */
static void refresh(struct dd_state *d)
{
	uint32_t nold = d->nregion;
	const struct dd_region *old = dd_pci_collect(d);

	dd_regions_keep(d, old, nold);
}

/* A walk after a hot-plug event: silent (the caller logs what changed),
 * the mappings of devices still present kept. */
static enum status rewalk(struct dd_state *d)
{
	enum status st;

	if ((st = dd_pci_walk()))
		return st;
	refresh(d);
	shpc_stale = true;   /* scanned once the new devices are mapped */
	return STATUS_OK;
}

/* The functions right below `port` (devnum >= 0: only that device
 * number, one slot of a bridge's SHPC bus). */
static uint32_t children(int port, int devnum, struct pci_device **out)
{
	struct pci_walk_result *w = &dd_pci.walk;
	uint32_t n = 0;

	for (uint16_t i = 0; i < w->ndev && n < PCIHP_MAX_DEVICES; i++)
		if (w->dev[i].parent == port && w->dev[i].header_type <= 1 &&
		    (devnum < 0 || w->dev[i].dev == devnum))
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

/* A bridge among the new devices gets bus numbers and windows from what
 * the port has left (`bridge` line); the walk after the arrival then goes
 * below it. */
static void open_bridges(const struct pcihp_space *sp, const struct pci_access *acc, int port,
			 struct pci_device *const *devs, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		char bdf[8];
		enum status st;

		if (devs[i]->header_type != 1)
			continue;
		st = pcihp_bridge_open(sp, acc, &dd_pci.walk.dev[port], devs[i]);
		dd_pci_bdf(bdf, devs[i]);
		kh_printf("devdisc: bridge dev=%s secondary=%u subordinate=%u windows=%u status=%s\n",
			  bdf, devs[i]->secondary, devs[i]->subordinate, devs[i]->nwindows,
			  status_name(st));
	}
}

/* BARs of the devices below the port into its windows; logs the
 * devices as placed (found and bar lines) and what did not fit. */
/* The ranges already taken behind the port, in a table sized from what
 * the port's devices decode (dd_table.h).  The seed holds an assignment
 * and one range, so a second device behind a bridge already grows the
 * table: the growth path runs on ordinary machines. */
static enum status space_of(struct pcihp_space *sp, const struct pci_access *acc, int port)
{
	static struct pcihp_range seed[PCIHP_MAX_PLACEMENTS + 1];
	static struct dd_table ranges = DD_TABLE_SEED(seed);

	sp->used = ranges.base;
	sp->used_cap = ranges.cap;
	enum status st = pcihp_space_init(sp, acc, &dd_pci.walk, (uint16_t)port);
	if (st != STATUS_NO_MEMORY || !sp->wanted)
		return st;
	if (!dd_table_grow("port-ranges", &ranges, sp->wanted, sp->wanted)) {
		dd_pci_limit("port-ranges", ranges.cap, sp->wanted);
		return st;
	}
	sp->used = ranges.base;
	sp->used_cap = ranges.cap;
	return pcihp_space_init(sp, acc, &dd_pci.walk, (uint16_t)port);
}

static enum status assign(struct dd_state *d, int port, int devnum)
{
	static struct pcihp_space space;
	static struct pcihp_report rep;
	struct pci_device *devs[PCIHP_MAX_DEVICES];
	struct pci_access acc;
	uint32_t n = children(port, devnum, devs);
	enum status st;
	size_t len;

	dd_pci_access(&dd_pci.io, &acc);
	if (n == 0)
		return STATUS_NOT_FOUND;
	if ((st = space_of(&space, &acc, port)) ||
	    (st = pcihp_assign(&space, &acc, devs, n, &rep)))
		return st;
	open_bridges(&space, &acc, port, devs, n);
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
	if ((port = dd_pci_port_index(s)) < 0) {
		st = STATUS_NOT_FOUND;
		goto fail;
	}
	if ((st = assign(d, port, -1)))
		goto fail;
	/* The BARs now have addresses, a new bridge its buses: walk again. */
	if ((st = rewalk(d)))
		goto fail;
	dd_map_pending(d);
	if ((st = dd_retune(d)))
		goto fail;
	return;
fail:
	kh_printf("devdisc: error step=arrival status=%s\n", status_name(st));
}

static void on_gone(struct dd_state *d, const struct pcihp_slot *s, const struct pcihp_event *ev)
{
	enum status st;

	if (ev->unmap)
		dd_pci_unmap_port(d, s);   /* surprise removal: still mapped */
	if ((st = rewalk(d)) || (st = dd_retune(d)))
		kh_printf("devdisc: error step=gone status=%s\n", status_name(st));
}

static void handle(struct dd_state *d, uint32_t k, const struct pcihp_event *ev, uint64_t now)
{
	struct pcihp_slot *s = &dd_pci.slot[k];

	if (ev->kind == PCIHP_EV_PRESENT)
		present_ms[k] = now;
	shpc_stale = true;   /* a bridge may come or go with the slot */
	dd_pci_log_event(k, ev, ev->kind == PCIHP_EV_ARRIVED ? now - present_ms[k]
							   : now - dd_pci.polled_ms[k]);
	if (ev->kind == PCIHP_EV_ARRIVED)
		on_arrived(d, s);
	else if (ev->kind == PCIHP_EV_REMOVING)
		dd_pci_remove(d, s);
	else if (ev->kind == PCIHP_EV_GONE)
		on_gone(d, s, ev);
}

/* ---- behind a bridge's SHPC controller -------------------------------- */

static void shpc_log(const struct dd_shpc_event *ev, uint64_t after)
{
	struct pci_device br = { .bus = ev->bus, .dev = ev->dev, .fn = ev->fn };

	dd_pci_log_hotplug(&br, ev->slot, ev->kind, ev->secondary, after);
}

static enum status shpc_arrived(struct dd_state *d, const struct dd_shpc_event *ev)
{
	enum status st;
	int br;

	if ((st = rewalk(d)))
		return st;
	if ((br = dd_pci_walk_index(ev->bus, ev->dev, ev->fn)) < 0)
		return STATUS_NOT_FOUND;
	if ((st = assign(d, br, ev->slot)) || (st = rewalk(d)))
		return st;
	dd_map_pending(d);
	return dd_retune(d);
}

static void shpc_removing(struct dd_state *d, const struct dd_shpc_event *ev)
{
	int top = dd_pci_walk_index(ev->secondary, ev->slot, 0);
	enum status st;

	if (top >= 0)
		dd_pci_unmap_subtree(d, (uint16_t)top);
	st = dd_pci_shpc_release(ev);
	kh_printf("devdisc: hotplug slot=%u event=released status=%s\n", ev->slot,
		  status_name(st));
}

static void poll_shpc(struct dd_state *d, uint64_t since)
{
	struct dd_shpc_event evs[8];
	enum status st = STATUS_OK;
	uint32_t n;

	if (shpc_stale)
		dd_pci_shpc_scan(d);
	shpc_stale = false;
	n = dd_pci_shpc_poll(evs, 8);

	shpc_stale = n > 0;
	for (uint32_t i = 0; i < n; i++) {
		shpc_log(&evs[i], kh_clock_ms() - since);
		if (evs[i].kind == PCIHP_EV_ARRIVED)
			st = shpc_arrived(d, &evs[i]);
		else if (evs[i].kind == PCIHP_EV_REMOVING)
			shpc_removing(d, &evs[i]);
		else if ((st = rewalk(d)) == STATUS_OK)
			st = dd_retune(d);
		if (st)
			kh_printf("devdisc: error step=shpc status=%s\n", status_name(st));
	}
}

/* ACPI mode: the register file's events, handled in slot order. */
static void poll_acpi(struct dd_state *d)
{
	uint32_t slots[8];
	struct pcihp_event evs[8];
	uint64_t now = kh_clock_ms();
	uint32_t n = dd_pci_acpi_poll(slots, evs, 8);

	for (uint32_t i = 0; i < n; i++) {
		handle(d, slots[i], &evs[i], now);
		now = kh_clock_ms();
	}
	for (uint32_t k = 0; k < dd_pci.nslot; k++)
		dd_pci.polled_ms[k] = now;
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

void dd_bus_watch(struct dd_state *d)
{
	slots_init(d);
	for (;;) {
		uint64_t since = kh_clock_ms();

		kh_sleep_ms(POLL_MS);
		if (dd_pci.acpi)
			poll_acpi(d);
		else
			poll_slots(d);
		poll_shpc(d, since);
	}
}
