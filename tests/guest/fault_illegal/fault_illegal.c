/*
 * fault_illegal - executes ILLEGAL; the kernel must kill it with
 * cause=invalid-opcode.
 */
#include "kh_user.h"

int main(void)
{
	kh_printf("fault_illegal: executing illegal\n");
	__asm__ volatile("illegal");
	kh_printf("fault_illegal: illegal returned: NOT STOPPED\n");
	return 1;
}
