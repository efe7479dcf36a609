/*
 * dd_va.h - where the daemon's mappings go in its address space, one
 * file per kind of machine, chosen at build time:
 *   dd_va_x86_64.c    paged: small regions packed from 4 TiB up, those
 *                     of 2 MiB and more from 8 TiB up on large pages
 *   dd_va_coldfire.c  no MMU: a device page's user address is its
 *                     physical address (kernel/devmem.c)
 */
#ifndef DEVDISC_DD_VA_H
#define DEVDISC_DD_VA_H

#include <stdbool.h>
#include <stdint.h>
#include "dd.h"

void dd_va_init(struct dd_state *d);

/* The address region r would be mapped at; false if there is no room. */
bool dd_va_place(struct dd_state *d, const struct dd_region *r, uint64_t *va);

/* r is now mapped at r->va / is about to be unmapped from r->va. */
void dd_va_taken(struct dd_state *d, const struct dd_region *r);
void dd_va_returned(struct dd_state *d, const struct dd_region *r);

#endif
