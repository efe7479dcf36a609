/*
 * reboot_once - on a cold boot, asks the kernel for a reboot (reason
 * "requested"); on any other boot, says so and exits.  The next boot's
 * loader should report reason=requested.
 */
#include "kh_user.h"

int main(void)
{
	struct kh_stats s;
	enum status st = kh_stats(&s);

	if (st) {
		kh_printf("reboot_once: stats failed: %s\n", status_name(st));
		return 1;
	}
	if (s.boot_reason != BOOT_REASON_COLD) {
		kh_printf("reboot_once: boot_reason=%u, not rebooting\n", s.boot_reason);
		return 0;
	}
	kh_printf("reboot_once: cold boot, asking for a reboot\n");
	st = kh_reboot(BOOT_REASON_REQUESTED);
	kh_printf("reboot_once: reboot refused: %s\n", status_name(st));
	return 1;
}
