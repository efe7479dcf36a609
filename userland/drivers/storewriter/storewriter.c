/*
 * storewriter - the config store's driver: devdisc starts it over the
 * device-manager protocol (kh_drv.h) and it writes what devdisc asks
 * (sw_proto.h) with the torn-safe sequence (store_write.h).  It holds
 * only what it was handed: on x86_64 the store disk's BARs, a snapshot of
 * its configuration space and one DMA frame; on ColdFire the Store
 * capability (sw_drv.h).  devdisc tries it on each candidate disk: the
 * one whose serial is not the store's gets NOT_FOUND at START and the
 * driver ends.
 *
 * Line: `storewriter: open dev=<bdf|store> status=<s> pid=<n>`.
 *
 * Built a second time as tornwriter (SW_TEAR): its first write that
 * carries a log record writes only the first SW_TEAR_BYTES of the new
 * slot sector (the rest keeps the old bytes, as a write cut by power loss
 * leaves it), flushes, replies with the torn byte count and stops; the
 * test kills the machine there.  Started only by devdisc or a test
 * program (manifest: `storewriter spawned`).
 */
#include "sw_drv.h"
#include "sw_proto.h"
#include "kh_user.h"
#include "kh_objects.h"

#define SW_TEAR_BYTES 32u    /* inside the blob, before its checksum */

static struct store_scratch scratch;

static enum status answer(uint32_t ep, struct kh_msg *m, enum status st)
{
	*m = (struct kh_msg){ .label = st ? (uint64_t)st : KH_DRV_OK, .cap = KH_NO_SLOT };
	return kh_reply(ep, m);
}

/* GRANTs and CONFIG until START; then the store opens or not. */
static enum status take_device(uint32_t ep, const struct blkdev **dev)
{
	struct kh_msg m;
	enum status st;

	for (;;) {
		if ((st = kh_recv(ep, &m)))
			return st;
		if (m.label == KH_DRV_START)
			break;
		st = m.label == KH_DRV_GRANT ? sw_drv_grant(&m)
		   : m.label == KH_DRV_CONFIG ? sw_drv_config(&m) : STATUS_INVALID_ARGUMENT;
		answer(ep, &m, st);
	}
	st = sw_drv_open(dev);
	kh_printf("storewriter: open dev=%s status=%s pid=%u\n", sw_drv_name(), status_name(st),
		  kh_getpid());
	answer(ep, &m, st);
	return st;
}

#ifdef SW_TEAR
/* The new slot sector's head over the old sector's tail. */
static enum status write_torn(const struct blkdev *dev, struct bootcfg *next,
			      struct sw_result *r)
{
	struct bootcfg_choice cur;
	enum status st;

	if ((st = store_read_image(dev, scratch.store)))
		return st;
	bootcfg_select(scratch.store, sizeof scratch.store, &cur);
	st = bootcfg_prepare_write(&cur, next, &r->slot, scratch.sector, sizeof scratch.sector);
	if (st)
		return st;
	for (unsigned i = SW_TEAR_BYTES; i < BLKDEV_SECTOR_BYTES; i++)
		scratch.sector[i] = scratch.store[BOOTCFG_SLOT_OFFSET(r->slot) + i];
	if ((st = dev->write(dev->ctx, (uint32_t)r->slot, scratch.sector)) ||
	    (st = dev->flush(dev->ctx)))
		return st;
	r->torn_bytes = SW_TEAR_BYTES;
	return STATUS_OK;
}
#endif

/* The sequence, or (tornwriter) the tear for a write with a record. */
static enum status do_write(const struct blkdev *dev, struct bootcfg *next,
			    struct bootcfg_log_record *rec, struct sw_result *r)
{
#ifdef SW_TEAR
	if (rec)
		return write_torn(dev, next, r);
#endif
	return store_write(dev, next, rec, &scratch, &r->slot);
}

static void write_one(const struct blkdev *dev, struct kh_msg *m)
{
	struct bootcfg next = { 0 };
	struct bootcfg_log_record rec = { 0 };
	struct sw_result r = { .slot = BOOTCFG_SLOT_DEFAULT };
	bool has_rec;

	r.st = sw_req_unpack(m, &next, &rec, &has_rec);
	if (!r.st)
		r.st = do_write(dev, &next, has_rec ? &rec : NULL, &r);
	if (r.st)
		r.ondisk = scratch.ondisk;
	sw_rep_pack(m, &r, &next, has_rec ? &rec : NULL);
}

/* Requests until REVOKE (or devdisc is gone). */
static void serve(uint32_t ep, const struct blkdev *dev)
{
	struct kh_msg m;

	while (kh_recv(ep, &m) == STATUS_OK) {
		if (m.label == KH_DRV_REVOKE) {
			answer(ep, &m, STATUS_OK);
			return;
		}
		if (m.label != SW_OP_WRITE) {
			answer(ep, &m, STATUS_INVALID_ARGUMENT);
			continue;
		}
		write_one(dev, &m);
		bool torn = (m.word[0] >> 8) != 0;
		kh_reply(ep, &m);
		while (torn)
			kh_sleep_ms(1000);   /* the test kills the machine here */
	}
}

int main(void)
{
	const struct blkdev *dev;
	uint32_t ep;

	if (kh_cap_find(KH_CAP_ENDPOINT, 0, &ep)) {
		kh_printf("storewriter: no endpoint\n");
		return 1;
	}
	enum status st = take_device(ep, &dev);
	if (st)
		return st == STATUS_NOT_FOUND ? 0 : 1;   /* not the store: nothing wrong */
	serve(ep, dev);
	return 0;
}
