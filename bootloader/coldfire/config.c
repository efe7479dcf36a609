/*
 * config.c - the config store, a host file read through semihosting, and
 * the blob chosen from it with the shared codec.  The file's path comes
 * from the boot-arguments block (CF_ARGS_PHYS) that scripts/run loads
 * with QEMU's generic loader device: "KHCFARG1" then the NUL-terminated
 * absolute path.  No block, no file, a short file: built-in defaults, said
 * on the console; a bad store never stops the boot.
 */
#include "bootcfg.h"
#include "choose.h"
#include "loader.h"

static const char *store_path(void)
{
	return bootinfo_args_path((const char *)CF_ARGS_PHYS);
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

	boot_config_choose(buf, load_store(buf), &bi->config, &bi->fallback);
}
