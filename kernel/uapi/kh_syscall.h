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

#include <stddef.h>
#include <stdint.h>
#include "tuning.h"

#define KH_SYS_BASE           0x1000u
#define KH_SYS_CONSOLE_WRITE  (KH_SYS_BASE + 0)  /* (buf, len): needs console */
#define KH_SYS_EXIT           (KH_SYS_BASE + 1)  /* (status): does not return */
#define KH_SYS_STATS          (KH_SYS_BASE + 2)  /* (struct kh_stats *, size) */
#define KH_SYS_REBOOT         (KH_SYS_BASE + 3)  /* (enum boot_reason): needs reboot */
#define KH_SYS_GETPID         (KH_SYS_BASE + 4)  /* () -> pid */
#define KH_SYS_INVOKE         (KH_SYS_BASE + 5)  /* (slot, op, a0..a3) -> status;
						    replies in rdx, r8 */
#define KH_SYS_SLEEP          (KH_SYS_BASE + 6)  /* (ms) -> status */
#define KH_SYS_CLOCK          (KH_SYS_BASE + 7)  /* () -> ms since the timer started */
#define KH_SYS_YIELD          (KH_SYS_BASE + 8)  /* () -> status */
#define KH_SYS_CAP_FIND       (KH_SYS_BASE + 9)  /* (type, nth) -> status; slot in rdx */
#define KH_SYS_CAP_DERIVE     (KH_SYS_BASE + 10) /* (slot, first, last, rights) -> rdx: new
						    slot naming a sub-range (FrameAlloc:
						    0, n - 1 = at most n frames held),
						    fewer rights */
#define KH_SYS_CAP_DELETE     (KH_SYS_BASE + 11) /* (slot): the slot empties */
#define KH_SYS_END            (KH_SYS_BASE + 12)

/* The one Linux call the kernel implements: musl sets its thread pointer
 * with arch_prctl(ARCH_SET_FS, p) at start-up and crashes if that fails.
 * Every other code of it, and every other Linux number, is -ENOSYS. */
#define KH_LINUX_ARCH_PRCTL   158u
#define KH_ARCH_SET_FS        0x1002u

/* Capability types: THE list.  The kernel's enum, names, manifest parser
 * and invocation dispatch (kernel/cap.h, kernel/invoke.c) and the
 * programs' enum below are all generated from it; the values are ABI (a
 * program finds its slots with KH_SYS_CAP_FIND by type). */
#define KH_CAP_TYPE_LIST(X)              \
	X(NULL,       "null")            \
	X(CONSOLE,    "console")         \
	X(REBOOT,     "reboot")          \
	X(BOOTINFO,   "bootinfo")        \
	X(ENDPOINT,   "endpoint")        \
	X(DEVMEM,     "devmem")          \
	X(IOPORT,     "ioport")          \
	X(FRAMEALLOC, "framealloc")      \
	X(SETTLE,     "settle")          \
	X(PROCESS,    "process")         \
	X(STORE,      "store")

enum kh_cap_type {
#define KH_CAP_TYPE_ENUM(name, text) KH_CAP_##name,
	KH_CAP_TYPE_LIST(KH_CAP_TYPE_ENUM)
#undef KH_CAP_TYPE_ENUM
	KH_CAP_TYPE_COUNT
};

#define KH_CAPS_MAX           64u    /* slots per process */
#define KH_NO_SLOT            0xffffffffu

/* Operations (KH_SYS_INVOKE's second argument) carry their type in the
 * high byte, so an operation on a slot of another type is WRONG_TYPE. */
#define KH_OP(type, n)  (((uint32_t)KH_CAP_##type << 8) | (n))
enum kh_op {
	KH_OP_CONSOLE_WRITE = KH_OP(CONSOLE, 1),    /* (buf, len) */
	KH_OP_REBOOT        = KH_OP(REBOOT, 1),     /* (enum boot_reason) */
	KH_OP_BOOTINFO_READ = KH_OP(BOOTINFO, 1),   /* (struct kh_bootfacts *, size) */
	KH_OP_CALL          = KH_OP(ENDPOINT, 1),   /* (struct kh_msg *): send, wait for the reply in it */
	KH_OP_RECV          = KH_OP(ENDPOINT, 2),   /* (struct kh_msg *, flags): needs KH_RIGHT_RECV;
						       KH_RECV_POLL: EMPTY instead of blocking */
	KH_OP_REPLY         = KH_OP(ENDPOINT, 3),   /* (struct kh_msg *): to the caller last received */
	KH_OP_DEATHS        = KH_OP(ENDPOINT, 4),   /* (): needs KH_RIGHT_RECV; from now on RECV
						       on it also brings death notices */
	KH_OP_DEVMEM_MAP    = KH_OP(DEVMEM, 1),     /* (phys, pages, vaddr, flags) -> rdx: missing records;
						       KH_MAP_HOLD: the records, no pages (vaddr 0) */
	KH_OP_DEVMEM_UNMAP  = KH_OP(DEVMEM, 2),     /* (vaddr of a mapping's first page, flags)
						       -> rdx: pages; KH_MAP_HOLD: the hold at
						       that physical address */
	KH_OP_DEVMEM_PUBLISH = KH_OP(DEVMEM, 3),    /* (phys, pages, flags): one record per frame,
						       held until rescinded -> rdx: the master slot */
	KH_OP_DEVMEM_RESCIND = KH_OP(DEVMEM, 4),    /* (): on the master; every mapping of the
						       frames goes -> rdx: frames, r8: mappings */
	KH_OP_IO_IN         = KH_OP(IOPORT, 1),     /* (port, width 1/2/4) -> rdx: value */
	KH_OP_IO_OUT        = KH_OP(IOPORT, 2),     /* (port, width, value) */
	KH_OP_FRAME_MAP     = KH_OP(FRAMEALLOC, 1), /* (vaddr in the frame window) -> rdx: physical
						       address; OVER_QUOTA past a derived
						       slot's frame count */
	KH_OP_FRAME_FREE    = KH_OP(FRAMEALLOC, 2), /* (vaddr) */
	KH_OP_FRAME_LIMIT   = KH_OP(FRAMEALLOC, 3), /* () -> rdx: limit, r8: used | phase << 32 */
	KH_OP_FRAME_RESERVE = KH_OP(FRAMEALLOC, 4), /* (count): held unmapped -> rdx: reserved */
	KH_OP_FRAME_UNRESERVE = KH_OP(FRAMEALLOC, 5), /* (count) back to free RAM -> rdx: reserved */
	KH_OP_SETTLE        = KH_OP(SETTLE, 1),     /* (keep) -> rdx: records, r8: frames released */
	KH_OP_POOL_GROW     = KH_OP(SETTLE, 2),     /* (count): headroom onto the pool's free list */
	KH_OP_PROC_STOP     = KH_OP(PROCESS, 1),    /* (pid): one of the caller's children */
	KH_OP_PROC_INFO     = KH_OP(PROCESS, 2),    /* (pid, struct kh_procinfo *, size) */
	KH_OP_PROC_SPAWN    = KH_OP(PROCESS, 3),    /* (name, len, uint32_t slots[], count): a
						       child from the manifest image of that
						       name holding copies of those slots of
						       the caller (GRANT needed; an entry
						       KH_MSG_CAP(slot, mask) gives the copy
						       only `mask`) -> rdx: pid */
	KH_OP_PROC_ENDPOINT = KH_OP(PROCESS, 4),    /* (k < KH_OWN_ENDPOINTS): the caller's
						       k-th own endpoint, to talk to its
						       children -> rdx: a new slot with the
						       receive right (the same endpoint for
						       the same k on every call) */
	KH_OP_STORE_READ    = KH_OP(STORE, 1),      /* (offset, buf, len): the config store's bytes */
	KH_OP_STORE_WRITE   = KH_OP(STORE, 2),      /* (offset, buf, len) */
	KH_OP_STORE_FLUSH   = KH_OP(STORE, 3),      /* (): written bytes reach the host file */
};

/* Own endpoints per process (KH_OP_PROC_ENDPOINT's k): a parent can talk
 * to this many children independently. */
#define KH_OWN_ENDPOINTS      8u

/* Store capability (ColdFire; x86_64 answers NOT_SUPPORTED): offset and
 * len inside the store, at most KH_STORE_IO_MAX bytes per call. */
#define KH_STORE_IO_MAX       512u               /* one sector */

/* FrameAlloc frames are mapped only inside this window, so the kernel
 * tells them from program text and stack without a per-page record.  It
 * is the port's (HAL_FRAME_VA_BASE/TOP, asserted equal in the kernel):
 * x86_64 16..32 TiB; ColdFire (no MMU, 32-bit registers) the top 15 MiB
 * of its user window, where a frame is the one at that physical address. */
#if defined(__mcoldfire__)
#define KH_FRAME_VA_BASE      0x47000000ull
#define KH_FRAME_VA_TOP       0x47f00000ull
#else
#define KH_FRAME_VA_BASE      0x0000100000000000ull
#define KH_FRAME_VA_TOP       0x0000200000000000ull
#endif
#define KH_DEVMEM_PAGES_MAX   (1u << 20)       /* one mapping: 4 GiB */

#define KH_MAP_WC             0x1u   /* DevMem map flag: write-combining */
/* DevMem map flag: take the frames' records (as a mapping would, one per
 * frame, shared with every mapping of them) but install no page: a hold,
 * named by its physical address.  devdisc holds every device's frames
 * this way, so the pool accounts for them without devdisc spending page
 * tables on memory it never touches. */
#define KH_MAP_HOLD           0x2u

/* Rights of a slot (docs/capabilities.md).  A manifest grant has READ,
 * WRITE, WC and GRANT (and RECV with `:recv`); derive and transfer keep a
 * subset.  RESCIND marks the one master of published device frames: it is
 * never derived or sent. */
#define KH_RIGHT_RECV         0x01u  /* endpoint slot may receive */
#define KH_RIGHT_READ         0x02u  /* DevMem: map at all (read) */
#define KH_RIGHT_WRITE        0x04u  /* DevMem: map writable */
#define KH_RIGHT_WC           0x08u  /* DevMem: map write-combining */
#define KH_RIGHT_GRANT        0x10u  /* may be sent over IPC or given to a child */
#define KH_RIGHT_RESCIND      0x20u  /* DevMem master: RESCIND */
#define KH_RIGHTS_GRANTED     (KH_RIGHT_READ | KH_RIGHT_WRITE | KH_RIGHT_WC | KH_RIGHT_GRANT)

enum kh_phase { KH_PHASE_CONSERVATIVE, KH_PHASE_RELAXED };

/* One IPC message (KH_OP_CALL / RECV / REPLY).  The kernel copies `len`
 * bytes of buf and the words; `cap` names a slot of the sender whose
 * capability is copied into a free slot of the receiver, whose message
 * then says which slot in `cap` (KH_NO_SLOT: none sent, or no free slot,
 * then KH_MSG_CAP_LOST is set in flags). */
#define KH_MSG_BUF_BYTES      128u
/* On send, `cap` may carry a rights mask (KH_RIGHT_*) above the slot: the
 * receiver gets only those rights (0: all the sender may pass).  Sending
 * needs KH_RIGHT_GRANT on the slot; a mask wider than the slot's rights is
 * WIDER_THAN_HELD. */
#define KH_MSG_CAP(slot, rights)  ((uint32_t)(slot) | (uint32_t)(rights) << 16)
#define KH_MSG_CAP_SLOT(cap)      ((cap) & 0xffffu)
#define KH_MSG_CAP_RIGHTS(cap)    (((cap) >> 16) & 0xffu)
#define KH_MSG_CAP_LOST       0x1u
#define KH_RECV_POLL          0x1u
/* A death notice (KH_OP_DEATHS): sender 0, label KH_MSG_DEATH, word[0] the
 * pid that ended, word[1] how (enum kh_proc_state); it takes no reply. */
#define KH_MSG_DEATH          0xdead0000u
struct kh_msg {
	uint64_t label;
	uint64_t word[4];
	uint32_t len;              /* bytes of buf used */
	uint32_t cap;              /* slot to send / slot received */
	uint32_t sender;           /* pid, filled by the kernel */
	uint32_t flags;
	uint8_t  buf[KH_MSG_BUF_BYTES];
};
_Static_assert(sizeof(struct kh_msg) == 56 + KH_MSG_BUF_BYTES, "kh_msg layout is ABI");
/* Offsets too: m68k aligns 64-bit fields to 2 bytes, x86_64 to 8, so a
 * field moved behind an odd number of 32-bit ones would differ. */
_Static_assert(__builtin_offsetof(struct kh_msg, word) == 8 &&
	       __builtin_offsetof(struct kh_msg, len) == 40 &&
	       __builtin_offsetof(struct kh_msg, buf) == 56, "kh_msg layout is ABI");

/* Filled by KH_OP_BOOTINFO_READ. */
struct kh_bootfacts {
	uint32_t boot_reason;      /* enum boot_reason */
	uint32_t config_slot;      /* enum bootcfg_slot the loader chose */
	KH_TUNING_MEMBERS          /* the chosen blob's tuning fields (tuning.h) */
	uint32_t program_count;
	uint64_t ram_frames;
	uint64_t dtb_phys;         /* ColdFire: the loader's DTB (va == pa, read-only ROM); 0 on x86 */
	uint64_t dtb_size;
};
_Static_assert(sizeof(struct kh_bootfacts) == 88, "kh_bootfacts layout is ABI");
_Static_assert(offsetof(struct kh_bootfacts, generation) == 8 &&
	       offsetof(struct kh_bootfacts, program_count) == 8 + KH_TUNING_BYTES,
	       "kh_bootfacts: the tuning fields at 8, unpadded");

enum kh_proc_state { KH_PROC_NONE, KH_PROC_LIVE, KH_PROC_EXITED, KH_PROC_FAULTED,
		     KH_PROC_STOPPED };

/* Filled by KH_OP_PROC_INFO.  A slot keeps its last process's end until
 * it is reused. */
struct kh_procinfo {
	uint32_t pid;
	uint32_t state;            /* enum kh_proc_state */
	int64_t  exit_status;
	uint32_t fault_cause;      /* hal fault list index, when FAULTED */
	uint32_t frames;           /* user frames held */
	uint64_t fault_addr;
};
_Static_assert(sizeof(struct kh_procinfo) == 32, "kh_procinfo layout is ABI");
_Static_assert(__builtin_offsetof(struct kh_procinfo, exit_status) == 8 &&
	       __builtin_offsetof(struct kh_procinfo, fault_addr) == 24,
	       "kh_procinfo layout is ABI");

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
	uint32_t pool_settled;
	uint64_t frame_limit;       /* FrameAlloc limit (frames), never lowered */
	uint64_t frame_alloc_used;  /* frames FrameAlloc holders have now */
	uint32_t frame_phase;       /* enum kh_phase */
	uint32_t headroom_kept;     /* headroom left after settle (= pool_headroom) */
	uint64_t clock_ms;
};

_Static_assert(sizeof(struct kh_stats) == 120, "kh_stats layout is ABI");
_Static_assert(__builtin_offsetof(struct kh_stats, pool_n) == 48 &&
	       __builtin_offsetof(struct kh_stats, frame_limit) == 88 &&
	       __builtin_offsetof(struct kh_stats, frame_phase) == 104 &&
	       __builtin_offsetof(struct kh_stats, clock_ms) == 112, "kh_stats layout is ABI");

#endif
