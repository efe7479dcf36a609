/*
 * hal/trap.h - traps, system calls and the way into user mode.
 *
 * The port saves the user's registers in a struct hal_frame (layout is the
 * port's), then calls one of the kernel_* entry points below with
 * interrupts off.  Generic code reads and writes a frame only through the
 * accessors here.
 */
#ifndef HAL_TRAP_H
#define HAL_TRAP_H

#include <stdint.h>
#include <stdbool.h>

struct hal_frame;   /* the port's own layout (opaque here) */

/* Why a user program stopped.  Listed once; names appear in the
 * `kernel: fault ... cause=<name>` line. */
#define HAL_FAULT_LIST(X)                              \
	X(PAGE_FAULT,        "page-fault")             \
	X(GENERAL_PROT,      "general-protection")     \
	X(DIVIDE_ERROR,      "divide-error")           \
	X(INVALID_OPCODE,    "invalid-opcode")         \
	X(BREAKPOINT,        "breakpoint")             \
	X(ALIGNMENT,         "alignment-check")        \
	X(STACK_FAULT,       "stack-fault")            \
	X(FP_ERROR,          "fp-error")               \
	X(OTHER,             "exception")              \
	/* ColdFire (appended: the values above are ABI in Process.INFO) */ \
	X(ACCESS_ERROR,      "access-error")           \
	X(ADDRESS_ERROR,     "address-error")          \
	X(PRIVILEGE,         "privilege-violation")    \
	/* raised while user code ran: the process ends, the kernel stays */ \
	X(NMI,               "nmi")                    \
	X(DOUBLE_FAULT,      "double-fault")           \
	X(MACHINE_CHECK,     "machine-check")

enum hal_fault {
#define HAL_FAULT_ENUM(name, text) HAL_FAULT_##name,
	HAL_FAULT_LIST(HAL_FAULT_ENUM)
#undef HAL_FAULT_ENUM
	HAL_FAULT_COUNT
};

const char *hal_fault_name(enum hal_fault f);

/* --- implemented by the generic kernel, called by the port ------------ */

/* A system call from user mode: number and six arguments from the frame
 * (hal_syscall_*), result written back with hal_syscall_set_result().
 * Returns to the port, which resumes the frame; may instead never return
 * (exit, fault, reboot). */
void kernel_syscall(struct hal_frame *f);

/* A user-mode exception.  addr: faulting address for a page fault, the
 * instruction pointer otherwise.  Never returns. */
void kernel_user_fault(struct hal_frame *f, enum hal_fault cause, uint64_t addr)
	__attribute__((noreturn));

/* The periodic timer fired (from user mode or the idle loop). */
void kernel_timer_tick(struct hal_frame *f);

/* --- implemented by the port ----------------------------------------- */

/* Lays out a fresh user frame at the top of the kernel stack
 * [kstack, kstack + HAL_KSTACK_BYTES) (arch_defs.h): starts at `entry`
 * with stack pointer `sp`, interrupts on, first argument `arg`. */
struct hal_frame *hal_frame_init(void *kstack, uint64_t entry, uint64_t sp, uint64_t arg);

/* Resumes user mode from `f` in address space `as` (struct hal_as).
 * Never returns; `f` must sit at the top of its kernel stack. */
struct hal_as;
void hal_user_enter(const struct hal_as *as, struct hal_frame *f)
	__attribute__((noreturn));

/* System-call number, argument i (0..5), and the result register. */
uint64_t hal_syscall_number(const struct hal_frame *f);
uint64_t hal_syscall_arg(const struct hal_frame *f, unsigned i);
void hal_syscall_set_result(struct hal_frame *f, uint64_t value);

/* Extra result registers of KH_SYS_INVOKE (i = 0, 1: rdx, r8 on x86_64). */
void hal_syscall_set_reply(struct hal_frame *f, unsigned i, uint64_t value);

/* Thread pointer of the address space's program (musl's TLS). */
struct hal_as;
void hal_as_set_tls(struct hal_as *as, uint64_t base);

#endif
