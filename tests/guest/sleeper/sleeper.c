/*
 * sleeper - measures one sleep against the clock, then sleeps until it is
 * stopped by its parent (cap_misc spawns two), or ends after a second when
 * the manifest started it (cap_misc may not stop what it did not spawn).
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
	kh_sleep_ms(1000);
	return 0;
}
