/*
 * pci_caps.c - the capability list (for the PCIe capability and its slot
 * registers) and the forwarding windows of PCI-to-PCI and CardBus bridges.
 *
 * A capability list lives in the device-specific part of config space
 * (0x40..0xff): a pointer below 0x40 is bogus, and a pointer seen twice is
 * a loop.  With one bit per dword there are at most 48 steps.
 */
#include "pci_cfg.h"

#define CAP_FIRST           0x40u
#define CAP_ID_PCIE         0x10u
#define PCIE_FLAGS_SLOT     0x0100u   /* PCIe flags: slot implemented */
#define PCIE_SLOT_CAP       0x14u     /* offset inside the capability */
#define SLTCAP_ATTN_BUTTON  0x0001u
#define SLTCAP_POWER_CTL    0x0002u
#define SLTCAP_HOTPLUG      0x0040u
#define SLTCAP_NUMBER_SHIFT 19

/* Bridge window registers (PCI-to-PCI Bridge 1.2 ch. 3.2.5; CardBus). */
#define P2P_MEM_WINDOW      0x20
#define P2P_PREF_WINDOW     0x24
#define P2P_PREF_BASE_HI    0x28
#define P2P_PREF_LIMIT_HI   0x2c
#define CB_MEM_BASE0        0x1c
#define CB_BRIDGE_CONTROL   0x3c      /* bits 8/9 of the high half: pref */

static void read_pcie_cap(struct pci_walker *w, struct pci_device *d,
			  uint8_t at, uint32_t header)
{
	struct pci_slot *s = &d->slot;
	uint16_t flags = (uint16_t)(header >> 16);

	s->pcie = true;
	s->cap_offset = at;
	s->port_type = (flags >> 4) & 0xf;
	/* The slot register must lie inside config space to be read. */
	if (!(flags & PCIE_FLAGS_SLOT) || at + PCIE_SLOT_CAP > 0xfc)
		return;
	s->implemented = true;
	s->slot_cap = pci_rd(w, d, (uint16_t)(at + PCIE_SLOT_CAP));
	s->hotplug = (s->slot_cap & SLTCAP_HOTPLUG) != 0;
	s->power_ctl = (s->slot_cap & SLTCAP_POWER_CTL) != 0;
	s->attn_button = (s->slot_cap & SLTCAP_ATTN_BUTTON) != 0;
	s->number = (uint16_t)(s->slot_cap >> SLTCAP_NUMBER_SHIFT);
}

void pci_read_caps(struct pci_walker *w, struct pci_device *d)
{
	uint16_t ptr_off = d->header_type == 2 ? PCI_CB_CAP_PTR : PCI_CAP_PTR;
	uint64_t seen = 0;
	uint8_t at;

	if (!((pci_rd(w, d, PCI_COMMAND) >> 16) & PCI_STATUS_CAPS))
		return;
	at = (uint8_t)(pci_rd(w, d, ptr_off) & 0xfc);
	while (at != 0) {
		uint64_t bit;
		uint32_t header;

		if (at < CAP_FIRST) {
			pci_warn(w, d, PCI_WARN_BAD_CAP_POINTER, at);
			return;
		}
		bit = 1ull << ((at - CAP_FIRST) / 4);
		if (seen & bit) {
			pci_warn(w, d, PCI_WARN_CAP_LOOP, at);
			return;
		}
		seen |= bit;
		header = pci_rd(w, d, at);
		if ((header & 0xff) == CAP_ID_PCIE && !d->slot.pcie)
			read_pcie_cap(w, d, at, header);
		at = (uint8_t)((header >> 8) & 0xfc);
	}
}

static void add_window(struct pci_device *d, enum pci_window_kind kind,
		       uint64_t base, uint64_t limit, bool pref)
{
	struct pci_window *win;

	if (base > limit || d->nwindows >= PCI_MAX_WINDOWS)
		return;         /* base above limit: the window is disabled */
	win = &d->window[d->nwindows++];
	win->kind = (uint8_t)kind;
	win->base = base;
	win->limit = limit;
	win->pref = pref;
}

/* 1 MiB granularity: bits 15:4 of base and limit are address bits 31:20. */
static void read_p2p_windows(struct pci_walker *w, struct pci_device *d)
{
	uint32_t mem = pci_rd(w, d, P2P_MEM_WINDOW);
	uint32_t pref = pci_rd(w, d, P2P_PREF_WINDOW);
	uint64_t base = (uint64_t)(pref & 0xfff0u) << 16;
	uint64_t limit = (pref & 0xfff00000u) | 0xfffffu;

	add_window(d, PCI_WIN_MEM, (uint64_t)(mem & 0xfff0u) << 16,
		   (mem & 0xfff00000u) | 0xfffffu, false);
	if ((pref & 0xfu) == 1) {       /* 64-bit prefetchable window */
		base |= (uint64_t)pci_rd(w, d, P2P_PREF_BASE_HI) << 32;
		limit |= (uint64_t)pci_rd(w, d, P2P_PREF_LIMIT_HI) << 32;
	}
	add_window(d, PCI_WIN_PREF, base, limit, true);
}

/* 4 KiB granularity; a zero limit register means "not assigned". */
static void read_cardbus_windows(struct pci_walker *w, struct pci_device *d)
{
	uint32_t control = pci_rd(w, d, CB_BRIDGE_CONTROL) >> 16;
	unsigned i;

	for (i = 0; i < 2; i++) {
		uint16_t off = (uint16_t)(CB_MEM_BASE0 + 8 * i);
		uint32_t base = pci_rd(w, d, off) & 0xfffff000u;
		uint32_t limit = pci_rd(w, d, (uint16_t)(off + 4));

		if (limit == 0)
			continue;
		add_window(d, i == 0 ? PCI_WIN_CB_MEM0 : PCI_WIN_CB_MEM1,
			   base, limit | 0xfffu, (control >> (8 + i)) & 1);
	}
}

void pci_read_windows(struct pci_walker *w, struct pci_device *d)
{
	if (d->header_type == 1)
		read_p2p_windows(w, d);
	else if (d->header_type == 2)
		read_cardbus_windows(w, d);
}
