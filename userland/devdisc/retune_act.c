/*
 * retune_act.c - acting on the retune policy's decision.
 *
 * Now: a GROW the kept headroom can serve moves exactly the missing
 * records onto the pool (Settle POOL_GROW) and maps what was short.
 * Issue 6 adds here: write dec->next to the config store when
 * dec->write_blob (the `event=retune` line), and reboot with reason
 * "retune" when dec->reboot.
 */
#include "guest.h"
#include "kh_user.h"
#include "kh_objects.h"

/* Records the unmapped regions need beyond what the pool has free. */
static uint32_t records_short(const struct devdisc *d)
{
	struct kh_stats s;
	uint32_t want = dd_frames_unmapped(d);

	if (kh_stats(&s))
		return want;
	return want > s.pool_free ? want - s.pool_free : 0;
}

static void grow_from_headroom(struct devdisc *d)
{
	uint32_t count = records_short(d);
	enum status st;

	if (count == 0 && dd_frames_unmapped(d) == 0)
		return;
	st = count ? kh_pool_grow(d->settle, count) : STATUS_OK;
	kh_printf("devdisc: pool-grow count=%u status=%s\n", count, status_name(st));
	if (!st)
		dd_map_pending(d);
}

void devdisc_act(struct devdisc *d, const struct retune_decision *dec)
{
	if (dec->kind == RETUNE_GROW && !dec->reboot)
		grow_from_headroom(d);
	/* Issue 6: if (dec->write_blob) store the blob; if (dec->reboot) reboot. */
}
