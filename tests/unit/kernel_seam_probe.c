/*
 * kernel_seam_probe.c - compiled with the generic kernel's include path
 * (kernel/CMakeLists.txt, target kernel_seam_probe_*) by the tests
 * kernel_seam_* (tests/unit/kernel.cmake), which pass only when the
 * compiler finds the hal seam and then REFUSES the port header named by
 * KH_SEAM_PROBE: a file in kernel/ cannot reach arch/ by name.
 */
#include "hal/arch.h"
#include KH_SEAM_PROBE

int kernel_seam_probe(void);
int kernel_seam_probe(void)
{
	return HAL_PAGE_BYTES > 0;
}
