/*
 * config.c - picks the boot-config blob from the store the real-mode part
 * read from the second hard disk, with the shared codec, and says which
 * and why.  Nothing here can stop the boot: a missing store, an unreadable
 * one or bad slots all end in built-in defaults.
 */
#include "bootcfg.h"
#include "choose.h"
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

void config_choose(struct loader *ld)
{
	const struct rm_handoff *h = ld->handoff;
	bool readable = h->store_error == 0;

	if (!readable)
		report_store_error(h);
	boot_config_choose((const uint8_t *)LOWMEM_STORE, readable ? BOOTCFG_STORE_BYTES : 0,
			   &ld->info->config, &ld->info->fallback);
}
