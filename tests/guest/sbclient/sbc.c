/*
 * sbc.c - space bank client calls (sbc.h).
 */
#include <stddef.h>
#include "sbc.h"
#include "kh_objects.h"

static uint32_t ep_slot;

enum status sbc_open(void)
{
	return kh_cap_find(KH_CAP_ENDPOINT, 0, &ep_slot);
}

enum status sbc_call(uint32_t op, uint64_t a0, uint64_t a1, uint64_t *r0)
{
	struct kh_msg m = { .label = op, .word = { a0, a1 }, .cap = KH_NO_SLOT };
	enum status st = kh_call(ep_slot, &m);

	if (st)
		return st;
	if (r0)
		*r0 = m.word[0];
	return (enum status)m.label;
}

enum status sbc_query(uint64_t bank, struct sb_info *info)
{
	struct kh_msg m = { .label = SB_OP_QUERY, .word = { bank }, .cap = KH_NO_SLOT };
	enum status st = kh_call(ep_slot, &m);

	if (st)
		return st;
	if (m.label == STATUS_OK && m.len != sizeof(*info))
		return STATUS_BAD_LENGTH;
	if (m.label == STATUS_OK)
		__builtin_memcpy(info, m.buf, sizeof(*info));
	return (enum status)m.label;
}

enum status sbc_refresh(uint64_t *limit, uint64_t *phase)
{
	struct kh_msg m = { .label = SB_OP_REFRESH, .cap = KH_NO_SLOT };
	enum status st = kh_call(ep_slot, &m);

	if (st)
		return st;
	*limit = m.word[0];
	*phase = m.word[1];
	return (enum status)m.label;
}

/* Big steps first so that a limit of tens of thousands of frames takes a
 * few dozen calls, not one per frame. */
uint32_t sbc_alloc_until_refused(uint64_t bank, enum status *last)
{
	uint32_t got = 0, step = 1u << 16;
	enum status st = STATUS_OK;

	while (step > 0) {
		st = sbc_call(SB_OP_ALLOC, bank, step, NULL);
		if (st == STATUS_OK)
			got += step;
		else if (st == STATUS_NO_MEMORY)
			step /= 2;
		else
			break;
	}
	*last = st;
	return got;
}
