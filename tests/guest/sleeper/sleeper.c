/*
 * sleeper - measures one sleep against the clock, then sleeps until it is
 * stopped (by cap_misc through its Process capability).
 *
 * Manifest: sleeper console
 */
#include "kh_user.h"
#include "kh_objects.h"

int main(void)
{
	uint64_t t0 = kh_clock_ms();
	enum status st = kh_sleep_ms(20);
	uint64_t t1 = kh_clock_ms();

	kh_printf("sleeper: slept status=%d ms=%lu\n", st, (unsigned long)(t1 - t0));
	for (;;)
		kh_sleep_ms(1000);
}
