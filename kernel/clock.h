/*
 * clock.h - the tick count: timer interrupts since hal_timer_init(), the
 * kernel's one clock (sleep, KH_SYS_CLOCK, the idle line).
 */
#ifndef KERNEL_CLOCK_H
#define KERNEL_CLOCK_H

#include <stdint.h>

/* Timer ticks since hal_timer_init(). */
uint64_t kernel_ticks(void);

/* One more tick (the timer interrupt, trap.c). */
void clock_tick(void);

#endif
