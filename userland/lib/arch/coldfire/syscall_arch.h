/*
 * syscall_arch.h (ColdFire) - system calls through TRAP #0 (ABI in
 * arch/coldfire/trap.c): number in d0, arguments in d1-d5 and a0, result
 * in d0; the reply words of KH_SYS_INVOKE / KH_SYS_CAP_FIND come back in
 * d1 and d2 with their high halves in d3 and d4.  Registers are 32 bits:
 * 64-bit arguments are truncated (every address and size on this machine
 * fits).
 */
#ifndef KH_SYSCALL_ARCH_H
#define KH_SYSCALL_ARCH_H

#include "sysret.h"

/* Inline: the wrappers of lib/sys.c pass mostly constant zeros. */
static inline struct kh_sysret kh_arch_syscall(uint64_t nr, const uint64_t a[6])
{
	register uint32_t d0 __asm__("d0") = (uint32_t)nr;
	register uint32_t d1 __asm__("d1") = (uint32_t)a[0];
	register uint32_t d2 __asm__("d2") = (uint32_t)a[1];
	register uint32_t d3 __asm__("d3") = (uint32_t)a[2];
	register uint32_t d4 __asm__("d4") = (uint32_t)a[3];
	register uint32_t d5 __asm__("d5") = (uint32_t)a[4];
	register uint32_t a0 __asm__("a0") = (uint32_t)a[5];

	__asm__ volatile("trap #0"
			 : "+d"(d0), "+d"(d1), "+d"(d2), "+d"(d3), "+d"(d4)
			 : "d"(d5), "a"(a0)
			 : "memory", "cc");
	return (struct kh_sysret){ d0, (uint64_t)d3 << 32 | d1, (uint64_t)d4 << 32 | d2 };
}

#endif
