/*
 * semihost_m68k.h - QEMU's m68k semihosting call, for the ColdFire loader
 * (bootloader/coldfire/semihost.c) and the ColdFire port's Store
 * (arch/coldfire/store.c).  m68k only, supervisor mode only.
 *
 * The call number goes in d0, a pointer to the argument block in d1, then
 * the sequence nop; halt; .long 0x4e7bf000 with halt's successor 4-byte
 * aligned.  QEMU writes the result and errno back into the block (lseek:
 * a 64-bit result, then errno), which therefore lives in RAM and always
 * has four words.  Without -semihosting the halt stops the CPU
 * (scripts/run always passes it).  Numbers and flags are GDB's File-I/O
 * protocol.
 */
#ifndef KH_SEMIHOST_M68K_H
#define KH_SEMIHOST_M68K_H

#include <stdint.h>

#define SEMIHOST_OPEN    2u   /* (path, bytes with NUL, flags, mode) */
#define SEMIHOST_CLOSE   3u   /* (fd) */
#define SEMIHOST_READ    4u   /* (fd, buf, len) */
#define SEMIHOST_WRITE   5u   /* (fd, buf, len) */
#define SEMIHOST_LSEEK   6u   /* (fd, offset high, offset low, whence) */
#define SEMIHOST_O_RDONLY  0u
#define SEMIHOST_O_RDWR    2u
#define SEMIHOST_SEEK_SET  0u

static inline uint32_t semihost_call(uint32_t nr, uint32_t *args)
{
	register uint32_t d0 __asm__("d0") = nr;
	register uint32_t *d1 __asm__("d1") = args;

	__asm__ volatile(".balignw 4, 0x4e71\n\tnop\n\thalt\n\t.long 0x4e7bf000"
			 : "+d"(d0) : "d"(d1) : "memory");
	return args[0];
}

/* The protocol counts the path's NUL. */
static inline uint32_t semihost_string_bytes(const char *s)
{
	uint32_t n = 0;

	while (s[n])
		n++;
	return n + 1;
}

#endif
