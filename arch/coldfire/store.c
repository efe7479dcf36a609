/*
 * store.c - the config store for the Store capability (hal/store.h): the
 * host file whose path the boot-arguments block names, opened read-write
 * through semihosting at the first call and kept open until a flush.
 * Each call seeks first (lseek works on Debian's QEMU 7.2.22,
 * docs/coldfire.md), then reads or writes once; QEMU's target=native
 * semihosting writes straight to the host file, so a QEMU killed after a
 * write keeps what was written, like a disk.
 */
#include "hal/store.h"
#include "bootinfo.h"
#include "semihost_m68k.h"

static int32_t store_fd = -1;

static enum status store_open(void)
{
	const char *path = bootinfo_args_path((const char *)BOOTINFO_ARGS_PHYS_COLDFIRE);
	uint32_t args[4];

	if (store_fd >= 0)
		return STATUS_OK;
	if (!path)
		return STATUS_NOT_FOUND;
	args[0] = (uint32_t)path;
	args[1] = semihost_string_bytes(path);
	args[2] = SEMIHOST_O_RDWR;
	args[3] = 0;
	store_fd = (int32_t)semihost_call(SEMIHOST_OPEN, args);
	return store_fd >= 0 ? STATUS_OK : STATUS_NOT_FOUND;
}

/* Opens if needed and seeks to offset. */
static enum status store_seek(uint32_t offset)
{
	enum status st = store_open();
	uint32_t args[4] = { (uint32_t)store_fd, 0, offset, SEMIHOST_SEEK_SET };

	if (st)
		return st;
	semihost_call(SEMIHOST_LSEEK, args);
	return args[0] == 0 && args[1] == offset ? STATUS_OK : STATUS_IO_ERROR;
}

/* One read or write of exactly len bytes at offset. */
static enum status store_io(uint32_t nr, uint32_t offset, const void *buf, uint32_t len)
{
	enum status st = store_seek(offset);
	uint32_t args[4] = { (uint32_t)store_fd, (uint32_t)buf, len, 0 };

	if (st)
		return st;
	return semihost_call(nr, args) == len ? STATUS_OK : STATUS_IO_ERROR;
}

enum status hal_store_read(uint32_t offset, void *buf, uint32_t len)
{
	return store_io(SEMIHOST_READ, offset, buf, len);
}

enum status hal_store_write(uint32_t offset, const void *buf, uint32_t len)
{
	return store_io(SEMIHOST_WRITE, offset, buf, len);
}

enum status hal_store_flush(void)
{
	uint32_t args[4] = { (uint32_t)store_fd, 0, 0, 0 };

	if (store_fd < 0)
		return STATUS_OK;
	semihost_call(SEMIHOST_CLOSE, args);
	store_fd = -1;
	return args[0] == 0 ? STATUS_OK : STATUS_IO_ERROR;
}
