/*
 * exit.c - the end of a process: its objects' release hooks, its RAM
 * frames, then the scheduler moves on.
 */
#include "exit.h"
#include "frame.h"
#include "klib.h"
#include "log.h"
#include "sched.h"
#include "object/devmem.h"
#include "object/endpoint.h"
#include "object/framealloc.h"

static void free_page(uint64_t pa, void *arg)
{
	struct process *p = arg;

	enum status st = frame_free_user(pa);
	if (st)
		panic("freeing user frame 0x%lx of pid %u: %s", (unsigned long)pa,
		      p->pid, status_name(st));
	p->frames--;
}

/* Returns everything the process holds; its slot's parts stay carved.
 * Device pages first (they are pool records, not frames), then IPC waits,
 * then the RAM frames. */
void process_release(struct process *p)
{
	devmem_release_all(p);
	ipc_release(p);
	framealloc_release_all(p);
	hal_as_for_each_page(&p->as, free_page, p);
	KASSERT(p->frames == 0);
	memset(p->caps, 0, KH_CAPS_PER_PROC * sizeof(struct cap));
	p->as.tls_base = 0;
	p->state = PROC_FREE;
	ipc_death(p);
	p->started = false;
}

void process_exit_current(uint32_t end_state)
{
	struct process *current = process_current();

	KASSERT(current);
	current->end_state = end_state;
	process_release(current);
	sched_leave();
}

void process_stop(struct process *p)
{
	KASSERT(p != process_current() && p->state != PROC_FREE);
	kprintf("kernel: stop pid=%u name=%s\n", p->pid, p->name);
	p->end_state = KH_PROC_STOPPED;
	process_release(p);
}
