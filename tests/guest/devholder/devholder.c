/*
 * devholder - maps device memory, then faults: the kernel must return its
 * pool records with everything else (the QEMU test reads pool_used=0).
 *
 * Manifest: devholder console,devmem:0xfed00000-0xfed00fff
 */
#include "kh_user.h"
#include "kh_objects.h"

int main(void)
{
	uint32_t slot;
	struct kh_stats s;

	if (kh_cap_find(KH_CAP_DEVMEM, 0, &slot) ||
	    kh_devmem_map(slot, 0xfed00000ull, 1, 0x30000000ull, 0, 0))
		return 1;
	kh_stats(&s);
	kh_printf("devholder: mapped pool_used=%u\n", s.pool_used);
	*(volatile int *)0 = 1;     /* page fault */
	return 2;
}
