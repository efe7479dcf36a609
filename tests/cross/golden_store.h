/*
 * golden_store.h - the fixed store image both byte orders must produce.
 *
 * Built through the codec's own write path (three blob writes, three log
 * appends), so it exercises selection, the A/B alternation and the ring,
 * not just the encoder.  Values use distinct bytes in every position so a
 * swapped or shifted byte cannot go unnoticed.  Freestanding: it is
 * compiled into the ColdFire program as well as the host test.
 */
#ifndef GOLDEN_STORE_H
#define GOLDEN_STORE_H

#include "bootcfg.h"

#define GOLDEN_POOL        0x00123456u
#define GOLDEN_HEADROOM    0x00345678u
#define GOLDEN_HARD_CAP    0x00abcdefu
#define GOLDEN_PENDING     0x00200001u
#define GOLDEN_ATTEMPTS    5u
#define GOLDEN_BOOT_COUNT  0x89abcdefu
#define GOLDEN_REASON      BOOTCFG_REASON_GROW
#define GOLDEN_FINGERPRINT 0x0123456789abcdefull
#define GOLDEN_GUARD       0x1122334455667788ull
#define GOLDEN_LOG_COUNT   3u

/* Blob number i (1..3): the last one, generation 3 in slot A, carries the
 * GOLDEN_* values; the earlier ones differ so slot B (generation 2) is
 * distinguishable. */
static inline struct bootcfg golden_blob(uint32_t i)
{
	struct bootcfg c = {
		.pool_frames = GOLDEN_POOL - (3 - i) * 0x100,
		.headroom_frames = GOLDEN_HEADROOM,
		.hard_cap_frames = GOLDEN_HARD_CAP,
		.pending_target = i == 3 ? GOLDEN_PENDING : 0,
		.attempts = i == 3 ? GOLDEN_ATTEMPTS : i,
		.boot_count = GOLDEN_BOOT_COUNT - (3 - i),
		.last_reason = i == 3 ? GOLDEN_REASON : BOOTCFG_REASON_INIT,
		.fingerprint = GOLDEN_FINGERPRINT,
		.guard_fingerprint = i == 3 ? GOLDEN_GUARD : 0,
	};
	return c;
}

/* Log record number i (1..3). */
static inline struct bootcfg_log_record golden_record(uint32_t i)
{
	struct bootcfg_log_record r = {
		.boot = 0x01020300u + i,
		.old_pool = 0x00010000u * i,
		.new_pool = 0x00010000u * i + 0x0abc,
		.need = 0x00fedc00u + i,
		.reason = (uint16_t)(BOOTCFG_REASON_GROW + i - 1),
		.reboot = (uint8_t)(i & 1),
		.trigger = i == 2 ? BOOTCFG_TRIGGER_NONE : (0x0001u << 16) | (0x3au << 8) | (0x1fu << 3) | i,
		.fingerprint = 0xa1b2c3d4e5f60718ull + i,
	};
	return r;
}

/* store must be BOOTCFG_STORE_BYTES of zeros. */
static inline enum status golden_store_build(uint8_t *store)
{
	for (uint32_t i = 1; i <= 3; i++) {
		struct bootcfg c = golden_blob(i);
		enum status st = bootcfg_store_write(store, BOOTCFG_STORE_BYTES, &c);
		if (st)
			return st;
	}
	for (uint32_t i = 1; i <= GOLDEN_LOG_COUNT; i++) {
		struct bootcfg_log_record r = golden_record(i);
		enum status st = bootcfg_log_append(store, BOOTCFG_STORE_BYTES, &r);
		if (st)
			return st;
	}
	return STATUS_OK;
}

#endif
