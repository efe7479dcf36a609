/*
 * dd_bus.h - what a bus backend gives the daemon's flow, and nothing
 * more.  Exactly one backend is linked: dd_pci_bus.c + dd_pci_watch.c
 * (x86_64) or dd_fdt_bus.c (ColdFire).  Each keeps its walk in its own
 * state; the daemon sees devices only as the region table and the
 * backend's device index in each region.
 */
#ifndef DEVDISC_DD_BUS_H
#define DEVDISC_DD_BUS_H

#include "dd.h"

/* The backend's own capabilities (PCI: the IOPort), looked up first. */
enum status dd_bus_caps(struct dd_state *d);

/* Walks the bus, logs every device and the walk's summary, and fills
 * d->region[] (logging what it leaves out). */
enum status dd_bus_discover(struct dd_state *d);

/* Need (frames, with the backend's hot-plug reserve) and fingerprint of
 * the devices now. */
enum status dd_bus_measure(const struct dd_state *d, uint32_t *need, uint64_t *fingerprint);

/* Frames Settle should keep in headroom for devices still to come. */
uint32_t dd_bus_reserve(const struct dd_state *d);

/* The log record's trigger for backend device `dev`. */
uint32_t dd_bus_trigger(const struct dd_state *d, uint16_t dev);

/* Does devdisc itself touch region r's registers (PCI: BAR 0 of a bridge
 * with an SHPC hot-plug controller, which devdisc drives)?  Such a region
 * is mapped; every other one is only held (records, no pages: dd_map.c). */
bool dd_bus_touches(const struct dd_state *d, const struct dd_region *r);

/* The backend's lines for the mapping of its devices. */
void dd_bus_log_mapped(const struct dd_state *d, uint16_t dev, uint32_t frames);
void dd_bus_log_unmapped(const struct dd_state *d, const struct dd_region *r);

/* Before a re-tune reboot: completes the removals the bus has already
 * asked for (PCI: the attention button of a device_del), so that none is
 * lost to the reset and no removed device comes back after it. */
void dd_bus_quiesce(struct dd_state *d);

/* After settling: watch for changes (PCI: the hot-plug slots, forever)
 * or say there is nothing to watch and return. */
void dd_bus_watch(struct dd_state *d);

#endif
