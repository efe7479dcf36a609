/*
 * kh_syscall.h - the system-call ABI, shared by the kernel and user
 * programs (userland/ includes this file; nothing else of the kernel).
 *
 * x86_64: `syscall` with the number in rax and arguments in rdi, rsi, rdx,
 * r10, r8, r9 (the Linux register convention, so that musl's stubs can be
 * reused later); the result comes back in rax; rcx and r11 are clobbered.
 *
 * Our numbers start at KH_SYS_BASE, far above Linux's (< 1024), so a Linux
 * number issued by a C library gets -KH_ENOSYS, the error Linux gives for
 * an unknown call, never a crash.  Our own calls return an enum status
 * (status.h; 0 = ok) unless said otherwise.
 */
#ifndef KH_SYSCALL_H
#define KH_SYSCALL_H

#include <stdint.h>

#define KH_SYS_BASE           0x1000u
#define KH_SYS_CONSOLE_WRITE  (KH_SYS_BASE + 0)  /* (buf, len): needs console */
#define KH_SYS_EXIT           (KH_SYS_BASE + 1)  /* (status): does not return */
#define KH_SYS_STATS          (KH_SYS_BASE + 2)  /* (struct kh_stats *, size) */
#define KH_SYS_REBOOT         (KH_SYS_BASE + 3)  /* (enum boot_reason): needs reboot */
#define KH_SYS_GETPID         (KH_SYS_BASE + 4)  /* () -> pid */
#define KH_SYS_END            (KH_SYS_BASE + 5)

#define KH_ENOSYS             38                 /* Linux's value */
#define KH_CONSOLE_WRITE_MAX  4096u              /* bytes per call */

/* Filled by KH_SYS_STATS; `size` must be sizeof(struct kh_stats). */
struct kh_stats {
	uint64_t heap_bytes;        /* fixed kernel heap, reserved at boot */
	uint64_t heap_used;         /* bump-allocated inside it */
	uint64_t ram_frames;
	uint64_t free_frames;
	uint64_t user_frames;       /* frames user programs hold now */
	uint64_t ticks;             /* timer ticks since boot */
	uint32_t pool_n;            /* device StructPage pool (pool.h) */
	uint32_t pool_capacity;
	uint32_t pool_headroom;
	uint32_t pool_free;
	uint32_t pool_used;
	uint32_t pool_high_water;
	uint32_t pid;               /* the caller */
	uint32_t boot_reason;       /* enum boot_reason of this boot */
	uint32_t heap_sealed;
	uint32_t reserved;
};

_Static_assert(sizeof(struct kh_stats) == 88, "kh_stats layout is ABI");

#endif
