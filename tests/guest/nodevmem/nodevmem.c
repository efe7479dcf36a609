/*
 * nodevmem - a program holding only the console: no slot maps device
 * memory, hands out frames, settles or reaches ports, whatever the
 * operation or slot number it tries; no capability forges another.
 *
 * Manifest: nodevmem console
 */
#include "kh_user.h"
#include "kh_objects.h"
#include "kh_expect.h"

static const uint32_t privileged[] = {
	KH_OP_DEVMEM_MAP, KH_OP_FRAME_MAP, KH_OP_SETTLE, KH_OP_POOL_GROW, KH_OP_IO_OUT,
	KH_OP_REBOOT, KH_OP_PROC_STOP, KH_OP_RECV,
};

int main(void)
{
	unsigned n = sizeof(privileged) / sizeof(privileged[0]);

	for (uint32_t slot = 0; slot <= KH_CAPS_MAX; slot++) {
		for (unsigned i = 0; i < n; i++) {
			enum status st = kh_invoke(slot, privileged[i], 0xfed00000ull, 1,
						   0x10000000ull, 0, 0, 0);
			kh_expect("refused", st, slot == 0 ? STATUS_WRONG_TYPE : STATUS_BAD_SLOT);
		}
	}
	for (unsigned t = KH_CAP_CONSOLE + 1; t < KH_CAP_TYPE_COUNT; t++)
		kh_expect("no such cap", kh_cap_find((enum kh_cap_type)t, 0, 0), STATUS_NOT_FOUND);
	kh_expect("reboot refused", kh_reboot(BOOT_REASON_REQUESTED), STATUS_NO_PERMISSION);
	return kh_expect_done("nodevmem");
}
