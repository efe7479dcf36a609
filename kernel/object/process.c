/*
 * object/process.c - Process: KH_OP_PROC_STOP, KH_OP_PROC_INFO and
 * KH_OP_PROC_SPAWN over the process table (proc.h), program loading
 * (exec.h) and the end of a process (exit.h).
 */
#include "object/process.h"
#include "bootrec.h"
#include "exec.h"
#include "exit.h"
#include "klib.h"
#include "usercopy.h"

static enum status proc_info(struct process *p, uint64_t pid, uint64_t out, uint64_t size)
{
	struct process *q = pid <= 0xffffffffu ? process_slot_of_pid((uint32_t)pid) : NULL;
	struct kh_procinfo info;

	if (size != sizeof(info))
		return STATUS_BAD_LENGTH;
	if (!q)
		return STATUS_NOT_FOUND;
	memset(&info, 0, sizeof(info));
	info.pid = q->pid;
	info.state = q->state == PROC_FREE ? q->end_state : KH_PROC_LIVE;
	info.exit_status = q->exit_status;
	info.fault_cause = q->fault_cause;
	info.fault_addr = q->fault_addr;
	info.frames = (uint32_t)q->frames;
	return user_copy_out(p, out, &info, sizeof(info));
}

/* Another process from a manifest image, with that image's grants: the
 * spawner passes on no authority of its own. */
static enum status proc_spawn(struct process *p, uint64_t name_va, uint64_t len,
			      uint64_t *reply)
{
	const struct bootinfo *bi = kernel_bootinfo();
	char name[BOOTINFO_NAME_BYTES];
	uint32_t pid;

	if (!len || len >= sizeof(name))
		return STATUS_BAD_LENGTH;
	memset(name, 0, sizeof(name));
	enum status st = user_copy_in(p, name, name_va, len);
	if (st)
		return st;
	for (uint32_t i = 0; i < bi->program_count; i++) {
		if (kstrnlen(bi->programs[i].name, sizeof(name)) == len &&
		    !memcmp(bi->programs[i].name, name, len)) {
			st = process_create(&bi->programs[i], &pid);
			if (!st)
				reply[0] = pid;
			return st;
		}
	}
	return STATUS_NOT_FOUND;
}

enum status invoke_PROCESS(struct process *p, struct cap *c, uint32_t op,
			   const uint64_t *a, uint64_t *reply)
{
	(void)c;
	if (op == KH_OP_PROC_INFO)
		return proc_info(p, a[0], a[1], a[2]);
	if (op == KH_OP_PROC_SPAWN)
		return proc_spawn(p, a[0], a[1], reply);
	if (op != KH_OP_PROC_STOP)
		return STATUS_INVALID_ARGUMENT;
	struct process *q = a[0] <= 0xffffffffu ? process_by_pid((uint32_t)a[0]) : NULL;
	if (!q)
		return STATUS_NOT_FOUND;
	if (q == p)
		return STATUS_INVALID_ARGUMENT;   /* exit instead */
	process_stop(q);
	return STATUS_OK;
}
