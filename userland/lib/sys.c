/*
 * sys.c - the system-call wrappers (ABI in kh_syscall.h), written once
 * for every architecture over the inline kh_arch_syscall() of
 * lib/arch/<arch>/syscall_arch.h.
 */
#include "kh_user.h"
#include "kh_objects.h"
#include "syscall_arch.h"   /* lib/arch/<arch>/: the one trap instruction */

uint64_t kh_syscall6(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2,
		     uint64_t a3, uint64_t a4, uint64_t a5)
{
	const uint64_t a[6] = { a0, a1, a2, a3, a4, a5 };

	return kh_arch_syscall(nr, a).result;
}

enum status kh_console_write(const void *buf, size_t len)
{
	return (enum status)kh_syscall6(KH_SYS_CONSOLE_WRITE, (uintptr_t)buf, len, 0, 0, 0, 0);
}

void kh_exit(long status)
{
	kh_syscall6(KH_SYS_EXIT, (uint64_t)status, 0, 0, 0, 0, 0);
	for (;;)
		;   /* the kernel never returns from exit */
}

enum status kh_stats(struct kh_stats *out)
{
	return (enum status)kh_syscall6(KH_SYS_STATS, (uintptr_t)out, sizeof(*out), 0, 0, 0, 0);
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
	const uint64_t a[6] = { slot, op, a0, a1, a2, a3 };
	struct kh_sysret r = kh_arch_syscall(KH_SYS_INVOKE, a);

	if (r0)
		*r0 = r.r0;
	if (r1)
		*r1 = r.r1;
	return (enum status)r.result;
}

enum status kh_cap_find(enum kh_cap_type type, uint32_t nth, uint32_t *slot)
{
	const uint64_t a[6] = { (uint64_t)type, nth, 0, 0, 0, 0 };
	struct kh_sysret r = kh_arch_syscall(KH_SYS_CAP_FIND, a);

	if (!r.result && slot)
		*slot = (uint32_t)r.r0;
	return (enum status)r.result;
}

enum status kh_cap_derive(uint32_t slot, uint64_t first, uint64_t last, uint32_t rights,
			  uint32_t *new_slot)
{
	const uint64_t a[6] = { slot, first, last, rights, 0, 0 };
	struct kh_sysret r = kh_arch_syscall(KH_SYS_CAP_DERIVE, a);

	if (!r.result && new_slot)
		*new_slot = (uint32_t)r.r0;
	return (enum status)r.result;
}

enum status kh_cap_delete(uint32_t slot)
{
	return (enum status)kh_syscall6(KH_SYS_CAP_DELETE, slot, 0, 0, 0, 0, 0);
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
