/*
 * dd_policy.c - asking the retune policy and acting on its decision.
 *
 * A GROW the kept headroom can serve moves exactly the missing records
 * onto the pool (Settle POOL_GROW) and maps what was short.  A blob the
 * policy wants written (grow, lazy shrink, cure, give-up) goes to the
 * config store with its log record, read back and verified; only then,
 * and only when the policy says so, devdisc reboots with reason retune.
 * A failed write never reboots: the next boot would not see the new N,
 * and rebooting anyway is the loop the guard exists to prevent.
 */
#include "dd_policy.h"
#include "dd_bus.h"
#include "dd_map.h"
#include "dd_store.h"
#include "retune_policy.h"
#include "kh_user.h"
#include "kh_objects.h"

enum status dd_measure(struct dd_state *d)
{
	enum status st;

	if ((st = dd_bus_measure(d, &d->need, &d->fingerprint)))
		return st;
	if (d->fingerprint == 0)
		d->fingerprint = 1;   /* 0 means "none" in the blob */
	return STATUS_OK;
}

static enum status decide(struct dd_state *d, struct retune_decision *dec)
{
	struct retune_params params;
	struct retune_input in = { .need = d->need, .fingerprint = d->fingerprint,
				   .ram_frames = d->facts.ram_frames, .tuning = d->tuning };
	struct kh_stats s;
	enum status st;

	if ((st = kh_stats(&s)))
		return st;
	retune_default_params(&params);
	in.running_pool = s.pool_n;
	in.kept_headroom = s.pool_headroom;
	if ((st = retune_decide(&params, &in, dec)))
		return st;
	kh_printf("devdisc: decision=%s need=%u pool=%u why=%s new=%u reboot=%s write=%s"
		  " unmapped=%u headroom=%u\n", retune_kind_name(dec->kind), d->need,
		  s.pool_n, retune_why_name(dec->why), dec->new_pool,
		  dec->reboot ? "yes" : "no", dec->write_blob ? "yes" : "no",
		  dd_frames_unmapped(d), s.pool_headroom);
	return STATUS_OK;
}

/* Records the unmapped regions need beyond what the pool has free. */
static uint32_t records_short(const struct dd_state *d)
{
	struct kh_stats s;
	uint32_t want = dd_frames_unmapped(d);

	if (kh_stats(&s))
		return want;
	return want > s.pool_free ? want - s.pool_free : 0;
}

static void grow_from_headroom(struct dd_state *d)
{
	uint32_t count;
	enum status st;

	if (dd_frames_unmapped(d) == 0)
		return;
	count = records_short(d);
	st = count ? kh_pool_grow(d->settle, count) : STATUS_OK;
	kh_printf("devdisc: pool-grow count=%u status=%s\n", count, status_name(st));
	if (!st)
		dd_map_pending(d);
}

static void reboot_for_retune(struct dd_state *d)
{
	enum status st;

	dd_bus_quiesce(d);
	kh_printf("devdisc: reboot reason=retune\n");
	st = kh_reboot(BOOT_REASON_RETUNE);
	kh_printf("devdisc: error step=reboot status=%s\n", status_name(st));
}

static void log_give_up(const struct dd_state *d, const struct retune_decision *dec)
{
	kh_printf("devdisc: give-up why=%s need=%u cap=%u unmapped=%u\n",
		  retune_why_name(dec->why), d->need, dec->cap, dd_frames_unmapped(d));
}

static void act(struct dd_state *d, const struct retune_decision *dec)
{
	enum status st = STATUS_OK;

	if (dec->kind == RETUNE_GROW && !dec->reboot)
		grow_from_headroom(d);
	if (dec->kind == RETUNE_GIVE_UP)
		log_give_up(d, dec);
	if (dec->write_blob)
		st = dd_store_write(d, dec);
	if (dec->reboot && !st)
		reboot_for_retune(d);
}

/* The device the log record names: the first one with a region the pool
 * could not map (what forced the decision), else none. */
static uint32_t find_trigger(const struct dd_state *d)
{
	for (uint32_t i = 0; i < d->nregion; i++)
		if (!d->region[i].mapped)
			return dd_bus_trigger(d, d->region[i].dev);
	return BOOTCFG_TRIGGER_NONE;
}

enum status dd_retune(struct dd_state *d)
{
	struct retune_decision dec;
	enum status st;

	if ((st = dd_measure(d)) || (st = decide(d, &dec)))
		return st;
	if (d->trigger == BOOTCFG_TRIGGER_NONE)
		d->trigger = find_trigger(d);
	act(d, &dec);
	d->trigger = BOOTCFG_TRIGGER_NONE;
	return STATUS_OK;
}
