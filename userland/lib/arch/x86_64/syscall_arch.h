/*
 * syscall_arch.h (x86_64) - the SYSCALL instruction (ABI in kh_syscall.h):
 * number in rax, arguments in rdi, rsi, rdx, r10, r8, r9, result in rax;
 * the reply words come back in rdx and r8 (the kernel writes them for
 * KH_SYS_INVOKE and KH_SYS_CAP_FIND and preserves them otherwise).
 */
#ifndef KH_SYSCALL_ARCH_H
#define KH_SYSCALL_ARCH_H

#include "sysret.h"

/* Inline: the wrappers of lib/sys.c pass mostly constant zeros. */
static inline struct kh_sysret kh_arch_syscall(uint64_t nr, const uint64_t a[6])
{
	register uint64_t r10 __asm__("r10") = a[3];
	register uint64_t r8 __asm__("r8") = a[4];
	register uint64_t r9 __asm__("r9") = a[5];
	uint64_t rdx = a[2], ret;

	__asm__ volatile("syscall"
			 : "=a"(ret), "+d"(rdx), "+r"(r8)
			 : "a"(nr), "D"(a[0]), "S"(a[1]), "r"(r10), "r"(r9)
			 : "rcx", "r11", "memory");
	return (struct kh_sysret){ ret, rdx, r8 };
}

#endif
