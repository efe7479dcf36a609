/*
 * exit.h - a process ends (exit, fault, stop): everything it held goes
 * back, its slot keeps how it ended for KH_OP_PROC_INFO.
 */
#ifndef KERNEL_EXIT_H
#define KERNEL_EXIT_H

#include <stdint.h>
#include "proc.h"

/* Returns everything p holds: its DevMem mappings and their pool records
 * first, then its IPC waits, its FrameAlloc count, its RAM frames; its
 * slot's parts stay carved and the slot becomes FREE.  Also undoes a
 * half-built process (exec.c). */
void process_release(struct process *p);

/* Ends the current process (exit or fault): records how it ended
 * (enum kh_proc_state), returns its frames, pool records, IPC waits and
 * slot, then runs the next one.  Never returns. */
void process_exit_current(uint32_t end_state) __attribute__((noreturn));

/* Ends another process (KH_OP_PROC_STOP); p is not the current one. */
void process_stop(struct process *p);

#endif
