/*
 * hello - the first user program: says who it is, then prints the kernel
 * heap and pool figures the stats call returns, read twice so a test can
 * see the heap did not move while a program ran.
 */
#include "kh_user.h"

static void spin(void)
{
	for (volatile uint32_t i = 0; i < 2000000; i++)
		;
}

int main(void)
{
	struct kh_stats before, after;

	kh_printf("hello: from user space pid=%u\n", kh_getpid());
	enum status st = kh_stats(&before);
	if (!st) {
		spin();     /* let timer interrupts arrive in user mode */
		st = kh_stats(&after);
	}
	if (st) {
		kh_printf("hello: stats failed: %s\n", status_name(st));
		return 1;
	}
	kh_printf("hello: heap bytes=%lu used=%lu sealed=%u pool=%u headroom=%u pool_free=%u\n",
		  (unsigned long)after.heap_bytes, (unsigned long)after.heap_used,
		  after.heap_sealed, after.pool_n, after.pool_headroom, after.pool_free);
	kh_printf("hello: frames ram=%lu free=%lu user=%lu ticks=%lu boot_reason=%u heap_stable=%s\n",
		  (unsigned long)after.ram_frames, (unsigned long)after.free_frames,
		  (unsigned long)after.user_frames, (unsigned long)after.ticks,
		  after.boot_reason,
		  before.heap_bytes == after.heap_bytes && before.heap_used == after.heap_used
			  ? "yes" : "no");
	return 0;
}
