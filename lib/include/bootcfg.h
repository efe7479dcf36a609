/*
 * bootcfg.h - the boot-config blob and the config store (shared codec).
 *
 * One implementation, freestanding, used by the bootloader, the kernel,
 * devdisc and the host tools on little-endian x86_64 and big-endian
 * ColdFire alike.  The on-disk form has an explicit byte order (little
 * endian) and is encoded and decoded field by field; no struct is ever
 * cast onto the bytes.  docs/bootcfg.md gives the format byte by byte.
 *
 * Store layout (BOOTCFG_STORE_BYTES; an image may be larger, the rest is
 * unused):
 *   [0,    512)  slot A  - one encoded blob, zero-padded to the sector
 *   [512, 1024)  slot B
 *   [1024, 1024 + 64*64)  retune-log ring of 64-byte records
 *
 * Torn-write safety: a writer always writes the slot that is not the
 * current one, with generation + 1 and a CRC-32C over the whole encoded
 * blob, so a write torn at any byte leaves the previous blob selected.
 */
#ifndef BOOTCFG_H
#define BOOTCFG_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "status.h"
#include "tuning.h"

#define BOOTCFG_VERSION            1u
#define BOOTCFG_SECTOR_BYTES       512u
#define BOOTCFG_SLOT_BYTES         512u
#define BOOTCFG_SLOT_COUNT         2u
#define BOOTCFG_SLOT_OFFSET(i)     ((size_t)(i) * BOOTCFG_SLOT_BYTES)
#define BOOTCFG_BLOB_BYTES         64u   /* encoded v1 blob, CRC included */
#define BOOTCFG_LOG_OFFSET         1024u
#define BOOTCFG_LOG_RECORD_BYTES   64u
#define BOOTCFG_LOG_RECORDS        64u
#define BOOTCFG_LOG_BYTES          (BOOTCFG_LOG_RECORD_BYTES * BOOTCFG_LOG_RECORDS)
#define BOOTCFG_STORE_BYTES        (BOOTCFG_LOG_OFFSET + BOOTCFG_LOG_BYTES)
#define BOOTCFG_IMAGE_BYTES        65536u /* size tools and scripts create */

/* Bounds every decoded (and encoded) blob must respect; in frames of 4 KiB. */
#define BOOTCFG_POOL_MIN           16u
#define BOOTCFG_POOL_MAX           (1u << 22)   /* 16 GiB of device memory */
#define BOOTCFG_HEADROOM_MAX       (1u << 22)
#define BOOTCFG_HARD_CAP_MAX       (1u << 24)
#define BOOTCFG_ATTEMPTS_MAX       16u

/* Built-in defaults, used when no slot is valid. */
#define BOOTCFG_DEFAULT_POOL       8192u        /* 32 MiB of device memory */
#define BOOTCFG_DEFAULT_HEADROOM   16384u       /* 64 MiB more for hot-plug */
#define BOOTCFG_DEFAULT_HARD_CAP   (1u << 20)   /* 4 GiB */

/* Why the blob (or a log record) was last written.  Listed once. */
#define BOOTCFG_REASON_LIST(X)            \
	X(NONE,     "none")               \
	X(INIT,     "init")               \
	X(MANUAL,   "manual")             \
	X(GROW,     "grow")               \
	X(SHRINK,   "shrink")             \
	X(GIVE_UP,  "give-up")            \
	X(CURED,    "cured")

enum bootcfg_reason {
#define BOOTCFG_REASON_ENUM(name, text) BOOTCFG_REASON_##name,
	BOOTCFG_REASON_LIST(BOOTCFG_REASON_ENUM)
#undef BOOTCFG_REASON_ENUM
	BOOTCFG_REASON_COUNT
};

const char *bootcfg_reason_name(enum bootcfg_reason r);
/* Parses a reason name; STATUS_BAD_REASON if unknown. */
enum status bootcfg_reason_parse(const char *name, enum bootcfg_reason *out);

/* The decoded blob: exactly the tuning fields (tuning.h lists and explains
 * them).  Every field is validated by bootcfg_validate(). */
struct bootcfg {
	KH_TUNING_MEMBERS
};

/* Fills *cfg with the built-in defaults (generation 0). */
void bootcfg_defaults(struct bootcfg *cfg);

/* Checks every field against the bounds above, in field order, returning the
 * first field's own status (BAD_POOL, BAD_HEADROOM, ...).  The generation is
 * not checked (defaults carry 0); encode and decode also require >= 1. */
enum status bootcfg_validate(const struct bootcfg *cfg);

/* Encodes a valid blob into out[0, BOOTCFG_SLOT_BYTES), zero-padded.
 * Validates first; on failure out is untouched. */
enum status bootcfg_encode(const struct bootcfg *cfg, uint8_t *out, size_t out_len);

/* Decodes and validates one slot.  EMPTY for an all-zero slot; then magic,
 * version, length, checksum, reserved bytes, then each field. */
enum status bootcfg_decode(const uint8_t *slot, size_t len, struct bootcfg *out);

enum bootcfg_slot { BOOTCFG_SLOT_A = 0, BOOTCFG_SLOT_B = 1, BOOTCFG_SLOT_DEFAULT = 2 };
const char *bootcfg_slot_name(enum bootcfg_slot s);   /* "A", "B", "default" */
enum bootcfg_slot bootcfg_other_slot(enum bootcfg_slot s);  /* A <-> B; B for DEFAULT */

/* What selection chose and why, for the `boot: config` line. */
enum bootcfg_pick {
	BOOTCFG_PICK_NEWEST,        /* both valid: the higher generation */
	BOOTCFG_PICK_ONLY_VALID, /* one valid slot (the other empty or invalid) */
	BOOTCFG_PICK_EMPTY_STORE,   /* defaults: both slots empty */
	BOOTCFG_PICK_NO_VALID_SLOT, /* defaults: at least one slot corrupt */
	BOOTCFG_PICK_SHORT_STORE,   /* defaults: the store is too small to hold two slots */
};
const char *bootcfg_pick_name(enum bootcfg_pick p); /* "newest", "only-valid", ... */

struct bootcfg_choice {
	enum bootcfg_slot slot;                       /* A, B or DEFAULT */
	enum bootcfg_pick pick;
	enum status slot_status[BOOTCFG_SLOT_COUNT];  /* decode result of A and B */
	struct bootcfg cfg;                           /* the chosen blob or defaults */
};

/* Decodes both slots of a store image and picks the valid one with the
 * highest generation (A on a tie), else built-in defaults.  Never fails:
 * a bad store yields defaults with the reason in out->pick. */
void bootcfg_select(const uint8_t *store, size_t len, struct bootcfg_choice *out);

/* Prepares the next write: the slot that is not the current one (A when
 * running on defaults), and next->generation = current generation + 1.
 * Encodes *next into out (BOOTCFG_SLOT_BYTES), which the caller writes at
 * BOOTCFG_SLOT_OFFSET(*slot). */
enum status bootcfg_prepare_write(const struct bootcfg_choice *current,
				  struct bootcfg *next, enum bootcfg_slot *slot,
				  uint8_t *out, size_t out_len);

/* A current generation of 2^64 - 1 cannot be followed
 * (bootcfg_prepare_write refuses it with BAD_GENERATION), so the store is
 * compacted first, in BOOTCFG_COMPACT_STEPS slot writes that change the
 * generations but never the tuning selection picks: step 0 writes the
 * current blob into the other slot as generation 1, step 1 rewrites the
 * current slot as generation 2.  Each step is torn-write safe like any
 * slot write (a tear selects the same tuning).  The caller re-selects
 * after the steps and then writes as usual. */
#define BOOTCFG_COMPACT_STEPS 2u
bool bootcfg_needs_compaction(const struct bootcfg_choice *current);
enum status bootcfg_prepare_compaction(const struct bootcfg_choice *current, unsigned step,
				       enum bootcfg_slot *slot, uint8_t *out, size_t out_len);

/* Convenience for a whole store in memory (host tools, tests): compact if
 * needed, prepare and copy into the store image. */
enum status bootcfg_store_write(uint8_t *store, size_t len, struct bootcfg *next);

/* ---- retune log ring ------------------------------------------------- */

#define BOOTCFG_TRIGGER_NONE 0xffffffffu

struct bootcfg_log_record {
	uint32_t seq;          /* 1, 2, ...: position in the log; 0 is never valid */
	uint32_t boot;         /* boot_count when written */
	uint32_t old_pool;     /* N before */
	uint32_t new_pool;     /* N after */
	uint32_t need;         /* frames needed when decided */
	uint32_t reason;       /* enum bootcfg_reason (16 bits on disk) */
	uint8_t  reboot;       /* 1 if a reboot was requested */
	uint32_t trigger;      /* device: PCI seg<<16|bus<<8|dev<<3|fn, or FDT node
				  index; BOOTCFG_TRIGGER_NONE if none */
	uint64_t fingerprint;  /* device configuration at the time */
	uint64_t generation;   /* generation of the blob written with this record;
				  0 = not tied to a blob (older records, tools) */
};

enum status bootcfg_log_encode(const struct bootcfg_log_record *rec,
			       uint8_t *out, size_t out_len);
enum status bootcfg_log_decode(const uint8_t *in, size_t len,
			       struct bootcfg_log_record *out);

/* Where the ring stands: valid records, and where the next append goes.
 * The newest valid record has the highest seq; a torn record is skipped. */
struct bootcfg_log_state {
	uint32_t count;        /* valid records in the ring */
	uint32_t next_index;   /* record index (0..63) the next append writes */
	uint32_t next_seq;     /* seq the next append carries */
};

void bootcfg_log_scan(const uint8_t *ring, size_t len, struct bootcfg_log_state *st);

/* One commit point for blob and record: a writer puts the record, carrying
 * its blob's generation, on disk first and the blob second.  The blob is
 * the commit: a record is pending (its blob never landed) when it is the
 * newest and its generation is one past the selected blob's.  A blob
 * without a record (a manual `bootcfg set`, a record overwritten by the
 * ring) is selected as usual: selection never looks at the log. */
bool bootcfg_log_pending(const struct bootcfg_choice *current,
			 const struct bootcfg_log_record *rec);

/* bootcfg_log_scan() of a whole store image, with the commit rule: a
 * pending newest record is not counted, and the next append replaces it
 * (same index, same seq). */
void bootcfg_log_scan_store(const uint8_t *store, size_t len, struct bootcfg_log_state *st);

/* Sequence numbers wrap from 2^32 - 1 to 1 (0 is never valid) and are
 * compared in serial-number arithmetic (RFC 1982): a is after b when it is
 * less than 2^31 steps ahead of it.  A log at seq 2^32 - 1 therefore never
 * blocks the next append. */
bool bootcfg_seq_after(uint32_t a, uint32_t b);
uint32_t bootcfg_seq_next(uint32_t seq);

/* k-th oldest valid record (0 = oldest), k < st.count; NOT_FOUND past the
 * end, SHORT_BUFFER if len < BOOTCFG_LOG_BYTES (a short ring scans as empty).
 * Oldest-first is ring order starting after the newest record. */
enum status bootcfg_log_get(const uint8_t *ring, size_t len, uint32_t k,
			    struct bootcfg_log_record *out);

/* Appends to a whole store image in memory: sets rec->seq, encodes at the
 * next index. */
enum status bootcfg_log_append(uint8_t *store, size_t len,
			       struct bootcfg_log_record *rec);

/* ---- CRC-32C (Castagnoli), reflected, init and final xor 0xffffffff ---- */
uint32_t crc32c(const void *data, size_t len);
uint32_t crc32c_update(uint32_t crc, const void *data, size_t len); /* raw state */

#endif
