/*
 * fence.c - DevMem's fenced ranges on ColdFire (hal/mmu.h): none.  The
 * MCF5208's peripherals are the device tree's regions, each a device of
 * its own; there is no shared interrupt controller window or PCI
 * configuration window that `devmem:all` could reach beside them.
 */
#include "hal/arch.h"

unsigned hal_devmem_fences(const struct hal_fence **out)
{
	*out = 0;
	return 0;
}
