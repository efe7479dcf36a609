/*
 * dd_pci.h - the PCI bus backend's state, shared by its two files:
 * dd_pci_bus.c (walk, region table, need, log lines) and dd_pci_watch.c
 * (the hot-plug watch, which walks again after every slot event).
 */
#ifndef DEVDISC_DD_PCI_H
#define DEVDISC_DD_PCI_H

#include "dd.h"
#include "pci.h"
#include "pcihp_slot.h"

/* Hot-plug reserve in `need`, per hot-plug-capable slot: 1024 frames
 * (4 MiB of BAR).  Small enough that the default machine (4 root ports)
 * fits the default pool without a re-tune; a bigger arrival is the
 * policy's business (served from headroom, or a re-tune). */
#define DD_PCI_HOTPLUG_RESERVE_FRAMES 1024u

/* Memory BARs kept in the region table; more are reported, not mapped. */
#define DD_PCI_REGIONS_MAX 64

/* Root ports with a hot-plug slot that devdisc watches. */
#define DD_PCI_SLOTS_MAX 8

struct dd_pci {
	uint32_t io;                            /* IOPort slot: 0xCF8-0xCFF */
	struct pci_walk_result walk;
	uint32_t regions_dropped;               /* memory BARs beyond the table */
	struct pcihp_slot slot[DD_PCI_SLOTS_MAX];
	uint32_t nslot;
	uint64_t last_poll_ms;
};

extern struct dd_pci dd_pci;   /* large (the walk table): not on the stack */

/* A walk of the bus into dd_pci.walk, silent. */
enum status dd_pci_walk(void);

/* The region table from dd_pci.walk (warns when it is full). */
void dd_pci_collect(struct dd_state *d);

/* "bb:dd.f" of a function, for the log lines. */
void dd_pci_bdf(char out[8], const struct pci_device *dev);

#endif
