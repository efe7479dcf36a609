/*
 * m68k_linux.h - the two Linux system calls the ColdFire test programs of
 * this folder make under qemu-m68k (no libc): trap #0 with the number in
 * %d0 and the arguments in %d1-%d3.
 */
#ifndef KH_M68K_LINUX_H
#define KH_M68K_LINUX_H

#define SYS_EXIT  1
#define SYS_READ  3
#define SYS_WRITE 4

static inline long syscall3(long nr, long a, long b, long c)
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

static inline __attribute__((noreturn)) void sys_exit(int code)
{
	for (;;)
		syscall3(SYS_EXIT, code, 0, 0);
}

#endif
