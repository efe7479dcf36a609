/*
 * bad_low - a well-formed ELF linked at 0x1000, below HAL_USER_BASE (the
 * first 4 MiB stay unmapped so that null-pointer bugs fault).  The kernel
 * must refuse to load it with a `kernel: skip program` line and go on.
 */
#include "kh_user.h"

int main(void)
{
	kh_printf("bad_low: NOT STOPPED, ran below the user base\n");
	return 1;
}
