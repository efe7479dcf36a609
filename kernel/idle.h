/*
 * idle.h - the loop the CPU sits in when no process is ready.
 */
#ifndef KERNEL_IDLE_H
#define KERNEL_IDLE_H

/* Entered through hal_run_idle() on the boot stack (sched.c).  Never
 * returns: a tick that finds a ready process switches to it. */
void kernel_idle(void) __attribute__((noreturn));

#endif
