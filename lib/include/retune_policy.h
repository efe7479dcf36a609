/*
 * retune_policy.h - what "the device configuration changed materially"
 * means, as one pure function.  docs/retune-policy.md has the decision
 * table; tests/unit/policy_table.c walks all of it.
 *
 * need = frames of all device memory to map + the hot-plug reserve.
 *
 *   need > pool + kept headroom, need within cap, guard not tripped
 *        -> GROW, reboot:  N' = round_up(need + margin), blob written,
 *           pending_target = N', attempts + 1
 *   pool < need <= pool + kept headroom
 *        -> GROW, no reboot: served from headroom now, N' written for the
 *           next boot
 *   need > cap (a fraction of RAM, and the blob's hard cap)
 *        -> GIVE_UP (reason over-cap)
 *   still short after max_attempts re-tune boots, or this fingerprint
 *   already gave up -> GIVE_UP (reason loop-guard / guarded-config)
 *   pool > shrink_factor * need and pool - need > shrink_min_excess
 *        -> SHRINK, no reboot: N' = round_up(need + margin)
 *   otherwise -> OK (hysteresis: between the two thresholds nothing moves)
 *   (a pending re-tune that now fits -> OK, reason cured, blob written to
 *   close it; a blob written earlier this boot that no longer fits the need
 *   -> GROW, no reboot, reason next-boot-short)
 *
 * The function decides only; the caller writes the blob it returns and
 * logs the decision.
 */
#ifndef RETUNE_POLICY_H
#define RETUNE_POLICY_H

#include <stdint.h>
#include <stdbool.h>
#include "status.h"
#include "bootcfg.h"

struct retune_params {
	uint32_t margin_pct;          /* growth margin above need, percent (25) */
	uint32_t margin_min;          /* at least this many frames of margin (256) */
	uint32_t round_to;            /* N' is a multiple of this (64) */
	uint32_t shrink_factor;       /* shrink only if pool > need * this (4) */
	uint32_t shrink_min_excess;   /* ... and pool - need > this (4096) */
	uint32_t max_attempts;        /* K: re-tune boots without a cure (2) */
	uint32_t cap_ram_divisor;     /* pool records may use at most RAM/this (8) */
};

/* Bounds retune_decide() accepts (besides round_to, max_attempts,
 * shrink_factor, cap_ram_divisor >= 1; round_to, margin_min <=
 * BOOTCFG_POOL_MAX; max_attempts <= BOOTCFG_ATTEMPTS_MAX). */
#define RETUNE_MARGIN_PCT_MAX   1000u
#define RETUNE_RAM_DIVISOR_MAX  65536u

void retune_default_params(struct retune_params *p);

/*
 * `tuning` is the newest blob: the one this boot runs on, or the one devdisc
 * wrote since (a lazy shrink, say), so that the decision sees what the next
 * boot will get.  `running_pool` is N this boot actually reserved; 0 means
 * tuning.pool_frames (no blob written this boot).  `kept_headroom` counts
 * every headroom record usable this boot on top of running_pool, including
 * those pool_grow_from_headroom() already moved onto the free list.
 * `fingerprint` must not be 0: 0 means "no guard" in the blob.
 */
struct retune_input {
	struct bootcfg tuning;        /* the newest blob (see above) */
	uint32_t need;                /* frames: mapped + to map + hot-plug reserve */
	uint32_t kept_headroom;       /* headroom records still usable now */
	uint64_t fingerprint;         /* device configuration now (non-zero) */
	uint64_t ram_frames;          /* RAM frames of the machine (non-zero) */
	uint32_t running_pool;        /* N reserved this boot; 0 = tuning.pool_frames */
};

#define RETUNE_KIND_LIST(X)       \
	X(OK,      "ok")          \
	X(GROW,    "grow")        \
	X(SHRINK,  "shrink")      \
	X(GIVE_UP, "give-up")

enum retune_kind {
#define RETUNE_KIND_ENUM(name, text) RETUNE_##name,
	RETUNE_KIND_LIST(RETUNE_KIND_ENUM)
#undef RETUNE_KIND_ENUM
	RETUNE_KIND_COUNT
};

#define RETUNE_WHY_LIST(X)                              \
	X(FITS,              "fits")                    \
	X(HYSTERESIS,        "within-hysteresis")       \
	X(NEED_EXCEEDS_POOL, "need-exceeds-pool")       \
	X(FROM_HEADROOM,     "served-from-headroom")    \
	X(POOL_OVERSIZED,    "pool-oversized")          \
	X(OVER_CAP,          "over-cap")                \
	X(LOOP_GUARD,        "loop-guard")              \
	X(GUARDED_CONFIG,    "guarded-config")          \
	X(CURED,             "cured")                   \
	X(NEXT_BOOT_SHORT,   "next-boot-short")

enum retune_why {
#define RETUNE_WHY_ENUM(name, text) RETUNE_WHY_##name,
	RETUNE_WHY_LIST(RETUNE_WHY_ENUM)
#undef RETUNE_WHY_ENUM
	RETUNE_WHY_COUNT
};

struct retune_decision {
	enum retune_kind kind;
	enum retune_why why;
	uint32_t new_pool;            /* N' (== pool when OK / GIVE_UP) */
	uint32_t cap;                 /* effective cap used */
	bool reboot;                  /* GROW that headroom cannot serve */
	bool write_blob;              /* caller must write `next` */
	struct bootcfg next;          /* blob to write (generation set by the writer) */
};

const char *retune_kind_name(enum retune_kind k);
const char *retune_why_name(enum retune_why w);

/* The loop guard's key for a configuration and the cap it is decided
 * under (the blob's hard cap, the machine's RAM): what a give-up writes
 * into guard_fingerprint, and what a later boot compares with it.  A
 * changed fingerprint, hard cap or RAM size gives another key, so each
 * re-arms the guard.  Never 0 (0 means "no guard"). */
uint64_t retune_guard_key(uint64_t fingerprint, uint32_t hard_cap, uint64_t ram_frames);

/* INVALID_ARGUMENT for NULL pointers or invalid params / tuning. */
enum status retune_decide(const struct retune_params *params,
			  const struct retune_input *in,
			  struct retune_decision *out);

#endif
