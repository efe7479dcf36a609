/*
 * dd_pci_acpi.c - QEMU's ACPI PCI hot-plug register interface, the other
 * hot-plug mechanism of a q35 machine (what QEMU uses unless
 * `-global ICH9-LPC.acpi-pci-hotplug-with-bridge-support=off`).
 *
 * Facts from QEMU's docs/specs/acpi_pci_hotplug.rst and its ICH9 LPC: a
 * block of 32-bit registers in I/O space at 0xcc0 (q35), selected per
 * hot-plug bus by a bus-select register: +0x00 up (slots with a device
 * added), +0x04 down (slots whose removal was requested), +0x08 eject
 * (write a slot bit: QEMU removes the device and sends DEVICE_DELETED),
 * +0x10 bus select.  Buses are numbered by QEMU (its ACPI tables carry
 * the numbers); devdisc does not read ACPI tables, so it learns a port's
 * number from the `up` bit of the device it sees arrive, and for a device
 * that was there at boot takes the one port the request can mean.  A
 * device added this way is powered and visible in config space at once:
 * arrival is a device answering behind the port.
 *
 * In this mode the native slot registers do not change, so the watch
 * asks this file for events instead of pcihp_poll (dd_pci_watch.c).
 */
#include "dd_pci.h"
#include "dd_pci_cfg.h"
#include "kh_objects.h"

#define ACPIHP_BASE   0xcc0u
#define ACPIHP_UP     (ACPIHP_BASE + 0x00u)
#define ACPIHP_DOWN   (ACPIHP_BASE + 0x04u)
#define ACPIHP_EJECT  (ACPIHP_BASE + 0x08u)
#define ACPIHP_SEL    (ACPIHP_BASE + 0x10u)
#define BSEL_UNKNOWN  0xffffu
#define BSEL_MAX      256u

static uint16_t bsel[DD_PCI_SLOTS_MAX];      /* QEMU's bus number of each port */
static bool occupied[DD_PCI_SLOTS_MAX];
static bool remove_asked[DD_PCI_SLOTS_MAX];
static bool removing[DD_PCI_SLOTS_MAX];     /* REMOVING given, GONE to come */
static uint32_t nbsel;                       /* bus numbers to look at */

static uint32_t rd(uint16_t port)
{
	uint32_t v = 0;

	if (kh_io_in(dd_pci.io, port, 4, &v))
		return 0;
	return v;
}

static void wr(uint16_t port, uint32_t v)
{
	kh_io_out(dd_pci.io, port, 4, v);
}

/* The bus-select register keeps what is written only while ACPI bridge
 * hot-plug is on (else it reads back 0); without the grant for the block
 * nothing reads back at all. */
static bool detect(void)
{
	uint32_t v;

	if (kh_io_out(dd_pci.io, ACPIHP_SEL, 4, 1) || kh_io_in(dd_pci.io, ACPIHP_SEL, 4, &v))
		return false;
	wr(ACPIHP_SEL, 0);
	return v == 1;
}

static bool device_behind(const struct pcihp_slot *s)
{
	struct pci_access acc;
	uint32_t id;

	dd_pci_access(&dd_pci.io, &acc);
	id = acc.read32(acc.ctx, s->secondary, 0, 0, 0);
	return id != 0xffffffffu && (id & 0xffffu) != 0xffffu;
}

bool dd_pci_acpi_init(void)
{
	uint32_t bridges = 0;

	dd_pci.acpi = detect();
	if (!dd_pci.acpi)
		return false;
	for (uint16_t i = 0; i < dd_pci.walk.ndev; i++)
		bridges += dd_pci.walk.dev[i].header_type != 0;
	nbsel = bridges < BSEL_MAX ? bridges : BSEL_MAX;
	for (uint32_t k = 0; k < dd_pci.nslot; k++) {
		bsel[k] = BSEL_UNKNOWN;
		occupied[k] = device_behind(&dd_pci.slot[k]);
		remove_asked[k] = removing[k] = false;
	}
	return true;
}

/* The port a bit of bus number b means: the one known to have b, else
 * the only port not yet known whose device state fits (`want_device`:
 * a removal needs a device there, an arrival one that just came). */
static int port_of(uint32_t b, bool want_device)
{
	int found = -1;

	for (uint32_t k = 0; k < dd_pci.nslot; k++)
		if (bsel[k] == b)
			return (int)k;
	for (uint32_t k = 0; k < dd_pci.nslot; k++) {
		if (bsel[k] != BSEL_UNKNOWN || occupied[k] != want_device)
			continue;
		if (want_device || device_behind(&dd_pci.slot[k])) {
			if (found >= 0)
				return -1;   /* ambiguous: learnt later */
			found = (int)k;
		}
	}
	return found;
}

/* Root and downstream ports have one slot (device 0) behind them: only
 * bit 0 of a port's bus can be one of ours. */
static void read_bits(void)
{
	for (uint32_t b = 0; b < nbsel; b++) {
		uint32_t up, down;
		int k;

		wr(ACPIHP_SEL, b);
		up = rd(ACPIHP_UP);        /* reading clears it */
		down = rd(ACPIHP_DOWN);
		if ((up & 1) && (k = port_of(b, false)) >= 0)
			bsel[k] = (uint16_t)b;
		if ((down & 1) && (k = port_of(b, true)) >= 0) {
			bsel[k] = (uint16_t)b;
			remove_asked[k] = true;
		}
	}
}

uint32_t dd_pci_acpi_poll(uint32_t *slots, struct pcihp_event *evs, uint32_t cap)
{
	uint32_t n = 0;

	read_bits();
	for (uint32_t k = 0; k < dd_pci.nslot && n + 2 <= cap; k++) {
		const struct pcihp_slot *s = &dd_pci.slot[k];
		bool here = device_behind(s);
		struct pcihp_event ev = { .bus = s->secondary, .slot = s->number };

		if (!occupied[k] && here) {
			occupied[k] = true;
			ev.kind = PCIHP_EV_PRESENT;
			slots[n] = k, evs[n++] = ev;
			ev.kind = PCIHP_EV_ARRIVED;
		} else if (occupied[k] && !here) {
			ev.kind = PCIHP_EV_GONE;
			ev.unmap = !removing[k];   /* gone without a request: still mapped */
			occupied[k] = remove_asked[k] = removing[k] = false;
		} else if (occupied[k] && remove_asked[k]) {
			remove_asked[k] = false;
			removing[k] = true;
			ev.kind = PCIHP_EV_REMOVING;
		} else {
			continue;
		}
		slots[n] = k, evs[n++] = ev;
	}
	return n;
}

enum status dd_pci_acpi_eject(uint32_t k)
{
	if (k >= dd_pci.nslot || bsel[k] == BSEL_UNKNOWN)
		return STATUS_NOT_FOUND;
	wr(ACPIHP_SEL, bsel[k]);
	wr(ACPIHP_EJECT, 1u);
	return STATUS_OK;
}

const char *dd_pci_acpi_mode(void)
{
	return dd_pci.acpi ? "acpi" : "native";
}
