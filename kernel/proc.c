/*
 * proc.c - the process table: its slots, carved from the heap once, and
 * finding a slot by index, by pid, or free.
 */
#include "proc.h"
#include "heap.h"
#include "log.h"
#include "object/endpoint.h"

static struct process *table;     /* KH_MAX_PROCS slots in the heap */

void process_table_init(void)
{
	uint64_t pt_bytes = (uint64_t)KH_PT_FRAMES_PER_PROC * HAL_PAGE_BYTES;

	table = heap_alloc(HEAP_PART_PROCESSES, KH_MAX_PROCS * sizeof(*table),
			   _Alignof(struct process));
	for (uint32_t i = 0; i < KH_MAX_PROCS; i++) {
		struct process *p = &table[i];
		p->kstack = heap_alloc(HEAP_PART_KSTACKS, HAL_KSTACK_BYTES, 16);
		p->caps = heap_alloc(HEAP_PART_CAPS, KH_CAPS_PER_PROC * sizeof(struct cap), 8);
		p->pt_budget.next = heap_alloc_phys(HEAP_PART_USER_TABLES, pt_bytes);
		p->pt_budget.end = p->pt_budget.next + pt_bytes;
		p->slot_index = i;
	}
}

struct process *process_slot(uint32_t index)
{
	return index < KH_MAX_PROCS ? &table[index] : NULL;
}

struct process *process_by_pid(uint32_t pid)
{
	for (uint32_t i = 0; i < KH_MAX_PROCS; i++)
		if (table[i].state != PROC_FREE && table[i].pid == pid)
			return &table[i];
	return NULL;
}

struct process *process_slot_of_pid(uint32_t pid)
{
	for (uint32_t i = 0; i < KH_MAX_PROCS; i++)
		if (pid && table[i].pid == pid)
			return &table[i];
	return NULL;
}

/* A slot whose death notice is still unread is taken only when nobody is
 * left to read it: while a live process can receive the notices, the slot
 * waits for its reader and the caller gets none (a full table says so
 * once, `kernel: limit what=processes ...`), so no notice is lost. */
struct process *process_free_slot(void)
{
	struct process *unseen = NULL;
	uint32_t waiting = 0;

	for (uint32_t i = 0; i < KH_MAX_PROCS; i++) {
		if (table[i].state != PROC_FREE)
			continue;
		if (!table[i].death_unseen)
			return &table[i];
		unseen = unseen ? unseen : &table[i];
		waiting++;
	}
	if (unseen && ipc_deaths_readable()) {
		kprintf("kernel: limit what=processes have=%u need=%u unread-notices=%u\n",
			KH_MAX_PROCS, KH_MAX_PROCS + 1, waiting);
		return NULL;
	}
	if (unseen)
		unseen->death_unseen = false;
	return unseen;
}
