/*
 * pci_bar.c - BAR and expansion ROM sizing.
 *
 * Protocol (PCI 3.0, 6.2.5.1): clear the decode enables in the command
 * register, then for each BAR write all ones, read the mask back and write
 * the original value again; finally restore the command register.  Decode
 * is off so that a BAR transiently holding all ones never claims an
 * address range another device uses.
 *
 * A mask is believed only if its address bits are contiguous ones from the
 * top, i.e. the size is a power of two; anything else is a warning.
 */
#include "pci_cfg.h"

/* No machine devdisc runs on can address more than 2^48 bytes. */
#define PCI_MAX_MEM64_SIZE  (1ull << 48)
#define PCI_ROM_ADDR_MASK   0xfffff800u
#define PCI_BAR_IO_FLAG     0x1u
#define PCI_BAR_TYPE_SHIFT  1
#define PCI_BAR_PREF        0x8u

enum mem_type { MEM_TYPE_32 = 0, MEM_TYPE_1M = 1, MEM_TYPE_64 = 2, MEM_TYPE_RSVD = 3 };

/* The size a mask of address bits encodes inside `space` (every address
 * bit of that space set): its lowest set bit, provided every bit above it
 * is set too.  0 when the mask makes no sense. */
static uint64_t mask_size(uint64_t addr_mask, uint64_t space)
{
	uint64_t m = addr_mask & space;
	uint64_t size = m & (~m + 1);

	if (m == 0 || m != (space & ~(size - 1)))
		return 0;
	return size;
}

/* Writes `ones` to one dword, reads the mask, puts the original back. */
static uint32_t probe_dword(struct pci_walker *w, const struct pci_device *d,
			    uint16_t off, uint32_t ones, uint32_t orig)
{
	uint32_t mask;

	pci_wr(w, d, off, ones);
	mask = pci_rd(w, d, off);
	pci_wr(w, d, off, orig);
	return mask;
}

static void add_bar(struct pci_device *d, unsigned index, enum pci_bar_kind kind,
		    uint64_t addr, uint64_t size, bool pref)
{
	struct pci_bar *b = &d->bar[d->nbars++];

	b->index = (uint8_t)index;
	b->kind = (uint8_t)kind;
	b->addr = addr;
	b->size = size;
	b->pref = pref;
}

static void size_io_bar(struct pci_walker *w, struct pci_device *d,
			unsigned i, uint32_t orig)
{
	uint16_t off = (uint16_t)(PCI_BAR0 + 4 * i);
	uint32_t mask = probe_dword(w, d, off, 0xffffffffu, orig);
	/* Devices decoding only 64 KiB of I/O hardwire bits 31:16 to zero,
	 * so the size is judged on the low half alone. */
	uint64_t size = mask_size(mask & 0xfffcu, 0xfffcu);

	if (size == 0) {
		pci_warn(w, d, PCI_WARN_BAD_BAR_SIZE, i);
		return;
	}
	add_bar(d, i, PCI_BAR_IO, orig & 0xfffffffcu, size, false);
}

static void size_mem32_bar(struct pci_walker *w, struct pci_device *d,
			   unsigned i, uint32_t orig)
{
	uint16_t off = (uint16_t)(PCI_BAR0 + 4 * i);
	uint32_t mask = probe_dword(w, d, off, 0xffffffffu, orig);
	uint64_t size;

	if (mask == 0)
		return;         /* unimplemented BAR: reads zero, writes ignored */
	if ((mask & 0xfffffff0u) == 0) {
		pci_warn(w, d, PCI_WARN_BAR_TOO_LARGE, i);
		return;
	}
	size = mask_size(mask & 0xfffffff0u, 0xfffffff0u);
	if (size == 0) {
		pci_warn(w, d, PCI_WARN_BAD_BAR_SIZE, i);
		return;
	}
	add_bar(d, i, PCI_BAR_MEM32, orig & 0xfffffff0u, size,
		(orig & PCI_BAR_PREF) != 0);
}

/* Both halves are set to ones before either is read back, as a 64-bit
 * BAR latches the pair. */
static void size_mem64_bar(struct pci_walker *w, struct pci_device *d,
			   unsigned i, uint32_t orig)
{
	uint16_t off = (uint16_t)(PCI_BAR0 + 4 * i);
	uint32_t orig_hi = pci_rd(w, d, (uint16_t)(off + 4));
	uint64_t mask, size;

	pci_wr(w, d, off, 0xffffffffu);
	pci_wr(w, d, (uint16_t)(off + 4), 0xffffffffu);
	mask = pci_rd(w, d, off) | (uint64_t)pci_rd(w, d, (uint16_t)(off + 4)) << 32;
	pci_wr(w, d, off, orig);
	pci_wr(w, d, (uint16_t)(off + 4), orig_hi);

	size = mask_size(mask & ~0xfull, ~0xfull);
	if ((mask & ~0xfull) == 0 || size > PCI_MAX_MEM64_SIZE) {
		pci_warn(w, d, PCI_WARN_BAR_TOO_LARGE, i);
		return;
	}
	if (size == 0) {
		pci_warn(w, d, PCI_WARN_BAD_BAR_SIZE, i);
		return;
	}
	add_bar(d, i, PCI_BAR_MEM64,
		((uint64_t)orig_hi << 32 | orig) & ~0xfull, size,
		(orig & PCI_BAR_PREF) != 0);
}

/* Sizes BAR i; returns how many BAR slots it occupies (2 for 64-bit). */
static unsigned size_bar(struct pci_walker *w, struct pci_device *d,
			 unsigned i, unsigned nslots)
{
	uint32_t orig = pci_rd(w, d, (uint16_t)(PCI_BAR0 + 4 * i));
	unsigned type = (orig >> PCI_BAR_TYPE_SHIFT) & 3;

	if (orig & PCI_BAR_IO_FLAG) {
		size_io_bar(w, d, i, orig);
		return 1;
	}
	if (type == MEM_TYPE_1M || type == MEM_TYPE_RSVD) {
		pci_warn(w, d, PCI_WARN_BAD_BAR_TYPE, i);
		return 1;
	}
	if (type == MEM_TYPE_32) {
		size_mem32_bar(w, d, i, orig);
		return 1;
	}
	if (i + 1 >= nslots) {
		pci_warn(w, d, PCI_WARN_BAR64_LAST_SLOT, i);
		return 1;
	}
	size_mem64_bar(w, d, i, orig);
	return 2;
}

/* The enable bit (0) stays clear while sizing: only the address bits
 * are probed. */
static void size_rom(struct pci_walker *w, struct pci_device *d, uint16_t off)
{
	uint32_t orig = pci_rd(w, d, off);
	uint32_t mask = probe_dword(w, d, off, PCI_ROM_ADDR_MASK, orig);
	uint64_t size;

	if ((mask & PCI_ROM_ADDR_MASK) == 0)
		return;         /* no ROM */
	size = mask_size(mask & PCI_ROM_ADDR_MASK, PCI_ROM_ADDR_MASK);
	if (size == 0) {
		pci_warn(w, d, PCI_WARN_BAD_BAR_SIZE, PCI_ROM_INDEX);
		return;
	}
	add_bar(d, PCI_ROM_INDEX, PCI_BAR_ROM, orig & PCI_ROM_ADDR_MASK, size, false);
}

static unsigned bar_slots(uint8_t header_type)
{
	static const unsigned slots[3] = { 6, 2, 1 };

	return slots[header_type];
}

void pci_size_bars(struct pci_walker *w, struct pci_device *d)
{
	/* Only the command half is written back: status bits are
	 * write-one-to-clear, and echoing them would clear them. */
	uint32_t cmd = pci_rd(w, d, PCI_COMMAND) & 0xffffu;
	unsigned nslots = bar_slots(d->header_type);
	unsigned i = 0;

	d->command = (uint16_t)cmd;
	if (cmd & PCI_CMD_DECODE)
		pci_wr(w, d, PCI_COMMAND, cmd & ~PCI_CMD_DECODE);
	while (i < nslots)
		i += size_bar(w, d, i, nslots);
	if (d->header_type == 0)
		size_rom(w, d, PCI_ROM_TYPE0);
	else if (d->header_type == 1)
		size_rom(w, d, PCI_ROM_TYPE1);
	if (cmd & PCI_CMD_DECODE)
		pci_wr(w, d, PCI_COMMAND, cmd);
}
