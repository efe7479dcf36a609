/*
 * devdisc.h - what devdisc derives from a PCI walk: the need (frames of
 * device memory plus the hot-plug reserve), the device-configuration
 * fingerprint, and the log lines of the contract in DESIGN.md.
 *
 * Pure functions over a struct pci_walk_result; no I/O, no allocation.
 * Definitions in docs/devdisc.md.
 */
#ifndef DEVDISC_H
#define DEVDISC_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"
#include "pci.h"

#define DEVDISC_FRAME_BYTES 4096u

/* 4 KiB frames a region covers, each region rounded up on its own (every
 * BAR is mapped by itself). */
uint64_t devdisc_region_frames(uint64_t size);

/* Hot-plug-capable slots among the walked ports. */
uint32_t devdisc_hotplug_slots(const struct pci_walk_result *r);

/*
 * need = frames of every memory BAR (32- and 64-bit, prefetchable or not;
 * I/O BARs take no frame, and expansion ROMs are not mapped) plus
 * reserve_per_slot frames for each hot-plug-capable slot.
 * OUT_OF_RANGE (and *frames untouched) if the sum exceeds 32 bits.
 */
enum status devdisc_need(const struct pci_walk_result *r,
			 uint32_t reserve_per_slot, uint32_t *frames);

/*
 * 64-bit FNV-1a over the table in walk order (which is fixed by where the
 * devices sit, not by bus numbers), each device contributing its depth,
 * device and function numbers, vendor, device, class, header type and,
 * per BAR, index, kind, prefetchable bit and size.  Addresses and bus
 * numbers are left out: the firmware chooses them.  Bytes are fed in an
 * explicit order so that both byte orders agree.
 */
uint64_t devdisc_fingerprint(const struct pci_walk_result *r);

/*
 * Log lines (each ends with '\n'; the buffer is NUL-terminated).  On
 * SHORT_BUFFER *len is the length needed (without the NUL) and buf holds
 * an empty string.
 *
 *   devdisc: found dev=<bb:dd.f> vendor=<hex> device=<hex> class=<hex>
 *            header=<n> depth=<n> bars=<n> [secondary=<n> subordinate=<n>]
 *            [slot=<n> hotplug=<0|1>]
 *   devdisc: bar dev=<bb:dd.f> index=<n> addr=0x<hex> size=<bytes>
 *            kind=<mem32|mem64|io|rom> pref=<0|1>
 *   devdisc: window dev=<bb:dd.f> kind=<mem|pref|cb-mem0|cb-mem1>
 *            base=0x<hex> limit=0x<hex>
 *   devdisc: warning dev=<bb:dd.f|none> what=<name> detail=<n>
 */
enum status devdisc_format_device(const struct pci_device *d, char *buf,
				  size_t cap, size_t *len);
enum status devdisc_format_warning(const struct pci_warning *wn, char *buf,
				   size_t cap, size_t *len);
/* Every device (with its BARs and windows), then every warning (walk-wide
 * truncation ones included), then `what=truncated-warnings detail=<n>`
 * if warnings were dropped. */
enum status devdisc_format_walk(const struct pci_walk_result *r, char *buf,
				size_t cap, size_t *len);

/*   devdisc: settled need=<frames> pool=<N> used=<frames> keep=<frames>
 *            fingerprint=<16 hex digits> */
enum status devdisc_format_settled(uint32_t need, uint32_t pool, uint32_t used,
				   uint32_t keep, uint64_t fingerprint,
				   char *buf, size_t cap, size_t *len);

#endif
