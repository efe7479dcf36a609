/*
 * semihost.c - the loader's host file reads through QEMU's m68k
 * semihosting (lib/include/semihost_m68k.h: the call, numbers, flags).
 */
#include "loader.h"
#include "semihost_m68k.h"

int32_t semihost_open_read(const char *path)
{
	uint32_t args[4] = { (uint32_t)path, semihost_string_bytes(path), SEMIHOST_O_RDONLY, 0 };

	return (int32_t)semihost_call(SEMIHOST_OPEN, args);
}

int32_t semihost_read(int32_t fd, void *buf, uint32_t len)
{
	uint32_t args[4] = { (uint32_t)fd, (uint32_t)buf, len, 0 };

	return (int32_t)semihost_call(SEMIHOST_READ, args);
}

void semihost_close(int32_t fd)
{
	uint32_t args[4] = { (uint32_t)fd, 0, 0, 0 };

	semihost_call(SEMIHOST_CLOSE, args);
}
