/*
 * golden_cf.c - builds the golden store with the ColdFire (big-endian)
 * build of the codec and writes it to stdout, under qemu-m68k.
 *
 * A Linux user program with no libc: its own _start and raw m68k Linux
 * system calls (trap #0; number in %d0, arguments in %d1-%d3).  Exit
 * status 0 on success, 100 + status if the codec refused, 99 on a short
 * write.
 */
#include "golden_store.h"

#define SYS_EXIT  1
#define SYS_WRITE 4

static uint8_t image[BOOTCFG_STORE_BYTES];   /* .bss: zero at start */

static long syscall3(long nr, long a, long b, long c)
{
	register long d0 __asm__("d0") = nr;
	register long d1 __asm__("d1") = a;
	register long d2 __asm__("d2") = b;
	register long d3 __asm__("d3") = c;

	__asm__ volatile("trap #0"
			 : "+d"(d0)
			 : "d"(d1), "d"(d2), "d"(d3)
			 : "memory");
	return d0;
}

static __attribute__((noreturn)) void sys_exit(int code)
{
	for (;;)
		syscall3(SYS_EXIT, code, 0, 0);
}

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
