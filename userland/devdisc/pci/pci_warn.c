/*
 * pci_warn.c - the walk's warning table and the warnings' names.
 */
#include "pci_cfg.h"
#include "names.h"

/* d == NULL for walk-wide warnings (truncation), which have the last
 * PCI_WARN_RESERVED (two) places of the table to themselves so that they are never lost.
 * Other warnings beyond capacity are counted, not stored. */
void pci_warn(struct pci_walker *w, const struct pci_device *d,
	      enum pci_warn_what what, uint32_t detail)
{
	struct pci_walk_result *r = w->out;
	unsigned room = r->warn_cap;
	struct pci_warning *wn;

	if (d)
		room = room > PCI_WARN_RESERVED ? room - PCI_WARN_RESERVED : 0;
	if (r->nwarn >= room) {
		r->warn_dropped++;
		r->truncated |= PCI_TRUNC_WARNINGS;
		return;
	}
	wn = &r->warn[r->nwarn++];
	wn->has_dev = d != NULL;
	wn->bus = d ? d->bus : 0;
	wn->dev = d ? d->dev : 0;
	wn->fn = d ? d->fn : 0;
	wn->what = (uint8_t)what;
	wn->detail = detail;
}

KH_NAME_FUNCTION(pci_warn_name, enum pci_warn_what, PCI_WARN_LIST, PCI_WARN_COUNT)
