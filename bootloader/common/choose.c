/* choose.c - see choose.h.  The `boot: config` line is a contract
 * (docs/log-lines.md): tests and people grep for it on both architectures. */
#include <stdbool.h>
#include "bootcfg.h"
#include "choose.h"

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

static void tuning_from_blob(struct bootinfo_config *dst, const struct bootcfg *src)
{
	KH_TUNING_FIELDS(KH_TUNING_COPY_FIELD)
}

static void fill_bootinfo(struct bootinfo_config *out, const struct bootcfg_choice *c)
{
	tuning_from_blob(out, &c->cfg);
	out->slot = c->slot;
	out->pick = c->pick;
	out->slot_status[0] = c->slot_status[0];
	out->slot_status[1] = c->slot_status[1];
}

/* The other slot if it is valid too, else the defaults: what the kernel
 * boots on when the chosen blob's heap does not fit RAM. */
static void choose_fallback(const uint8_t *store, uint32_t len,
			    const struct bootcfg_choice *c, struct bootinfo_config *out)
{
	struct bootcfg_choice f = *c;
	enum bootcfg_slot other = c->slot == BOOTCFG_SLOT_A ? BOOTCFG_SLOT_B : BOOTCFG_SLOT_A;

	f.slot = BOOTCFG_SLOT_DEFAULT;
	bootcfg_defaults(&f.cfg);
	if (c->slot != BOOTCFG_SLOT_DEFAULT && len >= BOOTCFG_LOG_OFFSET &&
	    bootcfg_decode(store + BOOTCFG_SLOT_OFFSET(other), BOOTCFG_SLOT_BYTES,
			   &f.cfg) == STATUS_OK)
		f.slot = other;     /* a failed decode leaves the defaults in f.cfg */
	fill_bootinfo(out, &f);
}

void boot_config_choose(const uint8_t *store, uint32_t len, struct bootinfo_config *out,
			struct bootinfo_config *fallback)
{
	bool readable = len > 0;
	struct bootcfg_choice c;

	bootcfg_select(store, len, &c);
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
	fill_bootinfo(out, &c);
	choose_fallback(store, len, &c, fallback);
}
