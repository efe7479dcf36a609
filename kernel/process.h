/*
 * process.h - user processes: a fixed table (slots carved from the heap at
 * boot, each with its kernel stack, page-table budget and capability
 * slots), ELF loading, exit, kill, and picking who runs next.
 *
 * Scheduling for now: run to completion in creation (manifest) order; the
 * timer issue turns sched_next() into round-robin without changing the
 * table.
 */
#ifndef KERNEL_PROCESS_H
#define KERNEL_PROCESS_H

#include <stdint.h>
#include <stdbool.h>
#include "hal/arch.h"
#include "bootinfo.h"
#include "cap.h"
#include "status.h"

enum proc_state { PROC_FREE, PROC_READY, PROC_RUNNING };

struct process {
	uint32_t pid;
	uint8_t  state;                 /* enum proc_state */
	bool     started;               /* has run at least once */
	char     name[BOOTINFO_NAME_BYTES];
	char     caps_text[BOOTINFO_CAPS_BYTES];
	uint32_t grants;                /* 1 << enum cap_type */
	struct hal_as as;
	struct hal_pt_budget pt_budget; /* the slot's fixed table frames */
	struct hal_frame *frame;        /* saved user registers */
	void    *kstack;
	struct cap *caps;               /* KH_CAPS_PER_PROC slots */
	uint64_t frames;                /* user frames held */
};

/* Carves every slot's parts from the heap.  Before heap_seal(). */
void process_table_init(void);

/* Builds a process from one manifest entry: validates name, grants and
 * ELF first, then maps.  On failure nothing is left allocated. */
enum status process_create(const struct bootinfo_program *prog, uint32_t *pid);

/* The process running now, or NULL in the idle loop. */
struct process *process_current(void);

/* Ends the current process (exit or fault): returns its frames and slot,
 * then runs the next one.  Never returns. */
void process_exit_current(void) __attribute__((noreturn));

/* Runs the next ready process, or the idle loop if there is none.  Never
 * returns. */
void sched_run_next(void) __attribute__((noreturn));

/* OK if [va, va + len) is user memory of p mapped with `need`
 * (HAL_MAP_WRITE or 0); OUT_OF_RANGE / NO_PERMISSION otherwise. */
enum status user_range_check(const struct process *p, uint64_t va, uint64_t len,
			     unsigned need);

/* Copies between kernel memory and the current process's address space.
 * The whole range is checked (mapped, user, writable for copy_out) before
 * a byte moves: NO_PERMISSION / OUT_OF_RANGE and nothing copied. */
enum status user_copy_in(const struct process *p, void *dst, uint64_t src, uint64_t len);
enum status user_copy_out(const struct process *p, uint64_t dst, const void *src, uint64_t len);

#endif
