/*
 * object/reboot.c - Reboot: checks the reason, says who asked, then
 * hal_reset().
 */
#include "object/reboot.h"
#include "log.h"

enum status do_reboot(struct process *p, uint64_t reason)
{
	if (reason == BOOT_REASON_COLD || reason >= BOOT_REASON_COUNT)
		return STATUS_INVALID_ARGUMENT;
	kprintf("kernel: reboot pid=%u name=%s reason=%lu\n", p->pid, p->name,
		(unsigned long)reason);
	hal_reset((enum boot_reason)reason);
}

enum status invoke_REBOOT(struct process *p, struct cap *c, uint32_t op,
			  const uint64_t *a, uint64_t *reply)
{
	(void)c; (void)reply;
	if (op != KH_OP_REBOOT)
		return STATUS_INVALID_ARGUMENT;
	return do_reboot(p, a[0]);
}
