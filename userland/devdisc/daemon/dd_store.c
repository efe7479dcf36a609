/*
 * dd_store.c - devdisc's writes to the config store (dd_store.h): the
 * policy's blob and its retune-log record.  devdisc does not drive the
 * store itself: the storewriter driver does (userland/drivers/
 * storewriter), started by dd_store_client() with exactly the store's
 * capabilities (dd_store_x86_64.c: the disk's BARs, one DMA frame;
 * dd_store_coldfire.c: the Store capability) and asked over IPC
 * (userland/storewriter/sw_client.h).  Same log lines and log records on
 * both targets.
 *
 * The store is opened at boot, after the walk and before devdisc maps any
 * device (dd_store_open): the records and the DMA frame a re-tune needs
 * are taken while the pool is still whole, so a pool too small for the
 * devices still leaves room to write the blob and reboot.  The disk's
 * frames are published for the driver; devdisc's own mapping of them
 * later takes no second record.  A store that did not open at boot is
 * tried again at the first write.
 *
 * Every write of a boot carries boot_count = the booted blob's + 1, so the
 * counter moves once per boot however many blobs the boot writes, and a
 * record's `boot` names the boot that wrote it; a boot that wrote nothing
 * else counts itself after its decision with a blob alone
 * (dd_store_count_boot).  A kill during that write leaves the previous
 * blob: the boot is not counted, never counted twice.  After a failed
 * write the driver's read-back of the store is logged (store-ondisk)
 * before the failure line.
 *
 * DEVDISC_TEAR (the devdisctorn test images): the driver started is
 * tornwriter, which writes the slot sector only in part; devdisc stops
 * there, as power loss in the middle of the write leaves the disk; the
 * test then kills the machine.
 */
#include "dd_store.h"
#include "kh_user.h"
#include "kh_objects.h"

enum status dd_store_open(struct dd_state *d)
{
	struct sw_client *c;
	enum status st = dd_store_client(d, &c);

	kh_printf("devdisc: store-open status=%s frames=%u\n", status_name(st), c->frames);
	return st;
}

/* This boot's number: one more than the blob it booted on. */
static uint32_t this_boot(const struct dd_state *d)
{
	return d->facts.boot_count + 1;
}

static void make_record(const struct dd_state *d, const struct retune_decision *dec,
			struct bootcfg_log_record *rec)
{
	*rec = (struct bootcfg_log_record){
		.boot = this_boot(d), .old_pool = d->tuning.pool_frames,
		.new_pool = dec->next.pool_frames, .need = d->need,
		.reason = dec->next.last_reason, .reboot = dec->reboot ? 1 : 0,
		.trigger = d->trigger, .fingerprint = d->fingerprint,
	};
}

/* After a failed write: what the store holds now, read back by the
 * driver, so that the failure line is not the only word on it. */
static void report_ondisk(const struct store_ondisk *o)
{
	kh_printf("devdisc: store-ondisk read=%s slot=%s generation=%lu blob=%s record=%s\n",
		  status_name(o->read), o->read ? "none" : bootcfg_slot_name(o->slot),
		  (unsigned long)o->generation, o->blob_landed ? "landed" : "missing",
		  o->record_landed ? "landed" : "missing");
}

/* tornwriter tore the slot sector: stop as power loss would. */
static void stop_torn(const struct sw_result *r, const struct bootcfg *next)
{
	kh_printf("devdisc: torn slot=%s generation=%lu bytes=%u\n", bootcfg_slot_name(r->slot),
		  (unsigned long)next->generation, r->torn_bytes);
	for (;;)
		kh_sleep_ms(1000);   /* the test kills the machine here */
}

/* One write through the driver; a failure's read-back is logged. */
static enum status write_store(struct dd_state *d, struct bootcfg *next,
			       struct bootcfg_log_record *rec, struct sw_result *r)
{
	struct sw_client *c;
	enum status st = dd_store_client(d, &c);

	*r = (struct sw_result){ .st = st, .slot = BOOTCFG_SLOT_DEFAULT };
	if (st)
		return st;
	st = sw_client_write(c, next, rec, r);
	if (r->torn_bytes)
		stop_torn(r, next);
	if (st)
		report_ondisk(&r->ondisk);
	else
		d->tuning = *next;
	return st;
}

enum status dd_store_write(struct dd_state *d, const struct retune_decision *dec)
{
	struct bootcfg next = dec->next;
	struct bootcfg_log_record rec;
	struct sw_result r;
	enum status st;

	next.boot_count = this_boot(d);
	make_record(d, dec, &rec);
	kh_printf("devdisc: event=retune old=%u new=%u reason=%s reboot=%s need=%u\n",
		  rec.old_pool, rec.new_pool, retune_why_name(dec->why),
		  dec->reboot ? "yes" : "no", d->need);
	st = write_store(d, &next, &rec, &r);
	kh_printf("devdisc: store-write status=%s slot=%s generation=%lu seq=%u\n",
		  status_name(st), st ? "none" : bootcfg_slot_name(r.slot),
		  (unsigned long)next.generation, st ? 0u : rec.seq);
	return st;
}

enum status dd_store_count_boot(struct dd_state *d)
{
	struct bootcfg next = d->tuning;
	struct sw_result r;
	enum status st;

	if (d->tuning.boot_count == this_boot(d))
		return STATUS_OK;            /* a write of this boot counted it */
	next.boot_count = this_boot(d);
	st = write_store(d, &next, NULL, &r);
	kh_printf("devdisc: boot-count boot=%u status=%s slot=%s generation=%lu\n",
		  next.boot_count, status_name(st), st ? "none" : bootcfg_slot_name(r.slot),
		  (unsigned long)(st ? 0 : next.generation));
	return st;
}
