/*
 * storetest - exercises the in-guest store writer (userland/storewriter/
 * guest.h): opens the config store disk, says which blob selection picks,
 * then writes the next blob (pool + 64, reason manual) and a log record
 * and verifies them.  Built a second time as storetorn (STORETEST_TORN):
 * it writes only the first STORETEST_TORN_BYTES of the new slot sector,
 * the rest keeping the old bytes, as a write cut by power loss leaves it,
 * and stops; the QEMU test then kills the machine.
 *
 * Lines: `storetest: current slot=<A|B|default> generation=<g> pool=<N>`,
 * `storetest: wrote slot=<A|B> generation=<g> pool=<N> seq=<s>` or
 * `storetest: torn slot=<A|B> generation=<g> bytes=<n>`, and
 * `storetest: failed step=<what> status=<name>` on an error.
 */
#include "kh_user.h"
#include "kh_objects.h"
#include "guest.h"

#define POOL_STEP            64u
#define STORETEST_TORN_BYTES 32u    /* inside the blob, before its checksum */

static struct sw_store store;
static struct store_scratch scratch;
static uint8_t image[BOOTCFG_STORE_BYTES];

static int fail(const char *step, enum status st)
{
	kh_printf("storetest: failed step=%s status=%s\n", step, status_name(st));
	return 1;
}

static void next_blob(const struct bootcfg *cur, struct bootcfg *next,
		      struct bootcfg_log_record *rec)
{
	*next = *cur;
	next->pool_frames = cur->pool_frames + POOL_STEP;
	next->last_reason = BOOTCFG_REASON_MANUAL;
	*rec = (struct bootcfg_log_record){ .boot = cur->boot_count,
		.old_pool = cur->pool_frames, .new_pool = next->pool_frames,
		.reason = BOOTCFG_REASON_MANUAL, .trigger = BOOTCFG_TRIGGER_NONE,
		.fingerprint = cur->fingerprint };
}

#ifdef STORETEST_TORN
/* The new slot sector's head over the old sector's tail, then stop. */
static int write_torn(const struct bootcfg_choice *cur, struct bootcfg *next)
{
	enum bootcfg_slot slot;
	enum status st;
	unsigned i;

	st = bootcfg_prepare_write(cur, next, &slot, scratch.sector, sizeof(scratch.sector));
	if (st)
		return fail("prepare", st);
	for (i = STORETEST_TORN_BYTES; i < VBLK_SECTOR_BYTES; i++)
		scratch.sector[i] = image[BOOTCFG_SLOT_OFFSET(slot) + i];
	st = vblk_write(&store.blk, (uint64_t)slot, scratch.sector);
	if (!st && store.blk.flush)
		st = vblk_flush(&store.blk);
	if (st)
		return fail("torn-write", st);
	kh_printf("storetest: torn slot=%s generation=%lu bytes=%u\n", bootcfg_slot_name(slot),
		  (unsigned long)next->generation, STORETEST_TORN_BYTES);
	for (;;)
		kh_sleep_ms(1000);    /* the test kills the machine here */
}
#else
static int write_next(struct bootcfg *next, struct bootcfg_log_record *rec)
{
	enum bootcfg_slot slot;
	enum status st = sw_write(&store, next, rec, &scratch, &slot);

	if (st)
		return fail("write", st);
	kh_printf("storetest: wrote slot=%s generation=%lu pool=%u seq=%u\n",
		  bootcfg_slot_name(slot), (unsigned long)next->generation,
		  next->pool_frames, rec->seq);
	return 0;
}
#endif

int main(void)
{
	struct sw_env env;
	struct bootcfg_choice cur;
	struct bootcfg next;
	struct bootcfg_log_record rec;
	enum status st = sw_env_default(&env);

	if (st)
		return fail("caps", st);
	st = sw_open(&store, &env);
	if (st)
		return fail("open", st);
	kh_printf("storetest: store dev=00:%x.%u capacity=%lu\n", store.pf.dev, store.pf.fn,
		  (unsigned long)store.blk.capacity);
	st = sw_read_store(&store, image);
	if (st)
		return fail("read", st);
	bootcfg_select(image, sizeof(image), &cur);
	kh_printf("storetest: current slot=%s generation=%lu pool=%u\n",
		  bootcfg_slot_name(cur.slot), (unsigned long)cur.cfg.generation,
		  cur.cfg.pool_frames);
	next_blob(&cur.cfg, &next, &rec);
#ifdef STORETEST_TORN
	return write_torn(&cur, &next);
#else
	return write_next(&next, &rec);
#endif
}
