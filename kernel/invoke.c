/*
 * invoke.c - KH_SYS_INVOKE: one system call reaches every capability.
 * The slot is checked here (range, not empty), the operation's type
 * against the slot's (WRONG_TYPE), then the type's handler validates the
 * rest before it changes anything.  The handler table is generated from
 * the one type list (uapi/kh_syscall.h).
 */
#include "frame.h"
#include "kernel.h"
#include "klib.h"
#include "log.h"
#include "objects.h"

static const invoke_fn handlers[CAP_TYPE_COUNT] = {
#define OBJ_HANDLER(name, text) [CAP_##name] = invoke_##name,
	CAP_TYPE_LIST(OBJ_HANDLER)
#undef OBJ_HANDLER
};

enum status invoke(struct process *p, uint64_t slot, uint64_t op, const uint64_t *a,
		   uint64_t *reply)
{
	if (slot >= KH_CAPS_PER_PROC || !p->caps[slot].type)
		return STATUS_BAD_SLOT;
	struct cap *c = &p->caps[slot];
	if (op > 0xffff || (op >> 8) != c->type)
		return STATUS_WRONG_TYPE;
	return handlers[c->type](p, c, (uint32_t)op, a, reply);
}

enum status invoke_NULL(struct process *p, struct cap *c, uint32_t op,
			const uint64_t *a, uint64_t *reply)
{
	(void)p; (void)c; (void)op; (void)a; (void)reply;
	return STATUS_BAD_SLOT;   /* unreachable: empty slots stop in invoke() */
}

enum status console_write(struct process *p, uint64_t buf, uint64_t len)
{
	char chunk[256];

	if (len > KH_CONSOLE_WRITE_MAX)
		return STATUS_OUT_OF_RANGE;
	/* Check the whole range first: a bad buffer prints nothing. */
	enum status st = user_range_check(p, buf, len, 0);
	for (uint64_t done = 0; !st && done < len; done += sizeof(chunk)) {
		uint64_t n = len - done < sizeof(chunk) ? len - done : sizeof(chunk);
		st = user_copy_in(p, chunk, buf + done, n);
		for (uint64_t i = 0; !st && i < n; i++)
			hal_console_putc(chunk[i]);
	}
	return st;
}

enum status invoke_CONSOLE(struct process *p, struct cap *c, uint32_t op,
			   const uint64_t *a, uint64_t *reply)
{
	(void)c; (void)reply;
	if (op != KH_OP_CONSOLE_WRITE)
		return STATUS_INVALID_ARGUMENT;
	return console_write(p, a[0], a[1]);
}

enum status do_reboot(struct process *p, uint64_t reason)
{
	if (reason == BOOT_REASON_COLD || reason >= BOOT_REASON_COUNT)
		return STATUS_INVALID_ARGUMENT;
	kprintf("kernel: reboot pid=%u name=%s reason=%lu\n", p->pid, p->name,
		(unsigned long)reason);
	hal_reset((enum boot_reason)reason);
}

enum status invoke_REBOOT(struct process *p, struct cap *c, uint32_t op,
			  const uint64_t *a, uint64_t *reply)
{
	(void)c; (void)reply;
	if (op != KH_OP_REBOOT)
		return STATUS_INVALID_ARGUMENT;
	return do_reboot(p, a[0]);
}

static void tuning_from_bootinfo(struct kh_bootfacts *dst, const struct bootinfo_config *src)
{
	KH_TUNING_FIELDS(KH_TUNING_COPY_FIELD)
}

static void fill_bootfacts(struct kh_bootfacts *b)
{
	const struct bootinfo *bi = kernel_bootinfo();
	const struct bootinfo_config *c = &bi->config;
	struct frame_stats fs;

	frame_get_stats(&fs);
	memset(b, 0, sizeof(*b));
	b->boot_reason = bi->boot_reason;
	b->config_slot = c->slot;
	tuning_from_bootinfo(b, c);
	b->program_count = bi->program_count;
	b->ram_frames = fs.ram_frames;
	b->dtb_phys = bi->dtb_phys;
	b->dtb_size = bi->dtb_size;
}

enum status invoke_BOOTINFO(struct process *p, struct cap *c, uint32_t op,
			    const uint64_t *a, uint64_t *reply)
{
	struct kh_bootfacts b;

	(void)c; (void)reply;
	if (op != KH_OP_BOOTINFO_READ)
		return STATUS_INVALID_ARGUMENT;
	if (a[1] != sizeof(b))
		return STATUS_BAD_LENGTH;
	fill_bootfacts(&b);
	return user_copy_out(p, a[0], &b, sizeof(b));
}

/* Port I/O through the system call (not the TSS bitmap): every access is
 * checked against the slot's range, which stays exact to the port. */
enum status invoke_IOPORT(struct process *p, struct cap *c, uint32_t op,
			  const uint64_t *a, uint64_t *reply)
{
	uint64_t port = a[0], width = a[1];

	(void)p;
	if (op != KH_OP_IO_IN && op != KH_OP_IO_OUT)
		return STATUS_INVALID_ARGUMENT;
	if (width != 1 && width != 2 && width != 4)
		return STATUS_INVALID_ARGUMENT;
	if (port % width)
		return STATUS_MISALIGNED;
	if (port < c->arg0 || port > 0xffff || port + width - 1 > c->arg1)
		return STATUS_OUT_OF_RANGE;
	if (op == KH_OP_IO_IN)
		reply[0] = hal_port_in((uint16_t)port, (unsigned)width);
	else
		hal_port_out((uint16_t)port, (unsigned)width, (uint32_t)a[2]);
	return STATUS_OK;
}

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
