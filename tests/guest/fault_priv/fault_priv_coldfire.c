/*
 * fault_priv - writes SR (supervisor only) from user mode; the kernel
 * must kill it with cause=privilege-violation.
 */
#include "kh_user.h"

int main(void)
{
	kh_printf("fault_priv: writing sr\n");
	__asm__ volatile("move.w #0x2700, %%sr" ::: "memory");
	kh_printf("fault_priv: sr written: NOT STOPPED\n");
	return 1;
}
