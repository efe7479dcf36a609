/*
 * config.c - picks the boot-config blob from the store the real-mode part
 * read from the second hard disk, with the shared codec, and says which
 * and why.  Nothing here can stop the boot: a missing store, an unreadable
 * one or bad slots all end in built-in defaults.
 */
#include "bootcfg.h"
#include "console.h"
#include "loader.h"

static void report_store_error(const struct rm_handoff *h)
{
	if (h->store_error == 0xff)
		console_printf("boot: config store missing: no hard disk 0x%lx, "
			       "using built-in defaults\n", (unsigned long)h->store_drive);
	else
		console_printf("boot: config store unreadable: disk 0x%lx error=0x%lx, "
			       "using built-in defaults\n",
			       (unsigned long)h->store_drive, (unsigned long)h->store_error);
}

/* A slot that was there but did not decode deserves its own line. */
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

void config_choose(struct loader *ld)
{
	const struct rm_handoff *h = ld->handoff;
	const uint8_t *store = (const uint8_t *)LOWMEM_STORE;
	bool readable = h->store_error == 0;
	struct bootcfg_choice c;

	if (!readable)
		report_store_error(h);
	bootcfg_select(store, readable ? BOOTCFG_STORE_BYTES : 0, &c);
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
	fill_bootinfo(&ld->info->config, &c);
}
