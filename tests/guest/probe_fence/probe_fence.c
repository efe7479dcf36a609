/*
 * probe_fence - the fenced ranges and the reset port (docs/capabilities.md,
 * "Fenced ranges"): `devmem:all` maps none of the local APIC, I/O APIC,
 * HPET or MMCONFIG window (found the way the kernel finds it: the q35 host
 * bridge's PCIEXBAR through the configuration ports), a device BAR still
 * maps; `ioport:0xcf8-0xcff` reads configuration space but cannot touch
 * 0xCF9, the reset register, at any width.
 *
 * Manifest: probe_fence console,devmem:all,ioport:0xcf8-0xcff
 */
#include "kh_user.h"
#include "kh_objects.h"
#include "kh_expect.h"

#define VA        0x10000000ull
#define NOT_RAM   0x8000000000ull
#define PCIEXBAR  0x60u

static uint32_t all, io;

static uint32_t host_config(uint32_t off)
{
	uint32_t v = 0;

	kh_expect("config address", kh_io_out(io, 0xcf8, 4, 0x80000000u | off), STATUS_OK);
	kh_expect("config data", kh_io_in(io, 0xcfc, 4, &v), STATUS_OK);
	return v;
}

static void devmem(void)
{
	uint64_t mmcfg = host_config(PCIEXBAR) & 0xf0000000u;

	kh_printf("probe_fence: mmconfig=0x%lx\n", (unsigned long)mmcfg);
	kh_expect_true("mmconfig enabled", (host_config(PCIEXBAR) & 1) && mmcfg);
	kh_expect("mmconfig", kh_devmem_map(all, mmcfg, 1, VA, 0, 0), STATUS_FENCED);
	kh_expect("mmconfig bus 1", kh_devmem_map(all, mmcfg + (1u << 20), 1, VA, 0, 0), STATUS_FENCED);
	kh_expect("lapic", kh_devmem_map(all, 0xfee00000ull, 1, VA, 0, 0), STATUS_FENCED);
	kh_expect("ioapic", kh_devmem_map(all, 0xfec00000ull, 1, VA, 0, 0), STATUS_FENCED);
	kh_expect("hpet", kh_devmem_map(all, 0xfed00000ull, 1, VA, 0, 0), STATUS_FENCED);
	kh_expect("range over the lapic", kh_devmem_map(all, 0xfedff000ull, 2, VA, 0, 0),
		  STATUS_FENCED);
	kh_expect("device memory still maps", kh_devmem_map(all, NOT_RAM, 1, VA, 0, 0), STATUS_OK);
	kh_expect("unmap", kh_devmem_unmap(all, VA), STATUS_OK);
}

static void ports(void)
{
	uint32_t v = 0;

	kh_expect("host bridge vendor", host_config(0) & 0xffffu, 0x8086u);
	kh_expect("reset byte write", kh_io_out(io, 0xcf9, 1, 0x06), STATUS_FENCED);
	kh_expect("reset byte read", kh_io_in(io, 0xcf9, 1, &v), STATUS_FENCED);
	kh_expect("word over reset", kh_io_out(io, 0xcf8, 2, 0x0600), STATUS_FENCED);
	kh_expect("byte at 0xcf8", kh_io_in(io, 0xcf8, 1, &v), STATUS_OK);
	kh_expect("config data byte", kh_io_in(io, 0xcfd, 1, &v), STATUS_OK);
}

int main(void)
{
	kh_expect("find devmem", kh_cap_find(KH_CAP_DEVMEM, 0, &all), STATUS_OK);
	kh_expect("find ioport", kh_cap_find(KH_CAP_IOPORT, 0, &io), STATUS_OK);
	ports();
	devmem();
	return kh_expect_done("probe_fence");
}
