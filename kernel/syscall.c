/*
 * syscall.c - decoding and dispatching system calls (kh_syscall.h).
 */
#include "hal/arch.h"
#include "uapi/kh_syscall.h"
#include "bootrec.h"
#include "clock.h"
#include "config.h"
#include "devpool.h"
#include "exit.h"
#include "frame.h"
#include "heap.h"
#include "invoke.h"
#include "klib.h"
#include "log.h"
#include "sched.h"
#include "usercopy.h"
#include "capops.h"
#include "object/console.h"
#include "object/framealloc.h"
#include "object/reboot.h"

#define SLEEP_MAX_MS  (24ull * 3600 * 1000)

static uint64_t sys_console_write(struct process *p, uint64_t buf, uint64_t len)
{
	if (!cap_granted(p->grants, CAP_CONSOLE))
		return STATUS_NO_PERMISSION;
	return console_write(p, buf, len);
}

static uint64_t clock_ms(void)
{
	return kernel_ticks() * 1000 / KH_TIMER_HZ;
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
	s->pool_settled = ps.settled;
	s->headroom_kept = ps.headroom;
	s->pid = p->pid;
	s->boot_reason = kernel_bootinfo()->boot_reason;
	framealloc_get(&s->frame_limit, &s->frame_alloc_used, &s->frame_phase);
	s->clock_ms = clock_ms();
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
	return do_reboot(p, reason);
}

static void __attribute__((noreturn)) sys_exit(struct process *p, uint64_t status)
{
	kprintf("kernel: exit pid=%u name=%s status=%ld\n", p->pid, p->name, (long)status);
	p->exit_status = (int64_t)status;
	process_exit_current(KH_PROC_EXITED);
}

static uint64_t sys_sleep(uint64_t ms)
{
	struct process *p = process_current();

	if (ms > SLEEP_MAX_MS)
		return STATUS_OUT_OF_RANGE;
	/* Round up: a sleep never ends early. */
	p->wake_tick = kernel_ticks() + (ms * KH_TIMER_HZ + 999) / 1000 + 1;
	hal_syscall_set_result(p->frame, STATUS_OK);
	process_block(PROC_SLEEPING);
}

static uint64_t sys_yield(struct process *p)
{
	hal_syscall_set_result(p->frame, STATUS_OK);
	p->state = PROC_READY;
	sched_run_next();
}

/* The nth slot (0-based) holding `type`; the slot number in rdx. */
static uint64_t sys_cap_find(struct process *p, uint64_t type, uint64_t nth, uint64_t *reply)
{
	if (!type || type >= CAP_TYPE_COUNT)
		return STATUS_WRONG_TYPE;
	for (uint32_t i = 0; i < KH_CAPS_PER_PROC; i++) {
		if (p->caps[i].type == type && !nth--) {
			reply[0] = i;
			return STATUS_OK;
		}
	}
	return STATUS_NOT_FOUND;
}

/* musl's thread pointer; any other arch_prctl code is -ENOSYS. */
static uint64_t sys_arch_prctl(struct process *p, uint64_t code, uint64_t addr)
{
	if (code != KH_ARCH_SET_FS)
		return (uint64_t)-(int64_t)KH_ENOSYS;
	if (addr >= HAL_USER_TOP)
		return (uint64_t)-1;   /* -EPERM, as Linux answers */
	hal_as_set_tls(&p->as, addr);
	return 0;
}

/* Our own calls; everything outside KH_SYS_BASE..KH_SYS_END (Linux
 * numbers a C library may issue) gets -ENOSYS, arch_prctl aside. */
static uint64_t dispatch(struct process *p, uint64_t nr, const uint64_t *a, uint64_t *reply)
{
	switch (nr) {
	case KH_SYS_CONSOLE_WRITE: return sys_console_write(p, a[0], a[1]);
	case KH_SYS_EXIT:          sys_exit(p, a[0]);
	case KH_SYS_STATS:         return sys_stats(p, a[0], a[1]);
	case KH_SYS_REBOOT:        return sys_reboot(p, a[0]);
	case KH_SYS_GETPID:        return p->pid;
	case KH_SYS_INVOKE:        return invoke(p, a[0], a[1], a + 2, reply);
	case KH_SYS_SLEEP:         return sys_sleep(a[0]);
	case KH_SYS_CLOCK:         return clock_ms();
	case KH_SYS_YIELD:         return sys_yield(p);
	case KH_SYS_CAP_FIND:      return sys_cap_find(p, a[0], a[1], reply);
	case KH_SYS_CAP_DERIVE:    return cap_derive(p, a[0], a[1], a[2], a[3], reply);
	case KH_SYS_CAP_DELETE:    return cap_delete(p, a[0]);
	case KH_LINUX_ARCH_PRCTL:  return sys_arch_prctl(p, a[0], a[1]);
	default:                   return (uint64_t)-(int64_t)KH_ENOSYS;
	}
}

void kernel_syscall(struct hal_frame *f)
{
	struct process *p = process_current();
	uint64_t args[6], reply[2] = { 0, 0 };

	KASSERT(p && f == p->frame);
	for (unsigned i = 0; i < 6; i++)
		args[i] = hal_syscall_arg(f, i);
	uint64_t nr = hal_syscall_number(f);
	uint64_t result = dispatch(p, nr, args, reply);
	hal_syscall_set_result(f, result);
	if (nr == KH_SYS_INVOKE || nr == KH_SYS_CAP_FIND || nr == KH_SYS_CAP_DERIVE) {
		hal_syscall_set_reply(f, 0, reply[0]);
		hal_syscall_set_reply(f, 1, reply[1]);
	}
}
