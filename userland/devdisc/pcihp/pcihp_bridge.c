/*
 * pcihp_bridge.c - bus numbers and windows for a hot-plugged bridge
 * (pcihp_bridge.h).  Register layout: PCI-to-PCI Bridge Architecture 1.2,
 * the type-1 header.
 */
#include "pcihp_bridge.h"

#define PCI_COMMAND        0x04u
#define P2P_BUSES          0x18u    /* primary, secondary, subordinate, latency */
#define P2P_IO_WINDOW      0x1cu    /* I/O base and limit (bytes 0 and 1) */
#define P2P_MEM_WINDOW     0x20u
#define P2P_PREF_WINDOW    0x24u
#define P2P_PREF_BASE_HI   0x28u
#define P2P_PREF_LIMIT_HI  0x2cu
#define CMD_MEM            0x2u
#define CMD_MASTER         0x4u
#define WINDOW_ALIGN       0x100000ull  /* 1 MiB: memory window granularity */

/* The first WINDOW_ALIGN boundary above every used range inside window
 * k, and its limit; false when nothing is left. */
static bool free_tail(const struct pcihp_space *sp, enum pcihp_win k, struct pcihp_range *out)
{
	uint64_t at;

	if (!sp->present[k])
		return false;
	at = sp->win[k].base;
	for (unsigned i = 0; i < sp->nused; i++) {
		const struct pcihp_range *u = &sp->used[i];

		if (u->base >= sp->win[k].base && u->limit <= sp->win[k].limit && u->limit >= at)
			at = u->limit + 1;
	}
	at = (at + WINDOW_ALIGN - 1) & ~(WINDOW_ALIGN - 1);
	if (at == 0 || at > sp->win[k].limit || sp->win[k].limit - at < WINDOW_ALIGN - 1)
		return false;
	out->base = at;
	out->limit = sp->win[k].limit;
	return true;
}

static void cfg_wr(const struct pci_access *acc, const struct pci_device *d, uint16_t off,
		   uint32_t v)
{
	acc->write32(acc->ctx, d->bus, d->dev, d->fn, off, v);
}

/* base > limit closes a window; the registers hold address bits 31:20. */
static uint32_t mem_reg(const struct pcihp_range *r, bool open)
{
	if (!open)
		return 0x0000fff0u;
	return (uint32_t)((r->base >> 16) & 0xfff0u) | (uint32_t)(r->limit & 0xfff00000u);
}

static void add_window(struct pci_device *br, enum pci_window_kind kind,
		       const struct pcihp_range *r)
{
	if (br->nwindows < PCI_MAX_WINDOWS)
		br->window[br->nwindows++] = (struct pci_window){
			.base = r->base, .limit = r->limit, .kind = (uint8_t)kind,
			.pref = kind == PCI_WIN_PREF };
}

static void open_windows(const struct pcihp_space *sp, const struct pci_access *acc,
			 struct pci_device *br)
{
	struct pcihp_range mem = { 0 }, pref = { 0 };
	bool has_mem = free_tail(sp, PCIHP_WIN_MEM, &mem);
	bool has_pref = free_tail(sp, PCIHP_WIN_PREF, &pref);

	br->nwindows = 0;
	cfg_wr(acc, br, P2P_IO_WINDOW, 0x00f0u);      /* I/O closed */
	cfg_wr(acc, br, P2P_MEM_WINDOW, mem_reg(&mem, has_mem));
	cfg_wr(acc, br, P2P_PREF_BASE_HI, has_pref ? (uint32_t)(pref.base >> 32) : 0);
	cfg_wr(acc, br, P2P_PREF_LIMIT_HI, has_pref ? (uint32_t)(pref.limit >> 32) : 0);
	cfg_wr(acc, br, P2P_PREF_WINDOW, mem_reg(&pref, has_pref) | 0x00010001u);
	if (has_mem)
		add_window(br, PCI_WIN_MEM, &mem);
	if (has_pref)
		add_window(br, PCI_WIN_PREF, &pref);
}

enum status pcihp_bridge_open(const struct pcihp_space *sp, const struct pci_access *acc,
			      const struct pci_device *port, struct pci_device *br)
{
	uint32_t buses, cmd;
	unsigned sec;

	if (!sp || !acc || !acc->read32 || !acc->write32 || !port || !br || br->header_type != 1)
		return STATUS_INVALID_ARGUMENT;
	sec = port->secondary + 1u;
	if (sec > port->subordinate || sec > 0xffu)
		return STATUS_NO_MEMORY;
	buses = acc->read32(acc->ctx, br->bus, br->dev, br->fn, P2P_BUSES);
	cfg_wr(acc, br, P2P_BUSES, (buses & 0xff000000u) | (uint32_t)port->subordinate << 16 |
				   sec << 8 | port->secondary);
	br->secondary = (uint8_t)sec;
	br->subordinate = port->subordinate;
	open_windows(sp, acc, br);
	cmd = acc->read32(acc->ctx, br->bus, br->dev, br->fn, PCI_COMMAND) & 0xffffu;
	cfg_wr(acc, br, PCI_COMMAND, cmd | CMD_MEM | CMD_MASTER);
	br->command = (uint16_t)(cmd | CMD_MEM | CMD_MASTER);
	return STATUS_OK;
}
