/*
 * cf_main.c - devdisc on ColdFire (QEMU mcf5208evb).
 *
 * At boot: read BootInfo, walk the DTB the loader carried in the ROM
 * image, log every node and region, map every region through DevMem,
 * compute the need (no hot-plug reserve: the board has no hot-plug bus)
 * and the fingerprint, ask the shared retune policy, grow the pool from
 * headroom if it says so, settle keeping nothing, tell the space bank,
 * and exit (there is nothing to watch).
 *
 * The DTB: BootInfo says where it is (dtb_phys, dtb_size).  It lies in
 * the boot ROM, and without an MMU every program can read any address, so
 * the BootInfo capability is what grants devdisc the knowledge of where
 * to read; nothing is mapped for it (a DevMem mapping would take pool
 * records the devices need).  docs/coldfire.md.
 *
 * Manifest: devdisc console,devmem:all,settle,bootinfo[,endpoint:spacebank]
 */
#include "cf_devdisc.h"
#include "dd_common.h"
#include "kh_user.h"
#include "kh_objects.h"
#include "../spacebank/sb_proto.h"

static struct cf_devdisc dd;      /* large (the walk table): not on the stack */
static char logbuf[1024];

static enum status find_caps(struct cf_devdisc *d)
{
	enum status st;

	if ((st = kh_cap_find(KH_CAP_DEVMEM, 0, &d->devmem)) ||
	    (st = kh_cap_find(KH_CAP_SETTLE, 0, &d->settle)) ||
	    (st = kh_cap_find(KH_CAP_BOOTINFO, 0, &d->bootinfo)))
		return st;
	/* Optional: a call nobody serves would block forever. */
	if (kh_cap_find(KH_CAP_ENDPOINT, 0, &d->spacebank))
		d->spacebank = KH_NO_SLOT;
	if ((st = kh_bootinfo_read(d->bootinfo, &d->facts)))
		return st;
	dd_tuning_from_facts(&d->facts, &d->tuning);
	return STATUS_OK;
}

static void emit(enum status st, const size_t *len)
{
	dd_write_lines(st, logbuf, len);
}

static void log_walk(const struct cf_devdisc *d)
{
	size_t len = 0;

	for (uint16_t i = 0; i < d->walk.ndev; i++)
		emit(fdtw_format_device(&d->walk.dev[i], logbuf, sizeof logbuf, &len), &len);
	for (uint16_t i = 0; i < d->walk.nwarn; i++)
		emit(fdtw_format_warning(&d->walk.warn[i], logbuf, sizeof logbuf, &len), &len);
	kh_printf("devdisc: walked nodes=%u devices=%u disabled=%u warnings=%u dtb=0x%lx size=%lu\n",
		  (unsigned)d->walk.nnodes, d->walk.ndev, d->walk.ndisabled, d->walk.nwarn,
		  (unsigned long)d->facts.dtb_phys, (unsigned long)d->facts.dtb_size);
}

static enum status discover(struct cf_devdisc *d)
{
	enum status st;

	if (d->facts.dtb_phys == 0 || d->facts.dtb_size == 0)
		return STATUS_NOT_FOUND;
	st = fdtw_walk((const void *)(uintptr_t)d->facts.dtb_phys, (size_t)d->facts.dtb_size,
		       &d->walk);
	if (st)
		return st;
	log_walk(d);
	cf_regions_collect(d);
	cf_map_pending(d);
	if ((st = fdtw_need(&d->walk, &d->need)))
		return st;
	d->need += CF_HOTPLUG_RESERVE_FRAMES;
	d->fingerprint = fdtw_fingerprint(&d->walk);
	if (d->fingerprint == 0)
		d->fingerprint = 1;   /* 0 means "none" in the blob */
	return STATUS_OK;
}

static enum status decide(struct cf_devdisc *d, struct retune_decision *dec)
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
		  cf_frames_unmapped(d), s.pool_headroom);
	return STATUS_OK;
}

/* A GROW served from headroom: exactly the records the unmapped regions
 * lack beyond the pool's free ones, then map them again. */
static void grow_from_headroom(struct cf_devdisc *d)
{
	uint32_t want = cf_frames_unmapped(d), count = want;
	struct kh_stats s;
	enum status st;

	if (want == 0)
		return;
	if (!kh_stats(&s))
		count = want > s.pool_free ? want - s.pool_free : 0;
	st = count ? kh_pool_grow(d->settle, count) : STATUS_OK;
	kh_printf("devdisc: pool-grow count=%u status=%s\n", count, status_name(st));
	if (!st)
		cf_map_pending(d);
}

/* The store writer (semihosting) is not there yet on ColdFire: a blob the
 * policy wants written is said, not written, and never rebooted on. */
static void act(struct cf_devdisc *d, const struct retune_decision *dec)
{
	if (dec->kind == RETUNE_GROW && !dec->reboot)
		grow_from_headroom(d);
	if (dec->kind == RETUNE_GIVE_UP)
		kh_printf("devdisc: give-up why=%s need=%u cap=%u unmapped=%u\n",
			  retune_why_name(dec->why), d->need, dec->cap, cf_frames_unmapped(d));
	if (dec->write_blob)
		kh_printf("devdisc: store-write status=%s new=%u reboot=%s\n",
			  status_name(STATUS_NOT_SUPPORTED), dec->new_pool,
			  dec->reboot ? "wanted" : "no");
}

static enum status settle(struct cf_devdisc *d)
{
	enum status st = kh_settle(d->settle, 0, NULL, NULL);

	if (st)
		return st;
	kh_printf("devdisc: settled need=%u pool=%u used=%u keep=0 fingerprint=%016llx\n",
		  d->need, d->facts.pool_frames, cf_frames_mapped(d),
		  (unsigned long long)d->fingerprint);
	return STATUS_OK;
}

static void refresh_spacebank(const struct cf_devdisc *d)
{
	struct kh_msg m = { .label = SB_OP_REFRESH, .cap = KH_NO_SLOT };
	enum status st;

	if (d->spacebank == KH_NO_SLOT)
		return;
	st = kh_call(d->spacebank, &m);
	if (!st)
		st = (enum status)m.label;
	kh_printf("devdisc: spacebank refresh status=%s limit=%lu\n", status_name(st),
		  (unsigned long)m.word[0]);
}

static void fail(const char *what, enum status st)
{
	kh_printf("devdisc: error step=%s status=%s\n", what, status_name(st));
	kh_exit(1);
}

int main(void)
{
	struct retune_decision dec;
	enum status st;

	if ((st = find_caps(&dd)))
		fail("caps", st);
	if ((st = discover(&dd)))
		fail("discover", st);
	if ((st = decide(&dd, &dec)))
		fail("decide", st);
	act(&dd, &dec);
	if ((st = settle(&dd)))
		fail("settle", st);
	refresh_spacebank(&dd);
	kh_printf("devdisc: done\n");
	return 0;
}
