/*
 * x86.h - port-private helpers: port I/O, MSRs, control registers, and
 * what the port's files share with each other.
 */
#ifndef ARCH_X86_H
#define ARCH_X86_H

#include <stdint.h>
#include "arch_defs.h"

#define X86_DIRECT_MAP_BASE   0xffff800000000000ull
#define X86_KERNEL_VBASE      0xffffffff80000000ull

/* Segment selectors; the order (kernel code, kernel data, user data, user
 * code) is the one SYSCALL/SYSRET require of STAR. */
#define X86_SEL_KCODE   0x08u
#define X86_SEL_KDATA   0x10u
#define X86_SEL_UDATA   0x1bu
#define X86_SEL_UCODE   0x23u
#define X86_SEL_TSS     0x28u

/* Saved registers, lowest address first: the trap stubs push rax..r15
 * after the vector and error code; the CPU pushed rip..ss.  The syscall
 * entry builds the same frame by hand so both leave by one path. */
struct hal_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;
};

_Static_assert(sizeof(struct hal_frame) == 22 * 8, "trap frame layout (trap.S)");
_Static_assert(sizeof(struct hal_frame) % 16 == 0, "frame keeps the stack 16-byte aligned");
_Static_assert(__builtin_offsetof(struct hal_frame, rax) == 14 * 8 &&
	       __builtin_offsetof(struct hal_frame, vector) == 15 * 8 &&
	       __builtin_offsetof(struct hal_frame, rip) == 17 * 8 &&
	       __builtin_offsetof(struct hal_frame, rsp) == 20 * 8,
	       "frame order is SAVE_REGS's and the CPU's (trap.S)");

#define X86_VECTOR_SYSCALL  0x100u   /* not a real vector: marks syscall frames */

_Static_assert(X86_SEL_UDATA == 0x1b && X86_SEL_UCODE == 0x23 && X86_VECTOR_SYSCALL == 0x100,
	       "trap.S keeps its own copies of these (SEL_UDATA, SEL_UCODE, VECTOR_SYSCALL)");

#include "port_io_x86.h"   /* in/out, shared with the loader (lib/include) */

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline uint64_t read_cr2(void)
{
	uint64_t v;
	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline uint64_t read_cr3(void)
{
	uint64_t v;
	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline void write_cr3(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
	__asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(0));
}

static inline void invlpg(uint64_t va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

struct hal_as;
/* FPU/SSE state per address space (cpu.c): hal_as_create() resets the
 * area (a dead space's stale registers are never restored). */
void x86_fpu_init_area(struct hal_as *as);
void x86_fpu_switch(struct hal_as *as);

#define MSR_PAT     0x277u
#define MSR_FS_BASE 0xc0000100u
#define MSR_EFER    0xc0000080u
#define MSR_STAR    0xc0000081u
#define MSR_LSTAR   0xc0000082u
#define MSR_SFMASK  0xc0000084u
#define EFER_SCE    (1ull << 0)
#define EFER_NXE    (1ull << 11)

#define RFLAGS_IF   (1ull << 9)

/* First vector of the remapped 8259 PICs; the PIT is IRQ 0. */
#define X86_IRQ_BASE     32u
#define X86_VECTOR_COUNT 48u

/* cpu.c: the kernel stack the next trap from user mode lands on. */
void x86_set_kernel_stack(uint64_t top);

/* trap.S */
extern uint64_t x86_kstack_top;
extern const uint64_t x86_vectors[X86_VECTOR_COUNT];
void x86_syscall_entry(void);
void x86_resume(struct hal_frame *f) __attribute__((noreturn));
void x86_switch_stack_and_call(uint64_t top, void (*fn)(void)) __attribute__((noreturn));

/* cpu.c */
void x86_gdt_init(void);
void x86_idt_init(void);
void x86_syscall_init(void);
void x86_boot(uint64_t bootinfo_phys, uint64_t magic);   /* from entry.S */

/* trap.c, called from trap.S with the frame the stub built */
void x86_trap(struct hal_frame *f);
void x86_syscall(struct hal_frame *f);

/* timer.c */
void x86_irq(struct hal_frame *f);

#endif
