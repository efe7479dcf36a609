/*
 * capops.h - what any capability can undergo, whatever its type: derive
 * (a narrower copy), delete, the checks of a transfer (IPC, spawn), and
 * its text for the logs (docs/capabilities.md, "Capability operations").
 */
#ifndef KERNEL_CAPOPS_H
#define KERNEL_CAPOPS_H

#include <stdint.h>
#include "proc.h"

/* The first empty slot of p, or KH_NO_SLOT. */
uint32_t cap_free_slot(const struct process *p);

/* KH_SYS_CAP_DERIVE: a copy of slot `slot` into a free slot (reply[0])
 * naming [first, last] (DevMem, IOPort; FrameAlloc 0 and n - 1: at most n
 * frames; both 0 for other types) and `rights`.  BAD_SLOT, the refusals
 * of cap_check_derive (cap.h), NO_MEMORY (no free slot), RESCINDED (the
 * frames it names went back to the pool). */
enum status cap_derive(struct process *p, uint64_t slot, uint64_t first, uint64_t last,
		       uint64_t rights, uint64_t *reply);

/* KH_SYS_CAP_DELETE: the slot empties (a DevMem master rescinds first). */
enum status cap_delete(struct process *p, uint64_t slot);

/* The copy of p's slot a transfer hands on with `mask` of its rights (0:
 * all it may pass): NO_PERMISSION without GRANT, WIDER_THAN_HELD for a
 * right it lacks.  RESCIND never passes. */
enum status cap_for_transfer(const struct process *p, uint32_t slot, uint32_t mask,
			     struct cap *out);

/* p->grants again from its slots (after a slot changed). */
void cap_recount(struct process *p);

/* "devmem:0x..-0x..:rw" and the like, NUL-terminated within n bytes. */
void cap_format(const struct cap *c, char *buf, unsigned n);

#endif
