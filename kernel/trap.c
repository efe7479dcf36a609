/*
 * trap.c - the run-time events the port hands to the generic kernel
 * (hal/trap.h): the timer tick and a user-mode fault.  System calls are
 * syscall.c's.
 */
#include "hal/arch.h"
#include "names.h"
#include "clock.h"
#include "exit.h"
#include "log.h"
#include "sched.h"
#include "ptable.h"

#define KEY_STATUS 0x14   /* Ctrl-T, BSD's status key */

void kernel_timer_tick(struct hal_frame *f)
{
	(void)f;
	if (hal_console_getc() == KEY_STATUS)
		ptable_print();
	clock_tick();
	hal_timer_ack();
	sched_tick();
}

void kernel_user_fault(struct hal_frame *f, enum hal_fault cause, uint64_t addr)
{
	struct process *p = process_current();

	(void)f;
	KASSERT(p);
	kprintf("kernel: fault pid=%u name=%s cause=%s addr=0x%lx\n", p->pid, p->name,
		hal_fault_name(cause), (unsigned long)addr);
	p->fault_cause = cause;
	p->fault_addr = addr;
	process_exit_current(KH_PROC_FAULTED);
}

KH_NAME_FUNCTION(hal_fault_name, enum hal_fault, HAL_FAULT_LIST, HAL_FAULT_COUNT)
