/*
 * sys.c (ColdFire) - system calls through TRAP #0 (ABI in
 * arch/coldfire/trap.c): number in d0, arguments in d1-d5 and a0, result
 * in d0, KH_SYS_INVOKE / KH_SYS_CAP_FIND replies in d1 and d2 with their
 * high halves in d3 and d4.  Registers are 32 bits: 64-bit arguments are
 * truncated (every address and size on this machine fits).  The x86_64
 * lib/sys.c and the entry points of lib/objects.c are x86 assembly, hence
 * this file; the rest of lib/objects.c is plain C and built here too.
 */
#include "kh_user.h"
#include "kh_objects.h"

struct cf_regs {
	uint32_t d0, d1, d2, d3, d4;
};

static struct cf_regs trap0(uint32_t nr, const uint32_t a[6])
{
	register uint32_t d0 __asm__("d0") = nr;
	register uint32_t d1 __asm__("d1") = a[0];
	register uint32_t d2 __asm__("d2") = a[1];
	register uint32_t d3 __asm__("d3") = a[2];
	register uint32_t d4 __asm__("d4") = a[3];
	register uint32_t d5 __asm__("d5") = a[4];
	register uint32_t a0 __asm__("a0") = a[5];

	__asm__ volatile("trap #0"
			 : "+d"(d0), "+d"(d1), "+d"(d2), "+d"(d3), "+d"(d4)
			 : "d"(d5), "a"(a0)
			 : "memory", "cc");
	return (struct cf_regs){ d0, d1, d2, d3, d4 };
}

uint64_t kh_syscall6(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2,
		     uint64_t a3, uint64_t a4, uint64_t a5)
{
	const uint32_t a[6] = { (uint32_t)a0, (uint32_t)a1, (uint32_t)a2,
				(uint32_t)a3, (uint32_t)a4, (uint32_t)a5 };

	return trap0((uint32_t)nr, a).d0;
}

enum status kh_console_write(const void *buf, size_t len)
{
	return (enum status)kh_syscall6(KH_SYS_CONSOLE_WRITE, (uint32_t)buf, len, 0, 0, 0, 0);
}

void kh_exit(long status)
{
	kh_syscall6(KH_SYS_EXIT, (uint32_t)status, 0, 0, 0, 0, 0);
	for (;;)
		;   /* the kernel never returns from exit */
}

enum status kh_stats(struct kh_stats *out)
{
	return (enum status)kh_syscall6(KH_SYS_STATS, (uint32_t)out, sizeof(*out), 0, 0, 0, 0);
}

enum status kh_reboot(enum boot_reason reason)
{
	return (enum status)kh_syscall6(KH_SYS_REBOOT, reason, 0, 0, 0, 0, 0);
}

uint32_t kh_getpid(void)
{
	return (uint32_t)kh_syscall6(KH_SYS_GETPID, 0, 0, 0, 0, 0, 0);
}

enum status kh_invoke(uint32_t slot, uint32_t op, uint64_t a0, uint64_t a1,
		      uint64_t a2, uint64_t a3, uint64_t *r0, uint64_t *r1)
{
	const uint32_t a[6] = { slot, op, (uint32_t)a0, (uint32_t)a1, (uint32_t)a2,
				(uint32_t)a3 };
	struct cf_regs r = trap0(KH_SYS_INVOKE, a);

	if (r0)
		*r0 = (uint64_t)r.d3 << 32 | r.d1;
	if (r1)
		*r1 = (uint64_t)r.d4 << 32 | r.d2;
	return (enum status)r.d0;
}

enum status kh_cap_find(enum kh_cap_type type, uint32_t nth, uint32_t *slot)
{
	const uint32_t a[6] = { (uint32_t)type, nth, 0, 0, 0, 0 };
	struct cf_regs r = trap0(KH_SYS_CAP_FIND, a);

	if (!r.d0 && slot)
		*slot = r.d1;
	return (enum status)r.d0;
}

enum status kh_sleep_ms(uint64_t ms)
{
	return (enum status)kh_syscall6(KH_SYS_SLEEP, ms, 0, 0, 0, 0, 0);
}

uint64_t kh_clock_ms(void)
{
	return kh_syscall6(KH_SYS_CLOCK, 0, 0, 0, 0, 0, 0);
}

enum status kh_yield(void)
{
	return (enum status)kh_syscall6(KH_SYS_YIELD, 0, 0, 0, 0, 0, 0);
}
