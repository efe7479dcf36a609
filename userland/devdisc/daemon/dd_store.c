/*
 * dd_store.c - devdisc's writes to the config store (dd_store.h): the
 * policy's blob and its retune-log record, with the shared torn-safe
 * sequence (userland/storewriter/store_write.h) over the target's block
 * device (dd_store_open: virtio-blk on x86_64, dd_store_x86_64.c; the
 * kernel's Store capability on ColdFire, dd_store_coldfire.c).  Same log
 * lines and log records on both.
 *
 * The store is opened at boot, before devdisc maps any device
 * (dd_store_open): the records, mappings and DMA frame a re-tune needs
 * are taken while the pool is still whole, so a pool too small for the
 * devices still leaves room to write the blob and reboot.  On x86_64
 * devdisc's own regions for the store disk's BARs adopt the writer's
 * mappings (dd_map.c), so the disk is mapped once.  A store that did not
 * open at boot is tried again at the first write.
 *
 * Every write of a boot carries boot_count = the booted blob's + 1, so the
 * counter moves once per boot however many blobs the boot writes, and a
 * record's `boot` names the boot that wrote it; a boot that wrote nothing
 * else counts itself after its decision with a blob alone
 * (dd_store_count_boot).  A kill during that write leaves the previous
 * blob: the boot is not counted, never counted twice.  After a failed
 * write the writer's read-back of the store is logged (store-ondisk)
 * before the failure line.
 *
 * DEVDISC_TEAR (the devdisctorn test images): the slot sector is written
 * only in part and devdisc stops there, as power loss in the middle of
 * the write leaves the disk; the test then kills the machine.
 */
#include "dd_store.h"
#include "dd_map.h"
#include "kh_user.h"
#include "kh_objects.h"
#include "store_write.h"

static struct store_scratch scratch;

enum status dd_store_open(struct dd_state *d)
{
	const struct blkdev *dev;
	enum status st = dd_store_device(d, &dev);

	kh_printf("devdisc: store-open status=%s frames=%u\n", status_name(st),
		  dd_frames_extra(d));
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
 * writer, so that the failure line is not the only word on it. */
static void report_ondisk(const struct store_ondisk *o)
{
	kh_printf("devdisc: store-ondisk read=%s slot=%s generation=%lu blob=%s record=%s\n",
		  status_name(o->read), o->read ? "none" : bootcfg_slot_name(o->slot),
		  (unsigned long)o->generation, o->blob_landed ? "landed" : "missing",
		  o->record_landed ? "landed" : "missing");
}

#ifdef DEVDISC_TEAR
#define TEAR_BYTES 32u   /* inside the blob, before its checksum */

/* The new slot sector's head over the old sector's tail, then stop. */
static enum status write_torn(const struct blkdev *dev, struct bootcfg *next)
{
	struct bootcfg_choice cur;
	enum bootcfg_slot slot;
	enum status st;

	if ((st = store_read_image(dev, scratch.store)))
		return st;
	bootcfg_select(scratch.store, sizeof scratch.store, &cur);
	st = bootcfg_prepare_write(&cur, next, &slot, scratch.sector, sizeof scratch.sector);
	if (st)
		return st;
	for (unsigned i = TEAR_BYTES; i < BLKDEV_SECTOR_BYTES; i++)
		scratch.sector[i] = scratch.store[BOOTCFG_SLOT_OFFSET(slot) + i];
	if ((st = dev->write(dev->ctx, (uint32_t)slot, scratch.sector)))
		return st;
	if ((st = dev->flush(dev->ctx)))
		return st;
	kh_printf("devdisc: torn slot=%s generation=%lu bytes=%u\n", bootcfg_slot_name(slot),
		  (unsigned long)next->generation, TEAR_BYTES);
	for (;;)
		kh_sleep_ms(1000);   /* the test kills the machine here */
}
#endif

enum status dd_store_write(struct dd_state *d, const struct retune_decision *dec)
{
	struct bootcfg next = dec->next;
	struct bootcfg_log_record rec;
	enum bootcfg_slot slot = BOOTCFG_SLOT_DEFAULT;
	const struct blkdev *dev;
	enum status st;

	next.boot_count = this_boot(d);
	make_record(d, dec, &rec);
	kh_printf("devdisc: event=retune old=%u new=%u reason=%s reboot=%s need=%u\n",
		  rec.old_pool, rec.new_pool, retune_why_name(dec->why),
		  dec->reboot ? "yes" : "no", d->need);
	if ((st = dd_store_device(d, &dev)))
		goto out;
#ifdef DEVDISC_TEAR
	st = write_torn(dev, &next);
#else
	st = store_write(dev, &next, &rec, &scratch, &slot);
#endif
	if (!st)
		d->tuning = next;
	else
		report_ondisk(&scratch.ondisk);
out:
	kh_printf("devdisc: store-write status=%s slot=%s generation=%lu seq=%u\n",
		  status_name(st), st ? "none" : bootcfg_slot_name(slot),
		  (unsigned long)next.generation, st ? 0u : rec.seq);
	return st;
}

enum status dd_store_count_boot(struct dd_state *d)
{
	struct bootcfg next = d->tuning;
	enum bootcfg_slot slot = BOOTCFG_SLOT_DEFAULT;
	const struct blkdev *dev;
	enum status st;

	if (d->tuning.boot_count == this_boot(d))
		return STATUS_OK;            /* a write of this boot counted it */
	next.boot_count = this_boot(d);
	st = dd_store_device(d, &dev);
	if (!st && (st = store_write(dev, &next, NULL, &scratch, &slot)))
		report_ondisk(&scratch.ondisk);
	if (!st)
		d->tuning = next;
	kh_printf("devdisc: boot-count boot=%u status=%s slot=%s generation=%lu\n",
		  next.boot_count, status_name(st), st ? "none" : bootcfg_slot_name(slot),
		  (unsigned long)(st ? 0 : next.generation));
	return st;
}
