/*
 * probe_nmi - the first escape of issue 12 as a regression test: a program
 * granted only the local APIC page sends itself an NMI through the
 * interrupt command register.  The kernel must end this program
 * (`kernel: fault ... cause=nmi`) and go on; it used to panic.
 *
 * Manifest: probe_nmi console,devmem:0xfee00000-0xfee00fff
 */
#include "kh_user.h"
#include "kh_objects.h"

#define LAPIC      0xfee00000ull
#define VA         0x10000000ull
#define REG_ID     0x020u
#define REG_ICR_LO 0x300u
#define REG_ICR_HI 0x310u
#define ICR_NMI    0x400u      /* delivery mode 100b */
#define ICR_ASSERT 0x4000u

static volatile uint32_t *reg(uint32_t off)
{
	return (volatile uint32_t *)(VA + off);
}

int main(void)
{
	uint32_t slot;

	if (kh_cap_find(KH_CAP_DEVMEM, 0, &slot) || kh_devmem_map(slot, LAPIC, 1, VA, 0, 0)) {
		kh_printf("probe_nmi: cannot map the local APIC\n");
		return 1;
	}
	uint32_t id = *reg(REG_ID) & 0xff000000u;
	kh_printf("probe_nmi: sending an NMI to apic=%u\n", (unsigned)(id >> 24));
	*reg(REG_ICR_HI) = id;
	*reg(REG_ICR_LO) = ICR_NMI | ICR_ASSERT;
	for (volatile int i = 0; i < 1000000; i++)
		;
	kh_printf("probe_nmi: still running after the NMI\n");
	return 2;
}
