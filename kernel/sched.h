/*
 * sched.h - who runs: the process on the CPU, blocking and waking, the
 * timer's time slice, and round-robin over the ready slots of the table
 * (proc.h).  When none is ready the CPU sits in the idle loop (idle.h).
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <stdint.h>
#include "proc.h"

/* The process running now, or NULL in the idle loop. */
struct process *process_current(void);

/* Blocks the current process in `state` and runs another.  Its system
 * call's result is set when it wakes (process_wake).  Never returns. */
void process_block(enum proc_state state) __attribute__((noreturn));

/* Makes a blocked process ready with `result` as its system call's value. */
void process_wake(struct process *p, uint64_t result);

/* The timer tick: wakes sleepers, ends the running time slice.  May not
 * return (it switches to another process). */
void sched_tick(void);

/* Runs the next ready process, or the idle loop if there is none.  Never
 * returns. */
void sched_run_next(void) __attribute__((noreturn));

/* The current process has ended (exit.h): forgets it and runs the next
 * ready one, searching from the first slot as after a block.  Never
 * returns. */
void sched_leave(void) __attribute__((noreturn));

#endif
