/*
 * ledger.h - the space bank's bookkeeping: a tree of banks over the
 * frames the kernel lets user space have.
 *
 * The root bank's limit comes from the kernel's FrameAlloc: conservative
 * at boot (all of the kernel's headroom assumed kept), relaxed once
 * devdisc has settled.  A limit never goes down during a boot, so the
 * ledger never holds more frames than any limit it has reported.
 *
 * Sub-banks: a bank created under a parent with a quota.  Frames a bank
 * hands out count against it and every bank above it; an allocation fails
 * unless each of them stays within its quota and the root within the
 * limit.  Destroying a bank returns everything it and its sub-banks hold.
 * Quotas are caps, not reservations: sub-banks of one parent may have
 * quotas summing to more than the parent's, and whoever allocates first
 * is served (as in KeyKOS/EROS space banks).
 *
 * Frame identities are FrameAlloc's business; the ledger counts.  Every
 * operation validates first and changes nothing when it fails.  Fixed
 * capacity, no allocation, freestanding.  docs/spacebank.md has the
 * contract.
 */
#ifndef SPACEBANK_LEDGER_H
#define SPACEBANK_LEDGER_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "status.h"

#define SB_MAX_BANKS 64

enum sb_phase { SB_CONSERVATIVE, SB_RELAXED };

/* A bank handle: generation << 8 | slot, so that a handle to a destroyed
 * bank stays invalid when its slot is reused. */
typedef uint32_t sb_handle;

struct sb_bank {
	uint32_t quota;          /* cap on `held` (the root's cap is the limit) */
	uint32_t own;            /* frames handed out by this bank itself */
	uint32_t held;           /* own + everything its sub-banks hold */
	uint16_t parent;         /* slot of the parent; the root's is itself */
	uint16_t generation;
	bool live;
};

struct sb_ledger {
	struct sb_bank bank[SB_MAX_BANKS];
	uint32_t limit;          /* frames the root may hold */
	uint8_t phase;           /* enum sb_phase */
	sb_handle root;
};

struct sb_query {
	uint32_t limit;          /* the root's current limit */
	uint32_t quota;          /* this bank's quota (the limit for the root) */
	uint32_t used;           /* frames this bank and its sub-banks hold */
	uint32_t available;      /* what one allocation here could get now */
	enum sb_phase phase;
	uint32_t depth;          /* 0 for the root */
};

/* A ledger with only the root bank, the conservative limit, phase
 * conservative.  INVALID_ARGUMENT for NULL. */
enum status sb_init(struct sb_ledger *l, uint32_t conservative_limit, sb_handle *root);

/* New limit and phase.  OUT_OF_RANGE if it would lower the limit;
 * BAD_SEQUENCE if it would go from relaxed back to conservative. */
enum status sb_set_limit(struct sb_ledger *l, uint32_t limit, enum sb_phase phase);

/* n frames from bank b.  INVALID_ARGUMENT for n == 0, NOT_FOUND for a
 * stale handle, NO_MEMORY if a quota on the way up or the limit would be
 * exceeded. */
enum status sb_alloc(struct sb_ledger *l, sb_handle b, uint32_t n);

/* n frames back to the bank that handed them out.  OUT_OF_RANGE if the
 * bank itself did not hand out that many. */
enum status sb_free(struct sb_ledger *l, sb_handle b, uint32_t n);

/* A sub-bank of `parent` with `quota`.  INVALID_ARGUMENT for quota 0,
 * OUT_OF_RANGE for a quota above a non-root parent's quota, NO_MEMORY when
 * every slot is in use. */
enum status sb_create(struct sb_ledger *l, sb_handle parent, uint32_t quota,
		      sb_handle *child);

/* Destroys b and all its sub-banks; *returned = frames they held.
 * NO_PERMISSION for the root. */
enum status sb_destroy(struct sb_ledger *l, sb_handle b, uint32_t *returned);

enum status sb_query(const struct sb_ledger *l, sb_handle b, struct sb_query *q);

const char *sb_phase_name(enum sb_phase phase);

/* "spacebank: limit=<frames> phase=<conservative|relaxed>\n", NUL-
 * terminated; SHORT_BUFFER (buf emptied, *len = length needed) if small. */
enum status sb_format_limit(const struct sb_ledger *l, char *buf, size_t cap,
			    size_t *len);

#endif
