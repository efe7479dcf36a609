/*
 * golden_cf.c - builds the golden store with the ColdFire (big-endian)
 * build of the codec and writes it to stdout, under qemu-m68k.
 *
 * A Linux user program with no libc: its own _start and raw m68k Linux
 * system calls (m68k_linux.h).  Exit status 0 on success, 100 + status if
 * the codec refused, 99 on a short write.
 */
#include "golden_store.h"
#include "m68k_linux.h"

/* No libc: GCC may emit calls to these two for struct copies. */
void *memcpy(void *dst, const void *src, unsigned long n);
void *memset(void *dst, int c, unsigned long n);

static uint8_t image[BOOTCFG_STORE_BYTES];   /* .bss: zero at start */

static bool write_all(const uint8_t *p, unsigned long n)
{
	while (n) {
		long done = syscall3(SYS_WRITE, 1, (long)p, (long)n);
		if (done <= 0)
			return false;
		p += done;
		n -= (unsigned long)done;
	}
	return true;
}

/* GCC may emit calls to these even in freestanding code (struct copies). */
void *memcpy(void *dst, const void *src, unsigned long n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

void *memset(void *dst, int c, unsigned long n)
{
	uint8_t *d = dst;

	while (n--)
		*d++ = (uint8_t)c;
	return dst;
}

void _start(void) __attribute__((noreturn));
void _start(void)
{
	enum status st = golden_store_build(image);

	if (st)
		sys_exit(100 + (int)st);
	if (!write_all(image, sizeof(image)))
		sys_exit(99);
	sys_exit(0);
}
