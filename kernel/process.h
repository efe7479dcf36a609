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
#include "config.h"
#include "status.h"

/* FREE slots keep the end of their last process (pid, end, status) for
 * KH_OP_PROC_INFO until reused.  The *_WAIT states are blocked in a
 * system call; the result lands in the saved frame when they wake. */
enum proc_state {
	PROC_FREE, PROC_READY, PROC_RUNNING,
	PROC_SLEEPING,       /* until wake_tick */
	PROC_SEND_WAIT,      /* queued on endpoint `ep` with message msg_va */
	PROC_RECV_WAIT,      /* receiver of endpoint `ep` */
	PROC_REPLY_WAIT,     /* called; waits for the reply into msg_va */
};

#define PROC_NONE 0xffffffffu  /* no slot (queue ends, no caller) */

/* One DevMem mapping: `pages` device pages at user va, backed by the
 * pool run starting at record `head`. */
struct devmap {
	uint64_t va;
	uint32_t pages;
	uint32_t head;
};

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
	uint64_t fa_frames;             /* FrameAlloc frames: mapped + reserved */
	uint64_t fa_reserved;           /* of which held unmapped (RESERVE) */
	uint32_t fa_reserve_head;       /* their chain (frame.h) */
	uint64_t wake_tick;             /* PROC_SLEEPING until this tick */
	uint64_t msg_va;                /* IPC: the caller's struct kh_msg */
	uint32_t ep;                    /* IPC: endpoint waited on */
	uint32_t next;                  /* IPC: next slot in the send queue */
	uint32_t reply_to;              /* IPC: caller to reply to, PROC_NONE */
	uint32_t slot_index;
	uint32_t quantum;               /* ticks left in the time slice */
	uint32_t end_state;             /* enum kh_proc_state once ended */
	int64_t  exit_status;
	uint32_t fault_cause;
	uint64_t fault_addr;
	struct devmap devmaps[KH_DEVMAPS_PER_PROC];
};

/* Carves every slot's parts from the heap.  Before heap_seal(). */
void process_table_init(void);

/* Builds a process from one manifest entry: validates name, grants and
 * ELF first, then maps.  On failure nothing is left allocated. */
enum status process_create(const struct bootinfo_program *prog, uint32_t *pid);

/* The process running now, or NULL in the idle loop. */
struct process *process_current(void);

/* Ends the current process (exit or fault): records how it ended
 * (enum kh_proc_state), returns its frames, pool records, IPC waits and
 * slot, then runs the next one.  Never returns. */
void process_exit_current(uint32_t end_state) __attribute__((noreturn));

/* Ends another process (KH_OP_PROC_STOP); p is not the current one. */
void process_stop(struct process *p);

/* Live process with this pid, or NULL. */
struct process *process_by_pid(uint32_t pid);

/* Slot i of the table (for IPC queues), or the slot whose last process
 * had `pid` (for PROC_INFO after the end), NULL if none. */
struct process *process_slot(uint32_t index);
struct process *process_slot_of_pid(uint32_t pid);

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
