/*
 * config.c - the config store, a host file read through semihosting, and
 * the blob chosen from it with the shared codec.  The file's path comes
 * from the boot-arguments block (CF_ARGS_PHYS) that scripts/run loads
 * with QEMU's generic loader device: "KHCFARG1" then the NUL-terminated
 * absolute path.  No block, no file, a short file: built-in defaults, said
 * on the console; a bad store never stops the boot.
 */
#include "bootcfg.h"
#include "loader.h"

static const char *store_path(void)
{
	const char *args = (const char *)CF_ARGS_PHYS;
	uint32_t max = CF_ARGS_BYTES - 8;

	if (memcmp(args, CF_ARGS_MAGIC, 8))
		return NULL;
	for (uint32_t i = 0; i < max; i++)
		if (!args[8 + i])
			return i ? args + 8 : NULL;
	return NULL;
}

/* Reads the whole store sequentially (no lseek needed): bytes read, or -1. */
static int32_t read_store(const char *path, uint8_t *buf)
{
	int32_t fd = semihost_open_read(path);
	uint32_t got = 0;

	if (fd < 0)
		return -1;
	while (got < BOOTCFG_STORE_BYTES) {
		int32_t n = semihost_read(fd, buf + got, BOOTCFG_STORE_BYTES - got);
		if (n <= 0)
			break;
		got += (uint32_t)n;
	}
	semihost_close(fd);
	return (int32_t)got;
}

static void report_rejected(const struct bootcfg_choice *c)
{
	for (unsigned s = 0; s < BOOTCFG_SLOT_COUNT; s++) {
		enum status st = c->slot_status[s];
		if (st != STATUS_OK && st != STATUS_EMPTY)
			console_printf("boot: config slot %s rejected: %s\n",
				       bootcfg_slot_name((enum bootcfg_slot)s), status_name(st));
	}
}

static void fill_bootinfo(struct bootinfo_config *out, const struct bootcfg_choice *c)
{
	out->generation = c->cfg.generation;
	out->fingerprint = c->cfg.fingerprint;
	out->guard_fingerprint = c->cfg.guard_fingerprint;
	out->pool_frames = c->cfg.pool_frames;
	out->headroom_frames = c->cfg.headroom_frames;
	out->hard_cap_frames = c->cfg.hard_cap_frames;
	out->pending_target = c->cfg.pending_target;
	out->attempts = c->cfg.attempts;
	out->boot_count = c->cfg.boot_count;
	out->last_reason = c->cfg.last_reason;
	out->slot = c->slot;
	out->pick = c->pick;
	out->slot_status[0] = c->slot_status[0];
	out->slot_status[1] = c->slot_status[1];
}

/* The store's bytes, or 0 with the reason said on the console. */
static uint32_t load_store(uint8_t *buf)
{
	const char *path = store_path();

	if (!path) {
		console_printf("boot: config store missing: no path given, using built-in defaults\n");
		return 0;
	}
	int32_t got = read_store(path, buf);
	if (got < 0) {
		console_printf("boot: config store missing: cannot open %s, using built-in defaults\n",
			       path);
		return 0;
	}
	console_printf("boot: config store %s bytes=%ld\n", path, (long)got);
	return (uint32_t)got;
}

void config_choose(struct bootinfo *bi)
{
	uint8_t *buf = (uint8_t *)CF_STORE_PHYS;
	struct bootcfg_choice c;
	uint32_t len = load_store(buf);
	bool readable = len > 0;

	bootcfg_select(buf, len, &c);
	if (readable)
		report_rejected(&c);
	else
		c.slot_status[0] = c.slot_status[1] = STATUS_IO_ERROR;
	console_printf("boot: config slot=%s generation=%lu reason=%s a=%s b=%s "
		       "pool=%lu headroom=%lu\n",
		       bootcfg_slot_name(c.slot), (unsigned long)c.cfg.generation,
		       readable ? bootcfg_pick_name(c.pick) : "no-store",
		       status_name(c.slot_status[0]), status_name(c.slot_status[1]),
		       (unsigned long)c.cfg.pool_frames, (unsigned long)c.cfg.headroom_frames);
	fill_bootinfo(&bi->config, &c);
}
