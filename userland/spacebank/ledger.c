/*
 * ledger.c - the space bank's bookkeeping (see ledger.h).
 *
 * Each bank keeps `held`, the sum over its subtree, so an allocation
 * checks and updates only the path to the root (depth < SB_MAX_BANKS)
 * instead of summing subtrees.  Operations check the whole path before
 * changing any bank.
 */
#include "ledger.h"

#define SLOT_BITS  8
#define SLOT_MASK  0xffu
#define ROOT_SLOT  0

static sb_handle make_handle(uint16_t slot, uint16_t generation)
{
	return (sb_handle)generation << SLOT_BITS | slot;
}

/* The slot of a live bank, or -1 for a stale or foreign handle. */
static int slot_of(const struct sb_ledger *l, sb_handle h)
{
	uint32_t slot = h & SLOT_MASK;

	if (slot >= SB_MAX_BANKS || !l->bank[slot].live ||
	    l->bank[slot].generation != (h >> SLOT_BITS))
		return -1;
	return (int)slot;
}

static uint32_t cap_of(const struct sb_ledger *l, unsigned slot)
{
	return slot == ROOT_SLOT ? l->limit : l->bank[slot].quota;
}

/* What bank `slot` can still take: the least room on its path up. */
static uint32_t room_on_path(const struct sb_ledger *l, unsigned slot)
{
	uint32_t room = UINT32_MAX;
	unsigned steps;

	for (steps = 0; steps < SB_MAX_BANKS; steps++) {
		const struct sb_bank *b = &l->bank[slot];
		uint32_t cap = cap_of(l, slot);
		uint32_t left = b->held < cap ? cap - b->held : 0;

		room = left < room ? left : room;
		if (slot == ROOT_SLOT)
			break;
		slot = b->parent;
	}
	return room;
}

/* Adds (or, with `sub`, removes) n to `held` on the path to the root. */
static void charge_path(struct sb_ledger *l, unsigned slot, uint32_t n, bool sub)
{
	unsigned steps;

	for (steps = 0; steps < SB_MAX_BANKS; steps++) {
		struct sb_bank *b = &l->bank[slot];

		b->held = sub ? b->held - n : b->held + n;
		if (slot == ROOT_SLOT)
			break;
		slot = b->parent;
	}
}

static unsigned depth_of(const struct sb_ledger *l, unsigned slot)
{
	unsigned depth = 0;

	while (slot != ROOT_SLOT && depth < SB_MAX_BANKS) {
		slot = l->bank[slot].parent;
		depth++;
	}
	return depth;
}

/* True if `ancestor` is on the path from `slot` up to the root. */
static bool below(const struct sb_ledger *l, unsigned slot, unsigned ancestor)
{
	unsigned steps;

	for (steps = 0; steps < SB_MAX_BANKS && slot != ROOT_SLOT; steps++) {
		slot = l->bank[slot].parent;
		if (slot == ancestor)
			return true;
	}
	return false;
}

enum status sb_init(struct sb_ledger *l, uint32_t conservative_limit, sb_handle *root)
{
	unsigned i;

	if (!l || !root)
		return STATUS_INVALID_ARGUMENT;
	for (i = 0; i < SB_MAX_BANKS; i++)
		l->bank[i] = (struct sb_bank){ .parent = ROOT_SLOT };
	l->bank[ROOT_SLOT].live = true;
	l->limit = conservative_limit;
	l->phase = SB_CONSERVATIVE;
	l->root = make_handle(ROOT_SLOT, 0);
	*root = l->root;
	return STATUS_OK;
}

enum status sb_set_limit(struct sb_ledger *l, uint32_t limit, enum sb_phase phase)
{
	if (!l || (phase != SB_CONSERVATIVE && phase != SB_RELAXED))
		return STATUS_INVALID_ARGUMENT;
	if (limit < l->limit)
		return STATUS_OUT_OF_RANGE;
	if (l->phase == SB_RELAXED && phase == SB_CONSERVATIVE)
		return STATUS_BAD_SEQUENCE;
	l->limit = limit;
	l->phase = (uint8_t)phase;
	return STATUS_OK;
}

enum status sb_alloc(struct sb_ledger *l, sb_handle b, uint32_t n)
{
	int slot;

	if (!l || n == 0)
		return STATUS_INVALID_ARGUMENT;
	slot = slot_of(l, b);
	if (slot < 0)
		return STATUS_NOT_FOUND;
	if (n > room_on_path(l, (unsigned)slot))
		return STATUS_NO_MEMORY;
	l->bank[slot].own += n;
	charge_path(l, (unsigned)slot, n, false);
	return STATUS_OK;
}

enum status sb_free(struct sb_ledger *l, sb_handle b, uint32_t n)
{
	int slot;

	if (!l || n == 0)
		return STATUS_INVALID_ARGUMENT;
	slot = slot_of(l, b);
	if (slot < 0)
		return STATUS_NOT_FOUND;
	if (n > l->bank[slot].own)
		return STATUS_OUT_OF_RANGE;
	l->bank[slot].own -= n;
	charge_path(l, (unsigned)slot, n, true);
	return STATUS_OK;
}

static int free_slot(const struct sb_ledger *l)
{
	unsigned i;

	for (i = ROOT_SLOT + 1; i < SB_MAX_BANKS; i++)
		if (!l->bank[i].live)
			return (int)i;
	return -1;
}

enum status sb_create(struct sb_ledger *l, sb_handle parent, uint32_t quota,
		      sb_handle *child)
{
	int p, c;
	struct sb_bank *nb;

	if (!l || !child || quota == 0)
		return STATUS_INVALID_ARGUMENT;
	p = slot_of(l, parent);
	if (p < 0)
		return STATUS_NOT_FOUND;
	if (p != ROOT_SLOT && quota > l->bank[p].quota)
		return STATUS_OUT_OF_RANGE;
	c = free_slot(l);
	if (c < 0)
		return STATUS_NO_MEMORY;
	nb = &l->bank[c];
	/* The generation survives the slot's reuse: old handles stay stale. */
	*nb = (struct sb_bank){ .quota = quota, .parent = (uint16_t)p,
				.generation = (uint16_t)(nb->generation + 1),
				.live = true };
	*child = make_handle((uint16_t)c, nb->generation);
	return STATUS_OK;
}

enum status sb_destroy(struct sb_ledger *l, sb_handle b, uint32_t *returned)
{
	int slot;
	unsigned i;

	if (!l || !returned)
		return STATUS_INVALID_ARGUMENT;
	slot = slot_of(l, b);
	if (slot < 0)
		return STATUS_NOT_FOUND;
	if (slot == ROOT_SLOT)
		return STATUS_NO_PERMISSION;
	*returned = l->bank[slot].held;
	charge_path(l, l->bank[slot].parent, l->bank[slot].held, true);
	/* Sub-banks first: `below` follows parent links through `slot`. */
	for (i = ROOT_SLOT + 1; i < SB_MAX_BANKS; i++)
		if (l->bank[i].live && below(l, i, (unsigned)slot))
			l->bank[i].live = false;
	l->bank[slot].live = false;
	return STATUS_OK;
}

enum status sb_query(const struct sb_ledger *l, sb_handle b, struct sb_query *q)
{
	int slot;

	if (!l || !q)
		return STATUS_INVALID_ARGUMENT;
	slot = slot_of(l, b);
	if (slot < 0)
		return STATUS_NOT_FOUND;
	q->limit = l->limit;
	q->quota = cap_of(l, (unsigned)slot);
	q->used = l->bank[slot].held;
	q->available = room_on_path(l, (unsigned)slot);
	q->phase = (enum sb_phase)l->phase;
	q->depth = depth_of(l, (unsigned)slot);
	return STATUS_OK;
}

const char *sb_phase_name(enum sb_phase phase)
{
	return phase == SB_RELAXED ? "relaxed" : "conservative";
}

static size_t put_text(char *buf, size_t cap, size_t at, const char *s)
{
	for (; *s; s++, at++)
		if (at + 1 < cap)
			buf[at] = *s;
	return at;
}

static size_t put_decimal(char *buf, size_t cap, size_t at, uint32_t v)
{
	char digits[11];
	unsigned n = 0;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (n > 0) {
		if (at + 1 < cap)
			buf[at] = digits[n - 1];
		at++;
		n--;
	}
	return at;
}

enum status sb_format_limit(const struct sb_ledger *l, char *buf, size_t cap,
			    size_t *len)
{
	size_t at;

	if (!l || !len || (!buf && cap != 0))
		return STATUS_INVALID_ARGUMENT;
	at = put_text(buf, cap, 0, "spacebank: limit=");
	at = put_decimal(buf, cap, at, l->limit);
	at = put_text(buf, cap, at, " phase=");
	at = put_text(buf, cap, at, sb_phase_name((enum sb_phase)l->phase));
	at = put_text(buf, cap, at, "\n");
	*len = at;
	if (at + 1 > cap) {
		if (cap > 0)
			buf[0] = '\0';
		return STATUS_SHORT_BUFFER;
	}
	buf[at] = '\0';
	return STATUS_OK;
}
