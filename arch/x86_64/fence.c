/*
 * fence.c - the physical ranges a DevMem capability reaches only by naming
 * them exactly (hal/mmu.h): the local APIC (from IA32_APIC_BASE), the I/O
 * APIC and the HPET at their q35 addresses, and the PCIe MMCONFIG window
 * as the q35 host bridge's PCIEXBAR register says.  A process holding one
 * of these could reset or stop the machine, or write every device's
 * configuration space without an IOPort grant.
 */
#include "hal/arch.h"
#include "x86.h"

#define MSR_APIC_BASE     0x1bu
#define APIC_BASE_MASK    0x000ffffffffff000ull
#define IOAPIC_BASE       0xfec00000ull
#define HPET_BASE         0xfed00000ull
#define PAGE_LAST         0xfffull

#define CFG_ADDRESS       0xcf8u
#define CFG_DATA          0xcfcu
#define Q35_MCH_ID        0x29c08086u   /* device << 16 | vendor at 0:0.0 */
#define PCIEXBAR          0x60u
#define PCIEXBAR_EN       0x1ull
#define PCIEXBAR_BASE     0x0000000ff0000000ull

static struct hal_fence fences[4];
static unsigned fence_count;

/* Configuration dword of bus 0, device 0, function 0 (the host bridge). */
static uint32_t host_config(uint32_t offset)
{
	hal_port_out(CFG_ADDRESS, 4, 0x80000000u | offset);
	return hal_port_in(CFG_DATA, 4);
}

static void add(uint64_t base, uint64_t last, const char *what)
{
	fences[fence_count++] = (struct hal_fence){ base, last, what };
}

/* The MMCONFIG window: PCIEXBAR bits 2:1 give its size (256, 128 or 64
 * MiB for buses 0-255, 0-127, 0-63). */
static void add_mmconfig(void)
{
	if (host_config(0) != Q35_MCH_ID)
		return;
	uint64_t bar = host_config(PCIEXBAR) | (uint64_t)host_config(PCIEXBAR + 4) << 32;
	unsigned len = (unsigned)(bar >> 1) & 3u;
	if (!(bar & PCIEXBAR_EN) || len == 3)
		return;
	uint64_t bytes = (256ull << 20) >> len;
	uint64_t base = bar & PCIEXBAR_BASE & ~(bytes - 1);
	add(base, base + bytes - 1, "mmconfig");
}

unsigned hal_devmem_fences(const struct hal_fence **out)
{
	if (!fence_count) {
		uint64_t lapic = rdmsr(MSR_APIC_BASE) & APIC_BASE_MASK;
		add(lapic, lapic + PAGE_LAST, "lapic");
		add(IOAPIC_BASE, IOAPIC_BASE + PAGE_LAST, "ioapic");
		add(HPET_BASE, HPET_BASE + PAGE_LAST, "hpet");
		add_mmconfig();
	}
	*out = fences;
	return fence_count;
}
