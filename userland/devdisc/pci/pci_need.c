/*
 * pci_need.c - need and fingerprint of a walked configuration (pci_need.h).
 */
#include "pci_need.h"

#define FNV64_OFFSET 0xcbf29ce484222325ull
#define FNV64_PRIME  0x00000100000001b3ull

uint64_t pci_region_frames(uint64_t size)
{
	/* shifts, not division: no libgcc helper on 32-bit targets */
	return (size >> 12) + ((size & (PCI_FRAME_BYTES - 1)) != 0);
}

static bool is_memory_bar(const struct pci_bar *b)
{
	return b->kind == PCI_BAR_MEM32 || b->kind == PCI_BAR_MEM64;
}

bool pci_bar_mappable(const struct pci_device *d, const struct pci_bar *b)
{
	return is_memory_bar(b) && b->addr != 0 && (d->command & PCI_COMMAND_MEM);
}

uint32_t pci_hotplug_slots(const struct pci_walk_result *r)
{
	uint32_t n = 0;
	unsigned i;

	for (i = 0; i < r->ndev; i++)
		n += r->dev[i].slot.implemented && r->dev[i].slot.hotplug;
	return n;
}

enum status pci_need(const struct pci_walk_result *r,
		     uint32_t reserve_per_slot, uint32_t *frames)
{
	/* BAR sizes are below 2^48 (2^36 frames) and there are at most
	 * 7 * 65535 of them, so the 64-bit sum cannot wrap. */
	uint64_t sum;
	unsigned i, j;

	if (!r || !frames || r->ndev > r->dev_cap)
		return STATUS_INVALID_ARGUMENT;
	sum = (uint64_t)pci_hotplug_slots(r) * reserve_per_slot;
	for (i = 0; i < r->ndev; i++)
		for (j = 0; j < r->dev[i].nbars && j < PCI_MAX_BARS; j++)
			if (pci_bar_mappable(&r->dev[i], &r->dev[i].bar[j]))
				sum += pci_region_frames(r->dev[i].bar[j].size);
	if (sum > UINT32_MAX)
		return STATUS_OUT_OF_RANGE;
	*frames = (uint32_t)sum;
	return STATUS_OK;
}

static uint64_t fnv_bytes(uint64_t h, uint64_t value, unsigned nbytes)
{
	unsigned i;

	for (i = 0; i < nbytes; i++) {
		h ^= (value >> (8 * i)) & 0xff;
		h *= FNV64_PRIME;
	}
	return h;
}

static uint64_t fnv_device(uint64_t h, const struct pci_device *d)
{
	unsigned j;

	h = fnv_bytes(h, d->depth, 1);
	h = fnv_bytes(h, d->dev, 1);
	h = fnv_bytes(h, d->fn, 1);
	h = fnv_bytes(h, d->vendor, 2);
	h = fnv_bytes(h, d->device, 2);
	h = fnv_bytes(h, d->class_code, 3);
	h = fnv_bytes(h, d->header_type, 1);
	h = fnv_bytes(h, d->nbars, 1);
	for (j = 0; j < d->nbars && j < PCI_MAX_BARS; j++) {
		h = fnv_bytes(h, d->bar[j].index, 1);
		h = fnv_bytes(h, d->bar[j].kind, 1);
		h = fnv_bytes(h, d->bar[j].pref, 1);
		h = fnv_bytes(h, d->bar[j].size, 8);
	}
	return h;
}

uint64_t pci_fingerprint(const struct pci_walk_result *r)
{
	uint64_t h = FNV64_OFFSET;
	unsigned i;

	for (i = 0; i < r->ndev && i < r->dev_cap; i++)
		h = fnv_device(h, &r->dev[i]);
	return h;
}
