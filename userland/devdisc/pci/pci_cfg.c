/*
 * pci_cfg.c - the walker's config accesses: through the caller's
 * accessor (pci.h), each one counted in the result so that a test can
 * check the walk's cost stays within PCI_MAX_ACCESSES.
 */
#include "pci_cfg.h"

uint32_t pci_rd(struct pci_walker *w, const struct pci_device *d, uint16_t off)
{
	w->out->accesses++;
	return w->acc->read32(w->acc->ctx, d->bus, d->dev, d->fn, off);
}

void pci_wr(struct pci_walker *w, const struct pci_device *d, uint16_t off,
	    uint32_t value)
{
	w->out->accesses++;
	w->acc->write32(w->acc->ctx, d->bus, d->dev, d->fn, off, value);
}
