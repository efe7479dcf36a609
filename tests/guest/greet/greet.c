/*
 * greet - an example program: says hello with its pid and exits 0.
 */
#include "kh_user.h"

int main(void)
{
	kh_printf("greet: hello from pid=%u\n", kh_getpid());
	return 0;
}
