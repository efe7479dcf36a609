/*
 * pcihp_bridge.h - a bridge hot-plugged below a port (a pcie-pci-bridge,
 * a switch's upstream port): firmware numbered nothing and opened no
 * window for it, so devdisc does, from what the port has left.
 */
#ifndef DEVDISC_PCIHP_BRIDGE_H
#define DEVDISC_PCIHP_BRIDGE_H

#include "pcihp_assign.h"

/*
 * After pcihp_assign() placed the bridge's own BARs in `sp` (the port's
 * space): gives the bridge the bus numbers below the port's secondary bus
 * (secondary = port's secondary + 1, subordinate = the port's
 * subordinate), memory and prefetchable windows from the first 1 MiB
 * boundary above everything used in the port's windows to their ends, no
 * I/O window, then turns on memory decode and bus mastering (forwarding).
 * br->secondary/subordinate and br->window[] are updated.  NO_MEMORY
 * (nothing written) when the port has no bus number to give.
 */
enum status pcihp_bridge_open(const struct pcihp_space *sp, const struct pci_access *acc,
			      const struct pci_device *port, struct pci_device *br);

#endif
