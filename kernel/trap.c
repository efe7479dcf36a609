/*
 * trap.c - the run-time events the port hands to the generic kernel
 * (hal/trap.h): the timer tick and a user-mode fault.  System calls are
 * syscall.c's.
 */
#include "hal/arch.h"
#include "clock.h"
#include "exit.h"
#include "log.h"
#include "sched.h"

void kernel_timer_tick(struct hal_frame *f)
{
	(void)f;
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

static const char *const fault_names[HAL_FAULT_COUNT] = {
#define HAL_FAULT_NAME(name, text) [HAL_FAULT_##name] = text,
	HAL_FAULT_LIST(HAL_FAULT_NAME)
#undef HAL_FAULT_NAME
};

const char *hal_fault_name(enum hal_fault f)
{
	if ((unsigned)f >= HAL_FAULT_COUNT)
		return "unknown";
	return fault_names[f];
}
