/*
 * dd_pci_shpc.c - the Standard Hot-Plug Controller of a conventional-PCI
 * bridge (QEMU's pcie-pci-bridge, pci-bridge): how devices hot-plugged
 * *behind* such a bridge come and go.
 *
 * Facts from the SHPC 1.0 register set as QEMU models it (hw/pci/shpc.c):
 * the registers sit in the bridge's BAR 0 at the offset its register 0
 * gives (read through the capability 0x0c's dword select, cap + 2, and
 * data, cap + 4); devdisc reads and writes them through its own mapping
 * of that BAR (QEMU 7.2 does not carry a write through the capability's
 * data dword to the register).  Slot i (device i + 1 on the secondary bus) has its register at
 * 0x24 + 4 i: state in bits 1:0 (2 enabled, 3 disabled), power LED 3:2
 * (1 on, 3 off), presence in 11:10 (3 empty), then the event latch byte
 * (write one to clear; 0x01 presence, 0x04 attention button) and the
 * event mask byte.  0x18 is the interrupt locator: bit i + 1 when slot i
 * has an unmasked event.  A write of the command dword 0x14 (code, target
 * slot i + 1) runs a slot command: enable with the power LED on, or
 * disable with it off, upon which QEMU removes a device whose removal was
 * asked (DEVICE_DELETED).
 *
 * devdisc unmasks every slot's events, polls the locator once per bridge,
 * and turns slot events into the watch's events (dd_pci.h).
 */
#include "dd_pci.h"
#include "dd_bus.h"
#include "dd_pci_cfg.h"

#define CAP_ID_SHPC     0x0cu
#define REG_NSLOTS      0x0cu     /* byte 0 */
#define REG_COMMAND     0x14u     /* code, target */
#define REG_LOCATOR     0x18u
#define REG_SLOT(i)     (0x24u + 4u * (i))
#define SLOT_STATE      0x3u
#define STATE_ENABLED   0x2u
#define PRESENCE_EMPTY  0x3u
#define LATCH_BUTTON    0x04u
#define CMD_ENABLE_ON   0x06u     /* state enabled, power LED on */
#define CMD_DISABLE_OFF 0x0fu     /* state disabled, power LED off */
#define MAX_SLOTS       31u

struct shpc {
	volatile uint32_t *mmio;      /* the register set, in devdisc's map */
	uint8_t bus, dev, fn, cap, secondary, nslots;
	bool seen;
};

static struct shpc ctl[DD_PCI_SHPC_MAX];
static uint32_t nctl;

static void shpc_cfg(struct pci_access *acc)
{
	dd_pci_access(&dd_pci.io, acc);
}

/* Register 0 (the set's offset in BAR 0) through the capability. */
static uint32_t base_offset(const struct pci_device *d, uint8_t cap)
{
	struct pci_access acc;

	shpc_cfg(&acc);
	acc.write32(acc.ctx, d->bus, d->dev, d->fn, cap, 0);
	return acc.read32(acc.ctx, d->bus, d->dev, d->fn, (uint16_t)(cap + 4u));
}

static uint32_t reg_rd(const struct shpc *c, uint32_t reg)
{
	return c->mmio[reg / 4u];
}

static void reg_wr(const struct shpc *c, uint32_t reg, uint32_t v)
{
	c->mmio[reg / 4u] = v;
}

/* Where devdisc mapped BAR 0 of walk entry i, plus `off`; NULL when it is
 * not mapped (or the set would not lie in its page). */
static volatile uint32_t *bar0_map(const struct dd_state *d, uint16_t i, uint32_t off)
{
	const struct pci_device *dev = &dd_pci.walk.dev[i];

	for (uint32_t r = 0; r < d->nregion; r++) {
		const struct dd_region *g = &d->region[r];
		uint64_t in = (dev->bar[0].addr & 0xfffu) + off;

		if (g->dev == i && g->index == 0 && g->mapped && dev->nbars && in < 4096u - 0x24u)
			return (volatile uint32_t *)(uintptr_t)(g->va + in);
	}
	return NULL;
}

/* The SHPC capability's offset, 0 if none (a bounded walk of the list). */
static uint8_t find_cap(const struct pci_device *d)
{
	struct pci_access acc;
	uint32_t ptr;

	shpc_cfg(&acc);
	if (!((acc.read32(acc.ctx, d->bus, d->dev, d->fn, 0x04) >> 16) & 0x10u))
		return 0;
	ptr = acc.read32(acc.ctx, d->bus, d->dev, d->fn, 0x34) & 0xfcu;
	for (unsigned n = 0; n < 48 && ptr >= 0x40; n++) {
		uint32_t hdr = acc.read32(acc.ctx, d->bus, d->dev, d->fn, (uint16_t)ptr);

		if ((hdr & 0xffu) == CAP_ID_SHPC)
			return (uint8_t)ptr;
		ptr = (hdr >> 8) & 0xfcu;
	}
	return 0;
}

static struct shpc *known(const struct pci_device *d)
{
	for (uint32_t j = 0; j < nctl; j++)
		if (ctl[j].bus == d->bus && ctl[j].dev == d->dev && ctl[j].fn == d->fn)
			return &ctl[j];
	return NULL;
}

/* A new controller: its events unmasked (mask byte 0, latch untouched). */
static void add(const struct pci_device *d, uint8_t cap, volatile uint32_t *mmio)
{
	struct shpc *c = &ctl[nctl++];
	uint32_t n;

	*c = (struct shpc){ .mmio = mmio, .bus = d->bus, .dev = d->dev, .fn = d->fn, .cap = cap,
			    .secondary = d->secondary, .seen = true };
	n = reg_rd(c, REG_NSLOTS) & 0xffu;
	c->nslots = (uint8_t)(n < MAX_SLOTS ? n : MAX_SLOTS);
	for (uint32_t i = 0; i < c->nslots; i++)
		reg_wr(c, REG_SLOT(i), reg_rd(c, REG_SLOT(i)) & 0xffffu);
}

bool dd_bus_touches(const struct dd_state *d, const struct dd_region *r)
{
	const struct pci_device *dev = &dd_pci.walk.dev[r->dev];

	(void)d;
	return r->index == 0 && dev->header_type == 1 && find_cap(dev) != 0;
}

/* A controller is driven only while devdisc maps its BAR 0. */
void dd_pci_shpc_scan(const struct dd_state *d)
{
	const struct pci_walk_result *w = &dd_pci.walk;
	uint32_t keep = 0;

	for (uint32_t j = 0; j < nctl; j++)
		ctl[j].seen = false;
	for (uint16_t i = 0; i < w->ndev; i++) {
		const struct pci_device *dev = &w->dev[i];
		volatile uint32_t *mmio;
		struct shpc *c = known(dev);
		uint8_t cap = c ? c->cap : find_cap(dev);

		if (dev->header_type != 1 || dev->secondary <= dev->bus || !cap ||
		    !(mmio = bar0_map(d, i, base_offset(dev, cap))))
			continue;
		if (c) {
			c->seen = true;
			c->mmio = mmio;
			c->secondary = dev->secondary;
		} else if (nctl < DD_PCI_SHPC_MAX) {
			add(dev, cap, mmio);
		}
	}
	for (uint32_t j = 0; j < nctl; j++)
		if (ctl[j].seen)
			ctl[keep++] = ctl[j];
	nctl = keep;
}

/* One slot's event: latch cleared; an occupied slot not yet enabled is
 * enabled (arrival), an enabled one whose button was pressed is a removal
 * request. */
static bool slot_event(const struct shpc *c, uint32_t i, struct dd_shpc_event *ev)
{
	uint32_t v = reg_rd(c, REG_SLOT(i));
	uint32_t latch = (v >> 16) & 0x1fu;
	bool present = ((v >> 10) & 3u) != PRESENCE_EMPTY;

	reg_wr(c, REG_SLOT(i), v & 0xff1fffffu);   /* clears the latch bits read */
	*ev = (struct dd_shpc_event){ .bus = c->bus, .dev = c->dev, .fn = c->fn,
				      .secondary = c->secondary, .slot = (uint8_t)(i + 1) };
	if (present && (v & SLOT_STATE) != STATE_ENABLED) {
		reg_wr(c, REG_COMMAND, CMD_ENABLE_ON | (i + 1u) << 8);
		ev->kind = PCIHP_EV_ARRIVED;
		return true;
	}
	if (present && (latch & LATCH_BUTTON)) {
		ev->kind = PCIHP_EV_REMOVING;
		return true;
	}
	if (!present && (latch & ~LATCH_BUTTON)) {
		ev->kind = PCIHP_EV_GONE;
		return true;
	}
	return false;
}

uint32_t dd_pci_shpc_poll(struct dd_shpc_event *evs, uint32_t cap)
{
	uint32_t n = 0;

	for (uint32_t j = 0; j < nctl; j++) {
		uint32_t loc = reg_rd(&ctl[j], REG_LOCATOR);

		for (uint32_t i = 0; i < ctl[j].nslots && n < cap; i++)
			if ((loc >> (i + 1)) & 1u && slot_event(&ctl[j], i, &evs[n]))
				n++;
	}
	return n;
}

enum status dd_pci_shpc_release(const struct dd_shpc_event *ev)
{
	for (uint32_t j = 0; j < nctl; j++)
		if (ctl[j].bus == ev->bus && ctl[j].dev == ev->dev && ctl[j].fn == ev->fn) {
			reg_wr(&ctl[j], REG_COMMAND, CMD_DISABLE_OFF | (uint32_t)ev->slot << 8);
			return STATUS_OK;
		}
	return STATUS_NOT_FOUND;
}
