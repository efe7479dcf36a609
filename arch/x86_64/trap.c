/*
 * trap.c - what the trap stubs call: exceptions, interrupts and system
 * calls, plus the frame helpers hal/trap.h asks for.
 */
#include "hal/arch.h"
#include "klib.h"
#include "log.h"
#include "x86.h"

/* Flags a user frame may carry: arithmetic flags, DF, TF, AC, ID; never
 * IOPL or NT.  IF is always on in user mode. */
#define RFLAGS_USER_MASK  0x240dd5ull
#define RFLAGS_RESERVED1  0x2ull

static const char *const vector_names[32] = {
	"divide-error", "debug", "nmi", "breakpoint", "overflow", "bound-range",
	"invalid-opcode", "device-not-available", "double-fault", "coprocessor-overrun",
	"invalid-tss", "segment-not-present", "stack-fault", "general-protection",
	"page-fault", "reserved-15", "fp-error", "alignment-check", "machine-check",
	"simd-error", "virtualization", "control-protection",
};

static const char *vector_name(uint64_t v)
{
	if (v < 32 && vector_names[v])
		return vector_names[v];
	return v < 32 ? "reserved" : "interrupt";
}

/* Which generic cause a user-mode exception is. */
static enum hal_fault fault_cause(uint64_t vector)
{
	switch (vector) {
	case 0:  return HAL_FAULT_DIVIDE_ERROR;
	case 3:  return HAL_FAULT_BREAKPOINT;
	case 6:  return HAL_FAULT_INVALID_OPCODE;
	case 12: return HAL_FAULT_STACK_FAULT;
	case 13: return HAL_FAULT_GENERAL_PROT;
	case 14: return HAL_FAULT_PAGE_FAULT;
	case 16: case 19: return HAL_FAULT_FP_ERROR;
	case 17: return HAL_FAULT_ALIGNMENT;
	case 2:  return HAL_FAULT_NMI;
	case 8:  return HAL_FAULT_DOUBLE_FAULT;
	case 18: return HAL_FAULT_MACHINE_CHECK;
	default: return HAL_FAULT_OTHER;
	}
}

void hal_dump_frame(const struct hal_frame *f)
{
	kprintf("  rip=0x%lx cs=0x%lx rflags=0x%lx rsp=0x%lx ss=0x%lx\n",
		f->rip, f->cs, f->rflags, f->rsp, f->ss);
	kprintf("  rax=0x%lx rbx=0x%lx rcx=0x%lx rdx=0x%lx\n", f->rax, f->rbx, f->rcx, f->rdx);
	kprintf("  rsi=0x%lx rdi=0x%lx rbp=0x%lx r8=0x%lx\n", f->rsi, f->rdi, f->rbp, f->r8);
	kprintf("  r9=0x%lx r10=0x%lx r11=0x%lx r12=0x%lx\n", f->r9, f->r10, f->r11, f->r12);
	kprintf("  r13=0x%lx r14=0x%lx r15=0x%lx cr2=0x%lx cr3=0x%lx\n", f->r13, f->r14,
		f->r15, read_cr2(), read_cr3());
}

/* A kernel-mode exception is a kernel bug: say everything and stop. */
static void kernel_exception(struct hal_frame *f) __attribute__((noreturn));
static void kernel_exception(struct hal_frame *f)
{
	kprintf("kernel: panic exception %s vector=%lu error=0x%lx rip=0x%lx cr2=0x%lx\n",
		vector_name(f->vector), f->vector, f->error, f->rip, read_cr2());
	hal_dump_frame(f);
	hal_halt();
}

void x86_trap(struct hal_frame *f)
{
	if (f->vector >= X86_IRQ_BASE) {
		x86_irq(f);
		return;
	}
	/* An NMI, double fault or machine check taken while user code ran
	 * (a program can send itself an NMI through a local APIC it was
	 * granted) ends that program like any fault: only kernel mode is a
	 * kernel bug. */
	if ((f->cs & 3) != 3)
		kernel_exception(f);
	uint64_t addr = f->vector == 14 ? read_cr2() : f->rip;
	kernel_user_fault(f, fault_cause(f->vector), addr);
}

void x86_syscall(struct hal_frame *f)
{
	kernel_syscall(f);
}

struct hal_frame *hal_frame_init(void *kstack, uint64_t entry, uint64_t sp, uint64_t arg)
{
	struct hal_frame *f = (struct hal_frame *)((uint8_t *)kstack + HAL_KSTACK_BYTES) - 1;

	memset(f, 0, sizeof(*f));
	f->rip = entry;
	f->cs = X86_SEL_UCODE;
	f->rflags = RFLAGS_IF | RFLAGS_RESERVED1;
	f->rsp = sp;
	f->ss = X86_SEL_UDATA;
	f->rdi = arg;
	return f;
}

void hal_user_enter(const struct hal_as *as, struct hal_frame *f)
{
	f->cs = X86_SEL_UCODE;
	f->ss = X86_SEL_UDATA;
	f->rflags = (f->rflags & RFLAGS_USER_MASK) | RFLAGS_IF | RFLAGS_RESERVED1;
	x86_set_kernel_stack((uint64_t)(f + 1));
	hal_as_activate(as);
	x86_fpu_switch((struct hal_as *)as);
	wrmsr(MSR_FS_BASE, as->tls_base);
	x86_resume(f);
}

void hal_run_idle(void (*idle)(void))
{
	extern uint8_t x86_boot_stack_top[];

	x86_switch_stack_and_call((uint64_t)x86_boot_stack_top, idle);
}

uint64_t hal_syscall_number(const struct hal_frame *f)
{
	return f->rax;
}

uint64_t hal_syscall_arg(const struct hal_frame *f, unsigned i)
{
	const uint64_t regs[6] = { f->rdi, f->rsi, f->rdx, f->r10, f->r8, f->r9 };

	return i < 6 ? regs[i] : 0;
}

void hal_syscall_set_result(struct hal_frame *f, uint64_t value)
{
	f->rax = value;
}

void hal_syscall_set_reply(struct hal_frame *f, unsigned i, uint64_t value)
{
	if (i == 0)
		f->rdx = value;
	else if (i == 1)
		f->r8 = value;
}

void hal_as_set_tls(struct hal_as *as, uint64_t base)
{
	as->tls_base = base;
	wrmsr(MSR_FS_BASE, base);
}
