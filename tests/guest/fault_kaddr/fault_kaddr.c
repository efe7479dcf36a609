/*
 * fault_kaddr - reads the kernel image's first word through its
 * higher-half address; user mode must get a page fault, not the data.
 */
#include "kh_user.h"

int main(void)
{
	volatile const uint64_t *kernel_text = (const uint64_t *)0xffffffff80100000ull;

	kh_printf("fault_kaddr: reading 0x%lx\n", (unsigned long)kernel_text);
	uint64_t v = *kernel_text;
	kh_printf("fault_kaddr: read 0x%lx: NOT STOPPED\n", (unsigned long)v);
	return 1;
}
