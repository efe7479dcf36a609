/*
 * pci_cfg.h - the walker's inside, shared by its source files (pci_walk.c,
 * pci_bar.c, pci_caps.c): header offsets, the walker state, and the two
 * things every part of the walk calls, config access (pci_cfg.c) and the
 * warning table (pci_warn.c), kept out of pci_walk.c so that the sizing
 * and capability files never call back into the walk.  Not for devdisc's
 * other parts: use pci.h.
 */
#ifndef DEVDISC_PCI_CFG_H
#define DEVDISC_PCI_CFG_H

#include "pci.h"

/* Standard config header offsets and bits (PCI Local Bus 3.0, ch. 6). */
#define PCI_ID              0x00
#define PCI_COMMAND         0x04   /* low half; status in the high half */
#define PCI_CLASS_REV       0x08
#define PCI_HEADER_DWORD    0x0c   /* header type in bits 23:16 */
#define PCI_BAR0            0x10
#define PCI_BUS_NUMBERS     0x18   /* types 1 and 2: primary, secondary, sub. */
#define PCI_ROM_TYPE0       0x30
#define PCI_ROM_TYPE1       0x38
#define PCI_CAP_PTR         0x34
#define PCI_CB_CAP_PTR      0x14
#define PCI_CMD_DECODE      0x0003u  /* I/O space + memory space enables */
#define PCI_STATUS_CAPS     0x0010u
#define PCI_HDR_MULTIFN     0x80u

struct bus_frame {
	uint8_t bus;
	uint8_t depth;
	uint16_t next_devfn;     /* 256 when the bus is done */
	uint16_t bridge;         /* table index of the bridge above */
};

struct pci_walker {
	const struct pci_access *acc;
	struct pci_walk_result *out;
	struct bus_frame stack[PCI_MAX_BUSES];
	unsigned sp;
	uint32_t visited[256 / 32];   /* bus numbers already walked */
};

/* pci_cfg.c: one config read or write of function d, counted. */
uint32_t pci_rd(struct pci_walker *w, const struct pci_device *d, uint16_t off);
void pci_wr(struct pci_walker *w, const struct pci_device *d, uint16_t off,
	    uint32_t value);
/* pci_warn.c: one warning record (d == NULL: walk-wide). */
void pci_warn(struct pci_walker *w, const struct pci_device *d,
	      enum pci_warn_what what, uint32_t detail);

/* pci_bar.c: sizes BARs and ROM with decode off, restores everything. */
void pci_size_bars(struct pci_walker *w, struct pci_device *d);

/* pci_caps.c: capability list (PCIe slot) and bridge windows. */
void pci_read_caps(struct pci_walker *w, struct pci_device *d);
void pci_read_windows(struct pci_walker *w, struct pci_device *d);

#endif
