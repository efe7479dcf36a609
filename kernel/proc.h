/*
 * proc.h - the process record and the process table: a fixed number of
 * slots carved from the heap at boot, each with its kernel stack,
 * page-table budget and capability slots.  Who runs is sched.h's, loading
 * a program exec.h's, ending one exit.h's, copies to and from its memory
 * usercopy.h's.
 */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

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
	uint32_t parent;                /* pid of the spawner, 0 for the manifest's */
	bool     death_unseen;          /* ended; the death-notice endpoint has not
					   received it yet (object/endpoint.c) */
};


/* Carves every slot's parts from the heap.  Before heap_seal(). */
void process_table_init(void);

/* Live process with this pid, or NULL. */
struct process *process_by_pid(uint32_t pid);

/* Slot i of the table (for IPC queues), or the slot whose last process
 * had `pid` (for PROC_INFO after the end), NULL if none. */
struct process *process_slot(uint32_t index);
struct process *process_slot_of_pid(uint32_t pid);

/* A FREE slot for a new process, or NULL if the table is full. */
struct process *process_free_slot(void);

#endif
