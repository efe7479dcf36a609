/*
 * fault_priv - executes `hlt`, a privileged instruction: general
 * protection in ring 3.
 */
#include "kh_user.h"

int main(void)
{
	kh_printf("fault_priv: executing hlt\n");
	__asm__ volatile("hlt");
	kh_printf("fault_priv: hlt returned: NOT STOPPED\n");
	return 1;
}
