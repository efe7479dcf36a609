/*
 * pci_need.h - what devdisc's policy needs from a PCI walk: the need
 * (frames of device memory plus the hot-plug reserve) and the
 * device-configuration fingerprint.
 *
 * Pure functions over a struct pci_walk_result; no I/O, no allocation.
 * Definitions in docs/devdisc.md.
 */
#ifndef DEVDISC_PCI_NEED_H
#define DEVDISC_PCI_NEED_H

#include <stdint.h>
#include "status.h"
#include "pci.h"

#define PCI_FRAME_BYTES 4096u

/* 4 KiB frames a region covers, each region rounded up on its own (every
 * BAR is mapped by itself). */
uint64_t pci_region_frames(uint64_t size);

/* A memory BAR devdisc can map: it has an address (firmware or
 * pcihp_assign placed it) and its device decodes memory.  A BAR that got
 * no room (nofit), or sits on a device whose decode is off, maps nothing
 * and so is not in need: growing the pool would cure nothing. */
bool pci_bar_mappable(const struct pci_device *d, const struct pci_bar *b);

/* Hot-plug-capable slots among the walked ports. */
uint32_t pci_hotplug_slots(const struct pci_walk_result *r);

/*
 * need = frames of every mappable memory BAR (pci_bar_mappable: 32- and
 * 64-bit, prefetchable or not; I/O BARs take no frame, and expansion ROMs
 * are not mapped) plus
 * reserve_per_slot frames for each hot-plug-capable slot.
 * OUT_OF_RANGE (and *frames untouched) if the sum exceeds 32 bits.
 */
enum status pci_need(const struct pci_walk_result *r,
		     uint32_t reserve_per_slot, uint32_t *frames);

/*
 * 64-bit FNV-1a over the table in walk order (which is fixed by where the
 * devices sit, not by bus numbers), each device contributing its depth,
 * device and function numbers, vendor, device, class, header type and,
 * per BAR, index, kind, prefetchable bit and size.  Addresses and bus
 * numbers are left out: the firmware chooses them.  Bytes are fed in an
 * explicit order so that both byte orders agree.
 */
uint64_t pci_fingerprint(const struct pci_walk_result *r);

#endif
