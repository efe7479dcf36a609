/*
 * idle.c - the idle loop, and the `kernel: idle` line once every program
 * has ended.
 */
#include "idle.h"
#include "hal/arch.h"
#include "clock.h"
#include "devpool.h"
#include "frame.h"
#include "heap.h"
#include "log.h"
#include "proc.h"

static bool any_process_live(void)
{
	for (uint32_t i = 0; i < KH_MAX_PROCS; i++)
		if (process_slot(i)->state != PROC_FREE)
			return true;
	return false;
}

/* Entered whenever nothing is ready; says so in the log only once every
 * program has ended (sleepers and receivers come back on their own). */
void kernel_idle(void)
{
	struct heap_stats hs;
	struct frame_stats fs;
	struct pool_stats ps;

	heap_get_stats(&hs);
	frame_get_stats(&fs);
	pool_get_stats(kernel_pool(), &ps);
	if (!any_process_live())
		kprintf("kernel: idle heap bytes=%lu used=%lu user_frames=%lu free_frames=%lu pool_free=%u pool_used=%u ticks=%lu\n",
		(unsigned long)hs.bytes, (unsigned long)hs.used, (unsigned long)fs.user_frames,
		(unsigned long)fs.free_frames, ps.free, ps.used, (unsigned long)kernel_ticks());
	for (;;)
		hal_wait_for_interrupt();
}
