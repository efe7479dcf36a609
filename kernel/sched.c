/*
 * sched.c - the run queue: round-robin over the ready slots of the
 * process table, a time slice of KH_QUANTUM_TICKS, sleepers woken by the
 * tick, and the idle loop when nothing is ready.
 */
#include "sched.h"
#include "clock.h"
#include "config.h"
#include "idle.h"
#include "log.h"

static struct process *current;

struct process *process_current(void)
{
	return current;
}

/* Next ready slot after the current one, wrapping; NULL if none. */
static struct process *sched_pick(void)
{
	uint32_t start = current ? current->slot_index + 1 : 0;

	for (uint32_t i = 0; i < KH_MAX_PROCS; i++) {
		struct process *p = process_slot((start + i) % KH_MAX_PROCS);
		if (p->state == PROC_READY)
			return p;
	}
	return NULL;
}

void sched_run_next(void)
{
	struct process *p = sched_pick();

	current = p;
	if (!p)
		hal_run_idle(kernel_idle);
	if (!p->started) {
		kprintf("kernel: process %s pid=%u caps=%s\n", p->name, p->pid, p->caps_text);
		p->started = true;
	}
	p->state = PROC_RUNNING;
	if (!p->quantum)
		p->quantum = KH_QUANTUM_TICKS;
	hal_user_enter(&p->as, p->frame);
}

void sched_leave(void)
{
	KASSERT(current);
	current = NULL;
	sched_run_next();
}

void process_block(enum proc_state state)
{
	KASSERT(current);
	current->state = state;
	current = NULL;
	sched_run_next();
}

void process_wake(struct process *p, uint64_t result)
{
	hal_syscall_set_result(p->frame, result);
	p->state = PROC_READY;
}

/* Wakes sleepers whose time has come. */
static void wake_sleepers(uint64_t now)
{
	for (uint32_t i = 0; i < KH_MAX_PROCS; i++) {
		struct process *p = process_slot(i);
		if (p->state == PROC_SLEEPING && p->wake_tick <= now)
			process_wake(p, STATUS_OK);
	}
}

void sched_tick(void)
{
	wake_sleepers(kernel_ticks());
	if (!current) {
		if (sched_pick())
			sched_run_next();   /* out of the idle loop */
		return;
	}
	if (--current->quantum)
		return;
	/* Slice over: to the back of the line (sched_pick starts after us). */
	current->state = PROC_READY;
	current->quantum = KH_QUANTUM_TICKS;
	sched_run_next();
}
