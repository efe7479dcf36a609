/*
 * syscall.c - decoding and dispatching system calls (kh_syscall.h).
 */
#include "hal/arch.h"
#include "uapi/kh_syscall.h"
#include "frame.h"
#include "heap.h"
#include "kernel.h"
#include "klib.h"
#include "log.h"
#include "devpool.h"
#include "process.h"

static uint64_t sys_console_write(struct process *p, uint64_t buf, uint64_t len)
{
	char chunk[256];

	if (!cap_granted(p->grants, CAP_CONSOLE))
		return STATUS_NO_PERMISSION;
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

static void fill_stats(const struct process *p, struct kh_stats *s)
{
	struct heap_stats h;
	struct frame_stats f;
	struct pool_stats ps;

	heap_get_stats(&h);
	frame_get_stats(&f);
	pool_get_stats(kernel_pool(), &ps);
	memset(s, 0, sizeof(*s));
	s->heap_bytes = h.bytes;
	s->heap_used = h.used;
	s->heap_sealed = h.sealed;
	s->ram_frames = f.ram_frames;
	s->free_frames = f.free_frames;
	s->user_frames = f.user_frames;
	s->ticks = kernel_ticks();
	s->pool_n = ps.pool_n;
	s->pool_capacity = ps.capacity;
	s->pool_headroom = ps.headroom;
	s->pool_free = ps.free;
	s->pool_used = ps.used;
	s->pool_high_water = ps.high_water;
	s->pid = p->pid;
	s->boot_reason = kernel_bootinfo()->boot_reason;
}

static uint64_t sys_stats(struct process *p, uint64_t out, uint64_t size)
{
	struct kh_stats s;

	if (size != sizeof(s))
		return STATUS_BAD_LENGTH;
	fill_stats(p, &s);
	return user_copy_out(p, out, &s, sizeof(s));
}

static uint64_t sys_reboot(struct process *p, uint64_t reason)
{
	if (!cap_granted(p->grants, CAP_REBOOT))
		return STATUS_NO_PERMISSION;
	if (reason == BOOT_REASON_COLD || reason >= BOOT_REASON_COUNT)
		return STATUS_INVALID_ARGUMENT;
	kprintf("kernel: reboot pid=%u name=%s reason=%lu\n", p->pid, p->name,
		(unsigned long)reason);
	hal_reset((enum boot_reason)reason);
}

static void __attribute__((noreturn)) sys_exit(struct process *p, uint64_t status)
{
	kprintf("kernel: exit pid=%u name=%s status=%ld\n", p->pid, p->name, (long)status);
	process_exit_current();
}

/* Our own calls; everything outside KH_SYS_BASE..KH_SYS_END (Linux
 * numbers a C library may issue) gets -ENOSYS. */
static uint64_t dispatch(struct process *p, uint64_t nr, const uint64_t *a)
{
	switch (nr) {
	case KH_SYS_CONSOLE_WRITE: return sys_console_write(p, a[0], a[1]);
	case KH_SYS_EXIT:          sys_exit(p, a[0]);
	case KH_SYS_STATS:         return sys_stats(p, a[0], a[1]);
	case KH_SYS_REBOOT:        return sys_reboot(p, a[0]);
	case KH_SYS_GETPID:        return p->pid;
	default:                   return (uint64_t)-(int64_t)KH_ENOSYS;
	}
}

void kernel_syscall(struct hal_frame *f)
{
	struct process *p = process_current();
	uint64_t args[6];

	KASSERT(p);
	for (unsigned i = 0; i < 6; i++)
		args[i] = hal_syscall_arg(f, i);
	hal_syscall_set_result(f, dispatch(p, hal_syscall_number(f), args));
}
