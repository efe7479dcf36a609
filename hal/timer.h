/*
 * hal/timer.h - one periodic interrupt, source of the tick that the
 * scheduler will preempt on.  It calls kernel_timer_tick() (hal/trap.h).
 */
#ifndef HAL_TIMER_H
#define HAL_TIMER_H

#include <stdint.h>

/* Starts the timer at about `hz` ticks per second and unmasks it (it fires
 * only where interrupts are on: user mode and the idle loop).  Returns the
 * frequency actually programmed, in mHz so that rounding shows.  Writes
 * the device's name ("pit", "pit0") to *name. */
uint64_t hal_timer_init(uint32_t hz, const char **name);

/* Acknowledges the interrupt being handled (end of interrupt). */
void hal_timer_ack(void);

#endif
