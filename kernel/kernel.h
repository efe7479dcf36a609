/*
 * kernel.h - entry points of the generic kernel that the port calls.
 */
#ifndef KERNEL_KERNEL_H
#define KERNEL_KERNEL_H

#include <stdint.h>
#include "bootinfo.h"

/* Called by the port's entry code once the console and the trap table
 * work.  `bi` is the loader's record, reachable through the loader's
 * tables; `magic` is what the loader passed beside it.  Never returns. */
void kernel_main(const struct bootinfo *bi, uint64_t magic) __attribute__((noreturn));

/* The loop the CPU sits in when no process is ready.  Never returns. */
void kernel_idle(void) __attribute__((noreturn));

/* The boot facts kept from bootinfo (the record itself may be reused). */
const struct bootinfo *kernel_bootinfo(void);

/* Timer ticks since hal_timer_init(). */
uint64_t kernel_ticks(void);

#endif
