/*
 * devdisc - the device-discovery daemon, one program for both targets
 * (dd.h): the bus backend linked in says which bus it walks.
 *
 * At boot: read BootInfo, walk the bus and log every device, start the
 * store's driver, map every region through DevMem, compute the need and
 * the fingerprint, compare them with the boot-config blob through the
 * shared retune policy, act on the decision, settle keeping headroom for
 * the devices still to come, tell the space bank, then watch (PCI: the hot-plug slots every 10 ms;
 * the FDT backend has nothing to watch and devdisc exits).
 * docs/devdisc.md has the log lines; the manifests are in the backends.
 */
#include "dd.h"
#include "dd_bus.h"
#include "dd_log.h"
#include "dd_map.h"
#include "dd_policy.h"
#include "dd_store.h"
#include "dd_tuning.h"
#include "dd_va.h"
#include "line_settled.h"
#include "kh_user.h"
#include "kh_objects.h"
#include "../../spacebank/sb_proto.h"

static struct dd_state dd;

static enum status find_caps(struct dd_state *d)
{
	enum status st;

	if ((st = dd_bus_caps(d)) ||
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

static enum status discover(struct dd_state *d)
{
	enum status st;

	if ((st = dd_bus_discover(d)))
		return st;
	/* The re-tune path first: the store writer's records and DMA frame
	 * before any device's (its failure is logged; writes retry). */
	dd_store_open(d);
	dd_map_pending(d);
	return dd_measure(d);
}

/* Keeps what the backend reserves for devices still to come, as far as
 * the headroom goes. */
static enum status settle(struct dd_state *d)
{
	struct kh_stats s;
	uint32_t want = dd_bus_reserve(d), keep = 0;
	size_t len;
	enum status st;

	if (want && (st = kh_stats(&s)))
		return st;
	if (want)
		keep = want < s.pool_headroom ? want : s.pool_headroom;
	if ((st = kh_settle(d->settle, keep, NULL, NULL)))
		return st;
	d->settled = true;
	dd_emit(line_format_settled(d->need, d->facts.pool_frames, dd_frames_mapped(d), keep,
				    d->fingerprint, dd_logbuf, sizeof dd_logbuf, &len), &len);
	return STATUS_OK;
}

static void refresh_spacebank(const struct dd_state *d)
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
	dd_va_init(&dd);
	dd.trigger = BOOTCFG_TRIGGER_NONE;
	if ((st = discover(&dd)))
		fail("discover", st);
	/* Cold changes (a device added while the machine was off) meet the
	 * same policy: need and fingerprint against the blob's. */
	if ((st = dd_retune(&dd)))
		fail("decide", st);
	/* The boot counter, before settle: once devdisc says it has settled
	 * it leaves the store disk alone. */
	dd_store_count_boot(&dd);
	if ((st = settle(&dd)))
		fail("settle", st);
	refresh_spacebank(&dd);
	dd_bus_watch(&dd);
	/* Nothing left to watch (the FDT backend): the driver ends too. */
	dd_store_close(&dd);
	return 0;
}
