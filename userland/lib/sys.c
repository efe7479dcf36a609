/*
 * sys.c - system-call wrappers (ABI in kh_syscall.h).
 */
#include "kh_user.h"

uint64_t kh_syscall6(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2,
		     uint64_t a3, uint64_t a4, uint64_t a5)
{
	register uint64_t r10 __asm__("r10") = a3;
	register uint64_t r8 __asm__("r8") = a4;
	register uint64_t r9 __asm__("r9") = a5;
	uint64_t ret;

	/* rdx and r8 are in-out: KH_SYS_INVOKE and KH_SYS_CAP_FIND reply there. */
	__asm__ volatile("syscall"
			 : "=a"(ret), "+d"(a2), "+r"(r8)
			 : "a"(nr), "D"(a0), "S"(a1), "r"(r10), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

enum status kh_console_write(const void *buf, size_t len)
{
	return (enum status)kh_syscall6(KH_SYS_CONSOLE_WRITE, (uint64_t)buf, len, 0, 0, 0, 0);
}

void kh_exit(long status)
{
	kh_syscall6(KH_SYS_EXIT, (uint64_t)status, 0, 0, 0, 0, 0);
	for (;;)
		;   /* the kernel never returns from exit */
}

enum status kh_stats(struct kh_stats *out)
{
	return (enum status)kh_syscall6(KH_SYS_STATS, (uint64_t)out, sizeof(*out), 0, 0, 0, 0);
}

enum status kh_reboot(enum boot_reason reason)
{
	return (enum status)kh_syscall6(KH_SYS_REBOOT, reason, 0, 0, 0, 0, 0);
}

uint32_t kh_getpid(void)
{
	return (uint32_t)kh_syscall6(KH_SYS_GETPID, 0, 0, 0, 0, 0, 0);
}
