/*
 * semihost.c - host file I/O through QEMU's m68k semihosting: the call
 * number in d0, a pointer to the argument block in d1, then the magic
 * sequence nop; halt; .long 0x4e7bf000 with halt's successor 4-byte
 * aligned.  QEMU writes the result and errno (lseek: three words) back
 * into the block, which therefore lives in RAM and always has four words.  Requires -semihosting and supervisor mode;
 * without -semihosting the halt stops the CPU (scripts/run always passes
 * it).  Calls and flags are GDB's File-I/O protocol.
 */
#include "loader.h"

#define SH_OPEN   2u
#define SH_CLOSE  3u
#define SH_READ   4u
#define GDB_O_RDONLY 0u

static uint32_t semihost_call(uint32_t nr, uint32_t *args)
{
	register uint32_t d0 __asm__("d0") = nr;
	register uint32_t *d1 __asm__("d1") = args;

	__asm__ volatile(".balignw 4, 0x4e71\n\tnop\n\thalt\n\t.long 0x4e7bf000"
			 : "+d"(d0) : "d"(d1) : "memory");
	return args[0];
}

static uint32_t string_bytes(const char *s)
{
	uint32_t n = 0;

	while (s[n])
		n++;
	return n + 1;   /* the protocol counts the NUL */
}

int32_t semihost_open_read(const char *path)
{
	uint32_t args[4] = { (uint32_t)path, string_bytes(path), GDB_O_RDONLY, 0 };

	return (int32_t)semihost_call(SH_OPEN, args);
}

int32_t semihost_read(int32_t fd, void *buf, uint32_t len)
{
	uint32_t args[4] = { (uint32_t)fd, (uint32_t)buf, len, 0 };

	return (int32_t)semihost_call(SH_READ, args);
}

void semihost_close(int32_t fd)
{
	uint32_t args[4] = { (uint32_t)fd, 0, 0, 0 };

	semihost_call(SH_CLOSE, args);
}
