/*
 * devdisc - the device-discovery daemon (x86_64 guest).
 *
 * At boot: walk PCI through 0xCF8/0xCFC, log every device and BAR, map
 * every memory BAR through DevMem, compute the need and the fingerprint,
 * compare them with the boot-config blob through the shared retune policy,
 * act on the decision, settle keeping headroom for the free hot-plug
 * slots, tell the space bank, then watch the hot-plug slots every 10 ms
 * (guest_hotplug.c).  docs/devdisc.md has the log lines.
 *
 * Manifest: devdisc console,ioport:0xcf8-0xcff,devmem:all,settle,bootinfo,
 * endpoint:spacebank,reboot,framealloc (the last three optional: without
 * them no space bank refresh, no store write, no reboot).
 */
#include "guest.h"
#include "devdisc.h"
#include "dd_common.h"
#include "kh_user.h"
#include "kh_objects.h"
#include "../spacebank/sb_proto.h"

#define POLL_MS     10u

static struct devdisc dd;     /* large (the walk table): not on the stack */
char dd_logbuf[DEVDISC_LOG_BYTES];

static const char hex[] = "0123456789abcdef";

void dd_log_bdf(char out[8], const struct pci_device *dev)
{
	out[0] = hex[dev->bus >> 4];
	out[1] = hex[dev->bus & 15];
	out[2] = ':';
	out[3] = hex[(dev->dev >> 4) & 1];
	out[4] = hex[dev->dev & 15];
	out[5] = '.';
	out[6] = (char)('0' + (dev->fn & 7));
	out[7] = '\0';
}

/* Writes what a formatter put in dd_logbuf (st, len are its results). */
void dd_emit(enum status st, const size_t *len)
{
	dd_write_lines(st, dd_logbuf, len);
}

static enum status find_caps(struct devdisc *d)
{
	enum status st;

	if ((st = kh_cap_find(KH_CAP_IOPORT, 0, &d->io)) ||
	    (st = kh_cap_find(KH_CAP_DEVMEM, 0, &d->devmem)) ||
	    (st = kh_cap_find(KH_CAP_SETTLE, 0, &d->settle)) ||
	    (st = kh_cap_find(KH_CAP_BOOTINFO, 0, &d->bootinfo)))
		return st;
	/* The space bank is optional: an image without it must not block
	 * in a call nobody answers. */
	if (kh_cap_find(KH_CAP_ENDPOINT, 0, &d->spacebank))
		d->spacebank = KH_NO_SLOT;
	if ((st = kh_bootinfo_read(d->bootinfo, &d->facts)))
		return st;
	dd_tuning_from_facts(&d->facts, &d->tuning);
	return STATUS_OK;
}

/* One console write per device (its found, bar and window lines). */
static void log_walk(const struct devdisc *d)
{
	size_t len;

	for (uint16_t i = 0; i < d->walk.ndev; i++)
		dd_emit(devdisc_format_device(&d->walk.dev[i], dd_logbuf, sizeof dd_logbuf, &len), &len);
	for (uint16_t i = 0; i < d->walk.nwarn; i++)
		dd_emit(devdisc_format_warning(&d->walk.warn[i], dd_logbuf, sizeof dd_logbuf, &len), &len);
	if (d->walk.warn_dropped)
		kh_printf("devdisc: warning dev=none what=truncated-warnings detail=%u\n",
			  d->walk.warn_dropped);
}

static enum status measure(struct devdisc *d)
{
	enum status st;

	if ((st = devdisc_need(&d->walk, DEVDISC_HOTPLUG_RESERVE_FRAMES, &d->need)))
		return st;
	d->fingerprint = devdisc_fingerprint(&d->walk);
	if (d->fingerprint == 0)
		d->fingerprint = 1;   /* 0 means "none" in the blob */
	return STATUS_OK;
}

static enum status discover(struct devdisc *d)
{
	struct pci_access acc;
	enum status st;

	dd_pci_access(d, &acc);
	if ((st = pci_walk(&acc, &d->walk)))
		return st;
	log_walk(d);
	kh_printf("devdisc: walked devices=%u buses=%u warnings=%u accesses=%u\n",
		  d->walk.ndev, d->walk.nbuses, d->walk.nwarn, d->walk.accesses);
	dd_regions_collect(d);
	dd_map_pending(d);
	return measure(d);
}

/* A walk after a hot-plug event: silent (the caller logs what changed),
 * the mappings of devices still present kept. */
enum status dd_rewalk(struct devdisc *d)
{
	struct pci_access acc;
	enum status st;

	dd_pci_access(d, &acc);
	if ((st = pci_walk(&acc, &d->walk)))
		return st;
	dd_regions_refresh(d);
	return STATUS_OK;
}

static enum status decide(struct devdisc *d, struct retune_decision *dec)
{
	struct retune_params params;
	struct retune_input in = { .need = d->need, .fingerprint = d->fingerprint,
				   .ram_frames = d->facts.ram_frames };
	struct kh_stats s;
	enum status st;

	if ((st = kh_stats(&s)))
		return st;
	retune_default_params(&params);
	in.tuning = d->tuning;
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

/* Hot-plug-capable slots with nothing behind them. */
static uint32_t free_hotplug_slots(const struct pci_walk_result *w)
{
	uint32_t n = 0;

	for (uint16_t i = 0; i < w->ndev; i++) {
		bool occupied = false;

		if (!w->dev[i].slot.hotplug)
			continue;
		for (uint16_t j = 0; j < w->ndev; j++)
			occupied |= j != i && w->dev[j].parent == i;
		n += !occupied;
	}
	return n;
}

/* The device the log record names: the first one with a BAR the pool
 * could not map (what forced the decision), else none. */
static uint32_t find_trigger(const struct devdisc *d)
{
	for (uint32_t i = 0; i < d->nregion; i++) {
		const struct pci_device *dev = &d->walk.dev[d->region[i].dev];

		if (!d->region[i].mapped)
			return (uint32_t)dev->bus << 8 | (uint32_t)dev->dev << 3 | dev->fn;
	}
	return BOOTCFG_TRIGGER_NONE;
}

/* need and fingerprint for the devices now, the policy, and what it says. */
enum status dd_retune(struct devdisc *d)
{
	struct retune_decision dec;
	enum status st;

	if ((st = measure(d)) || (st = decide(d, &dec)))
		return st;
	if (d->trigger == BOOTCFG_TRIGGER_NONE)
		d->trigger = find_trigger(d);
	devdisc_act(d, &dec);
	d->trigger = BOOTCFG_TRIGGER_NONE;
	return STATUS_OK;
}

static enum status settle(struct devdisc *d)
{
	struct kh_stats s;
	uint64_t want = (uint64_t)free_hotplug_slots(&d->walk) * DEVDISC_HOTPLUG_RESERVE_FRAMES;
	uint32_t keep;
	size_t len;
	enum status st;

	if ((st = kh_stats(&s)))
		return st;
	keep = want < s.pool_headroom ? (uint32_t)want : s.pool_headroom;
	if ((st = kh_settle(d->settle, keep, NULL, NULL)))
		return st;
	d->settled = true;
	dd_emit(devdisc_format_settled(d->need, d->facts.pool_frames, dd_frames_mapped(d), keep,
				    d->fingerprint, dd_logbuf, sizeof dd_logbuf, &len), &len);
	return STATUS_OK;
}

static void refresh_spacebank(const struct devdisc *d)
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
	enum status st;

	if ((st = find_caps(&dd)))
		fail("caps", st);
	dd.va_next = DEVDISC_VA_BASE;
	dd.va_large_next = DEVDISC_VA_LARGE;
	dd.trigger = BOOTCFG_TRIGGER_NONE;
	if ((st = discover(&dd)))
		fail("discover", st);
	/* Cold changes (a device added while the machine was off) meet the
	 * same policy: need and fingerprint against the blob's. */
	if ((st = dd_retune(&dd)))
		fail("decide", st);
	if ((st = settle(&dd)))
		fail("settle", st);
	refresh_spacebank(&dd);
	dd_slots_init(&dd);
	for (;;) {
		kh_sleep_ms(POLL_MS);
		dd_hotplug_poll(&dd);
	}
}
