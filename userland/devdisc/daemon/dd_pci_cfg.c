/*
 * dd_pci_cfg.c - PCI configuration mechanism #1 through the IOPort
 * capability: the address dword to 0xCF8, then the data dword at 0xCFC.
 * Every access is a system call checked against the granted ports.
 */
#include "dd_pci_cfg.h"
#include "kh_objects.h"

#define PCI_CONFIG_ADDRESS 0xcf8u
#define PCI_CONFIG_DATA    0xcfcu
#define PCI_CONFIG_ENABLE  0x80000000u

static uint32_t config_address(uint8_t bus, uint8_t dev, uint8_t fn, uint16_t offset)
{
	return PCI_CONFIG_ENABLE | (uint32_t)bus << 16 | (uint32_t)(dev & 0x1f) << 11 |
	       (uint32_t)(fn & 7) << 8 | (offset & 0xfcu);
}

/* A refused access reads as all ones, as an absent device does: the walker
 * already treats that safely. */
static uint32_t io_read32(void *ctx, uint8_t bus, uint8_t dev, uint8_t fn, uint16_t offset)
{
	uint32_t slot = *(const uint32_t *)ctx, value = 0xffffffffu;

	if (kh_io_out(slot, PCI_CONFIG_ADDRESS, 4, config_address(bus, dev, fn, offset)))
		return 0xffffffffu;
	if (kh_io_in(slot, PCI_CONFIG_DATA, 4, &value))
		return 0xffffffffu;
	return value;
}

static void io_write32(void *ctx, uint8_t bus, uint8_t dev, uint8_t fn, uint16_t offset,
		       uint32_t value)
{
	uint32_t slot = *(const uint32_t *)ctx;

	if (kh_io_out(slot, PCI_CONFIG_ADDRESS, 4, config_address(bus, dev, fn, offset)))
		return;
	kh_io_out(slot, PCI_CONFIG_DATA, 4, value);
}

void dd_pci_access(uint32_t *io, struct pci_access *acc)
{
	acc->ctx = io;
	acc->read32 = io_read32;
	acc->write32 = io_write32;
}
