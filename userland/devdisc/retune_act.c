/*
 * retune_act.c - acting on the retune policy's decision.
 *
 * A GROW the kept headroom can serve moves exactly the missing records
 * onto the pool (Settle POOL_GROW) and maps what was short.  A blob the
 * policy wants written (grow, lazy shrink, cure, give-up) goes to the
 * config store with its log record, read back and verified; only then,
 * and only when the policy says so, devdisc reboots with reason retune.
 * A failed write never reboots: the next boot would not see the new N,
 * and rebooting anyway is the loop the guard exists to prevent.
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

static void reboot_for_retune(void)
{
	enum status st;

	kh_printf("devdisc: reboot reason=retune\n");
	st = kh_reboot(BOOT_REASON_RETUNE);
	kh_printf("devdisc: error step=reboot status=%s\n", status_name(st));
}

static void log_give_up(const struct devdisc *d, const struct retune_decision *dec)
{
	kh_printf("devdisc: give-up why=%s need=%u cap=%u unmapped=%u\n",
		  retune_why_name(dec->why), d->need, dec->cap, dd_frames_unmapped(d));
}

void devdisc_act(struct devdisc *d, const struct retune_decision *dec)
{
	enum status st = STATUS_OK;

	if (dec->kind == RETUNE_GROW && !dec->reboot)
		grow_from_headroom(d);
	if (dec->kind == RETUNE_GIVE_UP)
		log_give_up(d, dec);
	if (dec->write_blob)
		st = dd_store_write(d, dec);
	if (dec->reboot && !st)
		reboot_for_retune();
}
