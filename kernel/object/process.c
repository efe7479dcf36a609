/*
 * object/process.c - Process: KH_OP_PROC_STOP, KH_OP_PROC_INFO,
 * KH_OP_PROC_SPAWN and KH_OP_PROC_ENDPOINT over the process table
 * (proc.h), program loading (exec.h) and the end of a process (exit.h).
 */
#include "object/process.h"
#include "bootrec.h"
#include "exec.h"
#include "exit.h"
#include "klib.h"
#include "usercopy.h"
#include "capops.h"
#include "object/endpoint.h"

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

/* The child's slots: copies of the caller's slots listed at slots_va
 * (count of them, each needing GRANT), in that order.  An entry may carry
 * a rights mask above the slot, as an IPC transfer does
 * (KH_MSG_CAP(slot, mask); 0: every right but rescind), so a parent can
 * start a child without the grant right on what it hands over. */
static enum status child_caps(struct process *p, uint64_t slots_va, uint64_t count,
			      struct cap *out)
{
	uint32_t slots[KH_CAPS_PER_PROC];

	if (count > KH_CAPS_PER_PROC)
		return STATUS_BAD_LENGTH;
	enum status st = count ? user_copy_in(p, slots, slots_va, count * sizeof(slots[0]))
			       : STATUS_OK;
	for (uint64_t i = 0; !st && i < count; i++) {
		uint32_t slot = KH_MSG_CAP_SLOT(slots[i]);
		if ((slots[i] >> 24) || slot >= KH_CAPS_PER_PROC || !p->caps[slot].type)
			return STATUS_BAD_SLOT;
		st = cap_for_transfer(p, slot, KH_MSG_CAP_RIGHTS(slots[i]), &out[i]);
	}
	return st;
}

static const struct bootinfo_program *image_named(uint64_t name_va, uint64_t len,
						  struct process *p, enum status *st)
{
	const struct bootinfo *bi = kernel_bootinfo();
	char name[BOOTINFO_NAME_BYTES];

	*st = STATUS_BAD_LENGTH;
	if (!len || len >= sizeof(name))
		return NULL;
	memset(name, 0, sizeof(name));
	if ((*st = user_copy_in(p, name, name_va, len)))
		return NULL;
	*st = STATUS_NOT_FOUND;
	for (uint32_t i = 0; i < bi->program_count; i++)
		if (kstrnlen(bi->programs[i].name, sizeof(name)) == len &&
		    !memcmp(bi->programs[i].name, name, len))
			return &bi->programs[i];
	return NULL;
}

/* Another process from a manifest image, holding only what the spawner
 * holds and names (a[2]: its slot numbers, a[3]: how many), never the
 * image's manifest grants: the spawner passes on no authority it lacks. */
static enum status proc_spawn(struct process *p, const uint64_t *a, uint64_t *reply)
{
	struct cap caps[KH_CAPS_PER_PROC];
	uint32_t pid;
	enum status st;

	const struct bootinfo_program *prog = image_named(a[0], a[1], p, &st);
	if (!prog)
		return st;
	if ((st = child_caps(p, a[2], a[3], caps)))
		return st;
	st = process_spawn_image(prog, caps, (unsigned)a[3], p->pid, &pid);
	if (!st)
		reply[0] = pid;
	return st;
}

/* Only the caller's own children (spawned by it) may be stopped. */
static enum status proc_stop(struct process *p, uint64_t pid)
{
	struct process *q = pid <= 0xffffffffu ? process_by_pid((uint32_t)pid) : NULL;

	if (!q)
		return STATUS_NOT_FOUND;
	if (q == p)
		return STATUS_INVALID_ARGUMENT;   /* exit instead */
	if (q->parent != p->pid)
		return STATUS_NOT_CHILD;
	process_stop(q);
	return STATUS_OK;
}

/* The caller's k-th own endpoint (found by its pid and k: the same one on
 * every call, so the fixed endpoint table cannot be drained, at most
 * KH_OWN_ENDPOINTS records per process), in a new slot with the receive
 * right; the caller hands copies to its children, one endpoint each to
 * talk to them independently. */
static enum status proc_endpoint(struct process *p, uint64_t k, uint64_t *reply)
{
	uint32_t ep, slot = cap_free_slot(p);

	if (k >= KH_OWN_ENDPOINTS)
		return STATUS_OUT_OF_RANGE;
	if (slot == KH_NO_SLOT)
		return STATUS_NO_MEMORY;
	enum status st = ipc_endpoint_own(p->pid, (uint32_t)k, &ep);
	if (st)
		return st;
	p->caps[slot] = (struct cap){ .type = CAP_ENDPOINT, .object = ep,
				      .rights = KH_RIGHTS_GRANTED | KH_RIGHT_RECV };
	cap_recount(p);
	reply[0] = slot;
	return STATUS_OK;
}

enum status invoke_PROCESS(struct process *p, struct cap *c, uint32_t op,
			   const uint64_t *a, uint64_t *reply)
{
	(void)c;
	switch (op) {
	case KH_OP_PROC_INFO:  return proc_info(p, a[0], a[1], a[2]);
	case KH_OP_PROC_SPAWN: return proc_spawn(p, a, reply);
	case KH_OP_PROC_STOP:  return proc_stop(p, a[0]);
	case KH_OP_PROC_ENDPOINT: return proc_endpoint(p, a[0], reply);
	default:               return STATUS_INVALID_ARGUMENT;
	}
}
