/*
 * arch_defs.h (x86_64) - the constants hal/arch.h asks every port for, and
 * the saved-register frame.
 *
 * Virtual memory map:
 *   0x0000000000400000 .. 0x00007fffffffffff  user (lower half)
 *   0xffff800000000000 ..                     direct map of physical memory
 *   0xffffffff80000000 ..                     kernel image (phys + this)
 */
#ifndef ARCH_DEFS_H
#define ARCH_DEFS_H

#include <stdint.h>

#define HAL_PAGE_BYTES        4096u
#define HAL_USER_BASE         0x0000000000400000ull
#define HAL_USER_TOP          0x0000800000000000ull
#define HAL_USER_STACK_TOP    0x00007ffffff00000ull
#define HAL_USER_STACK_PAGES  4u
#define HAL_ELF_MACHINE       62u     /* EM_X86_64 */
#define HAL_ELF_CLASS64       1
#define HAL_HAS_MMU           1
#define HAL_KSTACK_BYTES      8192u

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

#define X86_VECTOR_SYSCALL  0x100u   /* not a real vector: marks syscall frames */

#endif
