/*
 * tuning.h - the tuning fields of the boot-config blob, listed once.
 *
 * Three records carry them: struct bootcfg (the decoded blob, lib/),
 * struct bootinfo_config (loader -> kernel, bootinfo.h) and struct
 * kh_bootfacts (kernel -> user space, kh_syscall.h).  Each declares its
 * copy of the fields with KH_TUNING_MEMBERS, so the three cannot disagree
 * on a field's name, width or order, and every copy between them is
 * generated from the same list with KH_TUNING_COPY_FIELD.
 *
 * The order is the ABI order: the 64-bit fields first, then the 32-bit
 * ones, so that the block is naturally aligned wherever it starts on an
 * 8-byte boundary (it is 52 bytes; the records pad after it by hand).
 * The on-disk blob is encoded field by field (bootcfg.c) and does not
 * depend on this order; last_reason is 16 bits there and 32 here.
 */
#ifndef KH_TUNING_H
#define KH_TUNING_H

#include <stdint.h>

/* X(type, name, what it means) */
#define KH_TUNING_FIELDS(X)                                                         \
	X(uint64_t, generation,        ">= 1 on disk; 0 only for built-in defaults")    \
	X(uint64_t, fingerprint,       "device configuration the pool was tuned for")  \
	X(uint64_t, guard_fingerprint, "key of the config and cap the guard gave up on; 0 = none") \
	X(uint32_t, pool_frames,       "N: device StructPage records reserved at boot") \
	X(uint32_t, headroom_frames,   "H: extra records held until settle")           \
	X(uint32_t, hard_cap_frames,   "the pool never grows past this (loop guard)")  \
	X(uint32_t, pending_target,    "N a grow re-tune asked for; 0 = none")         \
	X(uint32_t, attempts,          "boots since pending_target without a cure")    \
	X(uint32_t, boot_count,        "boots seen with this store")                   \
	X(uint32_t, last_reason,       "enum bootcfg_reason: why it was last written")

#define KH_TUNING_MEMBER(type, name, what) type name;
#define KH_TUNING_MEMBERS KH_TUNING_FIELDS(KH_TUNING_MEMBER)
#define KH_TUNING_BYTES   52u

/*
 * Body of a copy function whose parameters are named dst and src:
 *   static void x_from_y(struct x *dst, const struct y *src)
 *   { KH_TUNING_FIELDS(KH_TUNING_COPY_FIELD) }
 * Field by field, because a struct copy becomes a memcpy() call that the
 * freestanding builds need not provide.
 */
#define KH_TUNING_COPY_FIELD(type, name, what) dst->name = src->name;

#endif
