/*
 * clock.c - the tick counter behind kernel_ticks().
 */
#include "clock.h"

static volatile uint64_t ticks;

uint64_t kernel_ticks(void)
{
	return ticks;
}

void clock_tick(void)
{
	ticks++;
}
