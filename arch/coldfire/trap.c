/*
 * trap.c - what the trap stub calls: exceptions, the timer interrupt and
 * system calls (TRAP #0), plus the frame helpers hal/trap.h asks for.
 *
 * System-call ABI (ColdFire): number in d0, arguments in d1-d5 and a0,
 * result in d0; KH_SYS_INVOKE / KH_SYS_CAP_FIND replies in d1 and d2,
 * their high 32 bits in d3 and d4 (FRAME_LIMIT's phase is in the high
 * half of its second reply).
 */
#include "hal/arch.h"
#include "klib.h"
#include "log.h"
#include "cf.h"

static const char *const vector_names[16] = {
	"reset-sp", "reset-pc", "access-error", "address-error",
	"illegal-instruction", "divide-by-zero", "reserved-6", "reserved-7",
	"privilege-violation", "trace", "line-a", "line-f",
	"debug-interrupt", "reserved-13", "format-error", "reserved-15",
};

static uint32_t frame_vector(const struct hal_frame *f)
{
	return (f->fmt_sr >> 18) & 0xffu;
}

static const char *vector_name(uint32_t v)
{
	if (v < 16)
		return vector_names[v];
	if (v >= 32 && v < 48)
		return "trap";
	return v >= CF_VECTOR_INT_BASE ? "interrupt" : "exception";
}

/* Which generic cause a user-mode exception is. */
static enum hal_fault fault_cause(uint32_t vector)
{
	switch (vector) {
	case 2:  return HAL_FAULT_ACCESS_ERROR;
	case 3:  return HAL_FAULT_ADDRESS_ERROR;
	case 4: case 10: case 11: return HAL_FAULT_INVALID_OPCODE;
	case 5:  return HAL_FAULT_DIVIDE_ERROR;
	case 8:  return HAL_FAULT_PRIVILEGE;
	case 9:  return HAL_FAULT_BREAKPOINT;
	default: return HAL_FAULT_OTHER;
	}
}

void hal_dump_frame(const struct hal_frame *f)
{
	kprintf("  pc=0x%x sr=0x%x vector=%u usp=0x%x\n", (unsigned)f->pc,
		(unsigned)(f->fmt_sr & 0xffffu), (unsigned)frame_vector(f), (unsigned)f->usp);
	for (unsigned i = 0; i < 8; i += 4)
		kprintf("  d%u=0x%08x d%u=0x%08x d%u=0x%08x d%u=0x%08x\n",
			i, (unsigned)f->d[i], i + 1, (unsigned)f->d[i + 1],
			i + 2, (unsigned)f->d[i + 2], i + 3, (unsigned)f->d[i + 3]);
	kprintf("  a0=0x%08x a1=0x%08x a2=0x%08x a3=0x%08x\n", (unsigned)f->a[0],
		(unsigned)f->a[1], (unsigned)f->a[2], (unsigned)f->a[3]);
	kprintf("  a4=0x%08x a5=0x%08x a6=0x%08x ssp=0x%08x\n", (unsigned)f->a[4],
		(unsigned)f->a[5], (unsigned)f->a[6], (unsigned)(uint32_t)(f + 1));
}

/* A supervisor-mode exception is a kernel bug: say everything and stop. */
static void kernel_exception(struct hal_frame *f) __attribute__((noreturn));
static void kernel_exception(struct hal_frame *f)
{
	uint32_t v = frame_vector(f);

	kprintf("kernel: panic exception %s vector=%u pc=0x%x sr=0x%x\n", vector_name(v),
		(unsigned)v, (unsigned)f->pc, (unsigned)(f->fmt_sr & 0xffffu));
	hal_dump_frame(f);
	hal_halt();
}

/* An interrupt can still be taken between an exception's entry and the
 * handler's first instruction, which masks them: the kernel was not yet
 * running anything, so return there with the mask set and let the
 * interrupt come back once the kernel is done (it stays pending). */
static bool caught_at_entry(struct hal_frame *f)
{
	extern uint8_t cf_exception[];

	if (!(f->fmt_sr & CF_SR_S) || f->pc != (uint32_t)cf_exception)
		return false;
	f->fmt_sr |= CF_SR_IPL_MASK;
	return true;
}

void cf_trap(struct hal_frame *f);
void cf_trap(struct hal_frame *f)
{
	uint32_t v = frame_vector(f);

	if (v >= CF_VECTOR_INT_BASE && caught_at_entry(f))
		return;

	if (v == CF_VECTOR_INT_BASE + CF_PIT0_SOURCE) {
		kernel_timer_tick(f);
		return;
	}
	if (v == 24 || v >= CF_VECTOR_INT_BASE)
		return;    /* spurious or an interrupt nobody enabled */
	if (f->fmt_sr & CF_SR_S)
		kernel_exception(f);
	if (v == CF_VECTOR_TRAP0) {
		kernel_syscall(f);
		return;
	}
	kernel_user_fault(f, fault_cause(v), f->pc);
}

struct hal_frame *hal_frame_init(void *kstack, uint64_t entry, uint64_t sp, uint64_t arg)
{
	struct hal_frame *f = (struct hal_frame *)((uint8_t *)kstack + HAL_KSTACK_BYTES) - 1;

	memset(f, 0, sizeof(*f));
	f->pc = (uint32_t)entry;
	f->fmt_sr = CF_FORMAT_WORD;      /* user mode, IPL 0 */
	f->usp = (uint32_t)sp;
	f->d[0] = (uint32_t)arg;
	return f;
}

void hal_user_enter(const struct hal_as *as, struct hal_frame *f)
{
	/* Only the condition codes are the program's; never S, T or the IPL. */
	f->fmt_sr = CF_FORMAT_WORD | (f->fmt_sr & CF_SR_CCR);
	hal_as_activate(as);
	cf_resume(f);
}

uint64_t hal_syscall_number(const struct hal_frame *f)
{
	return f->d[0];
}

uint64_t hal_syscall_arg(const struct hal_frame *f, unsigned i)
{
	const uint32_t regs[6] = { f->d[1], f->d[2], f->d[3], f->d[4], f->d[5], f->a[0] };

	return i < 6 ? regs[i] : 0;
}

void hal_syscall_set_result(struct hal_frame *f, uint64_t value)
{
	f->d[0] = (uint32_t)value;
}

void hal_syscall_set_reply(struct hal_frame *f, unsigned i, uint64_t value)
{
	if (i < 2) {
		f->d[1 + i] = (uint32_t)value;
		f->d[3 + i] = (uint32_t)(value >> 32);
	}
}

void hal_as_set_tls(struct hal_as *as, uint64_t base)
{
	as->tls_base = base;    /* no thread pointer register in use */
}
