/*
 * hello - the first user program: says who it is, then prints the kernel
 * heap and pool figures the stats call returns, read twice so a test can
 * see the heap did not move while a program ran.
 */
#include "kh_user.h"

/* Busy user-mode work until the timer has ticked a few times (so ticks
 * are seen to arrive while in user mode), bounded in case it never does. */
static enum status spin(const struct kh_stats *before, struct kh_stats *after)
{
	enum status st = STATUS_OK;

	*after = *before;
	for (int round = 0; !st && round < 400 && after->ticks < before->ticks + 3; round++) {
		for (volatile uint32_t i = 0; i < 500000; i++)
			;
		st = kh_stats(after);
	}
	return st;
}

int main(void)
{
	struct kh_stats before, after;

	kh_printf("hello: from user space pid=%u\n", kh_getpid());
	enum status st = kh_stats(&before);
	if (!st)
		st = spin(&before, &after);
	if (st) {
		kh_printf("hello: stats failed: %s\n", status_name(st));
		return 1;
	}
	kh_printf("hello: heap bytes=%lu used=%lu sealed=%u pool=%u headroom=%u pool_free=%u\n",
		  (unsigned long)after.heap_bytes, (unsigned long)after.heap_used,
		  after.heap_sealed, after.pool_n, after.pool_headroom, after.pool_free);
	kh_printf("hello: frames ram=%lu free=%lu user=%lu ticks=%lu..%lu boot_reason=%s heap_stable=%s\n",
		  (unsigned long)after.ram_frames, (unsigned long)after.free_frames,
		  (unsigned long)after.user_frames, (unsigned long)before.ticks,
		  (unsigned long)after.ticks,
		  boot_reason_name((enum boot_reason)after.boot_reason),
		  before.heap_bytes == after.heap_bytes && before.heap_used == after.heap_used
			  ? "yes" : "no");
	return 0;
}
