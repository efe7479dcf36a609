/*
 * reboot_once - on a cold boot, asks the kernel for a reboot (reason
 * "requested"); on any other boot, says so and exits.  The next boot's
 * loader should report reason=requested.  It reboots through its Reboot
 * capability, after checking that bad reasons are refused.
 */
#include "kh_user.h"
#include "kh_objects.h"

int main(void)
{
	struct kh_stats s;
	enum status st = kh_stats(&s);

	if (st) {
		kh_printf("reboot_once: stats failed: %s\n", status_name(st));
		return 1;
	}
	if (s.boot_reason != BOOT_REASON_COLD) {
		kh_printf("reboot_once: boot_reason=%s, not rebooting\n",
			  boot_reason_name((enum boot_reason)s.boot_reason));
		return 0;
	}
	/* The Reboot capability's refusals first: they must not reset. */
	uint32_t slot;
	if (kh_cap_find(KH_CAP_REBOOT, 0, &slot) ||
	    kh_invoke(slot, KH_OP_REBOOT, BOOT_REASON_COLD, 0, 0, 0, 0, 0) != STATUS_INVALID_ARGUMENT ||
	    kh_invoke(slot, KH_OP_REBOOT, 99, 0, 0, 0, 0, 0) != STATUS_INVALID_ARGUMENT) {
		kh_printf("reboot_once: FAIL reboot capability checks\n");
		return 1;
	}
	kh_printf("reboot_once: cold boot, asking for a reboot\n");
	st = kh_invoke(slot, KH_OP_REBOOT, BOOT_REASON_REQUESTED, 0, 0, 0, 0, 0);
	kh_printf("reboot_once: reboot refused: %s\n", status_name(st));
	return 1;
}
