/*
 * dd_pci_cfg.h - PCI configuration space for the walker (pci.h) through
 * the IOPort capability.
 */
#ifndef DEVDISC_DD_PCI_CFG_H
#define DEVDISC_DD_PCI_CFG_H

#include <stdint.h>
#include "pci.h"

/* A pci_access over ports 0xCF8/0xCFC through IOPort slot *io (which
 * must outlive the accessor). */
void dd_pci_access(uint32_t *io, struct pci_access *acc);

#endif
