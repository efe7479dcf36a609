/*
 * config.h - fixed capacities of the kernel's tables.  The heap planner
 * multiplies these by the record sizes; raising one costs heap bytes at
 * every boot, never at run time.
 */
#ifndef KERNEL_CONFIG_H
#define KERNEL_CONFIG_H

#define KH_MAX_PROCS           16u   /* >= BOOTINFO_PROGRAMS_MAX */
#define KH_CAPS_PER_PROC       64u
#define KH_MAX_ENDPOINTS       64u
#define KH_PT_FRAMES_PER_PROC  16u   /* page tables of one address space */
#define KH_TIMER_HZ            1000u /* 1 ms: sleep and clock resolution */
#define KH_QUANTUM_TICKS       10u   /* round-robin time slice, in ticks */

#endif
