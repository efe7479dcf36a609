/*
 * storetest - exercises the storewriter driver (userland/drivers/
 * storewriter) without devdisc: it walks PCI, starts the driver on the
 * store disk as devdisc does (userland/storewriter/sw_client.h), says
 * which blob the loader booted, then asks the driver to write the next
 * blob (pool + 64, reason manual) and a log record.  Built a second time
 * as storetorn (STORETEST_TORN), which starts tornwriter instead: its
 * first write leaves only the first bytes of the new slot sector written,
 * as a write cut by power loss does; the QEMU test then kills the machine.
 *
 * After a full write it kills its driver, as a fault would: a write then
 * answers not-found at once (no call waits on a driver that is gone), and
 * closing and opening again starts a new driver on the same disk with the
 * pool's books as they were.
 *
 * Lines: `storetest: current slot=<A|B|default> generation=<g> pool=<N>`,
 * `storetest: store dev=<bdf> pid=<n> frames=<n>`,
 * `storetest: wrote slot=<A|B> generation=<g> pool=<N> seq=<s>` or
 * `storetest: torn slot=<A|B> generation=<g> bytes=<n>`,
 * `storetest: restarted pid=<n> dead-write=<status> pool_used=<same|changed>`,
 * and `storetest: failed step=<what> status=<name>` on an error.
 */
#include "kh_user.h"
#include "kh_objects.h"
#include "sw_client.h"
#include "pci.h"
#include "tuning.h"

#define POOL_STEP   64u
#define CFG_ADDR    0xcf8u
#define CFG_DATA    0xcfcu

#ifdef STORETEST_TORN
#define DRIVER SW_TORN_IMAGE
#else
#define DRIVER SW_DRIVER_IMAGE
#endif

PCI_WALK_RESULT(walk, 256, 64);
static struct sw_client client;
static uint32_t io;

static int fail(const char *step, enum status st)
{
	kh_printf("storetest: failed step=%s status=%s\n", step, status_name(st));
	return 1;
}

static uint32_t cfg_address(uint8_t bus, uint8_t dev, uint8_t fn, uint16_t off)
{
	return 0x80000000u | (uint32_t)bus << 16 | (uint32_t)dev << 11 |
	       (uint32_t)fn << 8 | (off & 0xfcu);
}

static uint32_t cfg_read32(void *ctx, uint8_t bus, uint8_t dev, uint8_t fn, uint16_t off)
{
	uint32_t v = 0xffffffffu;

	(void)ctx;
	if (kh_io_out(io, CFG_ADDR, 4, cfg_address(bus, dev, fn, off)) == STATUS_OK)
		kh_io_in(io, CFG_DATA, 4, &v);
	return v;
}

static void cfg_write32(void *ctx, uint8_t bus, uint8_t dev, uint8_t fn, uint16_t off,
			uint32_t value)
{
	(void)ctx;
	if (kh_io_out(io, CFG_ADDR, 4, cfg_address(bus, dev, fn, off)) == STATUS_OK)
		kh_io_out(io, CFG_DATA, 4, value);
}

static const struct pci_access cfg = { .read32 = cfg_read32, .write32 = cfg_write32 };

static void from_facts(struct bootcfg *dst, const struct kh_bootfacts *src)
{
	KH_TUNING_FIELDS(KH_TUNING_COPY_FIELD)
}

/* The blob the loader booted, from BootInfo. */
static enum status current(struct bootcfg *cur)
{
	struct kh_bootfacts f;
	uint32_t bi;
	enum status st = kh_cap_find(KH_CAP_BOOTINFO, 0, &bi);

	if (!st)
		st = kh_bootinfo_read(bi, &f);
	if (st)
		return st;
	from_facts(cur, &f);
	kh_printf("storetest: current slot=%s generation=%lu pool=%u\n",
		  bootcfg_slot_name((enum bootcfg_slot)f.config_slot),
		  (unsigned long)cur->generation, cur->pool_frames);
	return STATUS_OK;
}

static enum status open_store(void)
{
	struct sw_pci_env env = { .cfg = &cfg, .image = DRIVER };
	enum status st;

	if ((st = kh_cap_find(KH_CAP_IOPORT, 0, &io)) ||
	    (st = kh_cap_find(KH_CAP_DEVMEM, 0, &env.devmem)) ||
	    (st = kh_cap_find(KH_CAP_FRAMEALLOC, 0, &env.framealloc)) ||
	    (st = kh_cap_find(KH_CAP_PROCESS, 0, &env.proc)))
		return st;
	if ((st = pci_walk(&cfg, &walk)))
		return st;
	if ((st = sw_client_open_pci(&client, &env, walk.dev, walk.ndev)))
		return st;
	kh_printf("storetest: store dev=%s pid=%u frames=%u\n", client.drv.bdf, client.drv.pid,
		  client.frames);
	return STATUS_OK;
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

/* The driver dies; the next write says so, and a new one takes over. */
static int restart(struct bootcfg *next)
{
	struct kh_stats a, b;
	struct sw_result r;
	enum status st, dead;

	kh_stats(&a);
	kh_drv_stop(&client.drv);
	dead = sw_client_write(&client, next, NULL, &r);
	sw_client_close(&client);
	if ((st = open_store()))
		return fail("reopen", st);
	kh_stats(&b);
	kh_printf("storetest: restarted pid=%u dead-write=%s pool_used=%s\n", client.drv.pid,
		  status_name(dead), a.pool_used == b.pool_used ? "same" : "changed");
	return 0;
}

int main(void)
{
	struct bootcfg cur, next;
	struct bootcfg_log_record rec;
	struct sw_result r;
	enum status st;

	if ((st = current(&cur)))
		return fail("bootinfo", st);
	if ((st = open_store()))
		return fail("open", st);
	next_blob(&cur, &next, &rec);
	if ((st = sw_client_write(&client, &next, &rec, &r)))
		return fail("write", st);
	if (r.torn_bytes) {
		kh_printf("storetest: torn slot=%s generation=%lu bytes=%u\n",
			  bootcfg_slot_name(r.slot), (unsigned long)next.generation, r.torn_bytes);
		for (;;)
			kh_sleep_ms(1000);    /* the test kills the machine here */
	}
	kh_printf("storetest: wrote slot=%s generation=%lu pool=%u seq=%u\n",
		  bootcfg_slot_name(r.slot), (unsigned long)next.generation, next.pool_frames,
		  rec.seq);
	return restart(&next);
}
