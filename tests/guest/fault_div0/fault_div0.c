/*
 * fault_div0 - divides by zero (the divisor is volatile so the compiler
 * cannot fold or remove the division).
 */
#include "kh_user.h"

int main(void)
{
	volatile int zero = 0;

	kh_printf("fault_div0: dividing by zero\n");
	int q = 100 / zero;
	kh_printf("fault_div0: got %d: NOT STOPPED\n", q);
	return 1;
}
