/*
 * kernel.h - the entry point of the generic kernel that the port's boot
 * code calls (the run-time ones, kernel_syscall and friends, are in
 * hal/trap.h).
 */
#ifndef KERNEL_KERNEL_H
#define KERNEL_KERNEL_H

#include <stdint.h>
#include "bootinfo.h"

/* Called by the port's entry code once the console and the trap table
 * work.  `bi` is the loader's record, reachable through the loader's
 * tables; `magic` is what the loader passed beside it.  Never returns. */
void kernel_main(const struct bootinfo *bi, uint64_t magic) __attribute__((noreturn));

#endif
