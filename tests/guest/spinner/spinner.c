/*
 * spinner - burns the CPU for 200 ms of the clock without a system call
 * that blocks, counting the times the clock jumped by more than 2 ms
 * between two reads (another program ran: it was preempted).  Two of them
 * side by side must both see jumps: round-robin from the timer.
 *
 * Manifest: spinner console (and spinner2, the same source)
 */
#include "kh_user.h"
#include "kh_objects.h"

int main(void)
{
	uint64_t start = kh_clock_ms(), last = start, now;
	unsigned jumps = 0;

	while ((now = kh_clock_ms()) < start + 200) {
		if (now > last + 2)
			jumps++;
		last = now;
	}
	kh_printf("spinner: pid=%u preempted=%u\n", kh_getpid(), jumps);
	return 0;
}
