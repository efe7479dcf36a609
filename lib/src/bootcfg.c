/*
 * bootcfg.c - the boot-config blob, slot selection and the retune-log ring.
 *
 * Freestanding: no libc.  The on-disk form is little endian and is read
 * and written one field at a time through get/put helpers, so the same
 * bytes come out of x86_64 and big-endian ColdFire.  docs/bootcfg.md is
 * the byte-by-byte reference; the offsets below are its single source.
 */
#include "bootcfg.h"
#include "names.h"

/* "KHBC" / "KHLG" as bytes on disk (the little-endian reading of them). */
#define BLOB_MAGIC 0x4342484bu
#define LOG_MAGIC  0x474c484bu

/* v1 blob field offsets. */
enum {
	BLOB_MAGIC_OFF = 0, BLOB_VERSION_OFF = 4, BLOB_LENGTH_OFF = 6,
	BLOB_GENERATION_OFF = 8, BLOB_POOL_OFF = 16, BLOB_HEADROOM_OFF = 20,
	BLOB_HARD_CAP_OFF = 24, BLOB_PENDING_OFF = 28, BLOB_ATTEMPTS_OFF = 32,
	BLOB_BOOT_COUNT_OFF = 36, BLOB_REASON_OFF = 40, BLOB_RESERVED_OFF = 42,
	BLOB_FINGERPRINT_OFF = 44, BLOB_GUARD_OFF = 52, BLOB_CRC_OFF = 60,
};

/* Log record field offsets. */
enum {
	LOG_MAGIC_OFF = 0, LOG_SEQ_OFF = 4, LOG_BOOT_OFF = 8, LOG_OLD_OFF = 12,
	LOG_NEW_OFF = 16, LOG_NEED_OFF = 20, LOG_REASON_OFF = 24,
	LOG_REBOOT_OFF = 26, LOG_RESERVED0_OFF = 27, LOG_TRIGGER_OFF = 28,
	LOG_FINGERPRINT_OFF = 32, LOG_GENERATION_OFF = 40, LOG_RESERVED1_OFF = 48,
	LOG_CRC_OFF = 60,
};

_Static_assert(BLOB_CRC_OFF + 4 == BOOTCFG_BLOB_BYTES, "blob layout");
_Static_assert(LOG_CRC_OFF + 4 == BOOTCFG_LOG_RECORD_BYTES, "log layout");

/* ---- little-endian field access ------------------------------------- */

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) |
	       ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static uint64_t get64(const uint8_t *p)
{
	return (uint64_t)get32(p) | ((uint64_t)get32(p + 4) << 32);
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

/* Byte loops written out: this file links into programs with no libc.
 * (GCC may still emit memcpy/memset calls for these or for struct copies;
 * every freestanding program provides those four functions GCC requires.) */
static void zero_bytes(uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = 0;
}

static void copy_bytes(uint8_t *dst, const uint8_t *src, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = src[i];
}

static bool all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static bool same_string(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* ---- names ----------------------------------------------------------- */

KH_NAME_FUNCTION(bootcfg_reason_name, enum bootcfg_reason, BOOTCFG_REASON_LIST,
		 BOOTCFG_REASON_COUNT)

enum status bootcfg_reason_parse(const char *name, enum bootcfg_reason *out)
{
	if (!name || !out)
		return STATUS_INVALID_ARGUMENT;
	for (unsigned r = 0; r < BOOTCFG_REASON_COUNT; r++) {
		if (same_string(name, bootcfg_reason_name((enum bootcfg_reason)r))) {
			*out = (enum bootcfg_reason)r;
			return STATUS_OK;
		}
	}
	return STATUS_BAD_REASON;
}

const char *bootcfg_slot_name(enum bootcfg_slot s)
{
	switch (s) {
	case BOOTCFG_SLOT_A:       return "A";
	case BOOTCFG_SLOT_B:       return "B";
	case BOOTCFG_SLOT_DEFAULT: return "default";
	}
	return "unknown";
}

enum bootcfg_slot bootcfg_other_slot(enum bootcfg_slot s)
{
	return s == BOOTCFG_SLOT_A ? BOOTCFG_SLOT_B : BOOTCFG_SLOT_A;
}

const char *bootcfg_pick_name(enum bootcfg_pick p)
{
	switch (p) {
	case BOOTCFG_PICK_NEWEST:        return "newest";
	case BOOTCFG_PICK_ONLY_VALID: return "only-valid";
	case BOOTCFG_PICK_EMPTY_STORE:   return "empty-store";
	case BOOTCFG_PICK_NO_VALID_SLOT: return "no-valid-slot";
	case BOOTCFG_PICK_SHORT_STORE:   return "short-store";
	}
	return "unknown";
}

/* ---- the blob -------------------------------------------------------- */

void bootcfg_defaults(struct bootcfg *cfg)
{
	*cfg = (struct bootcfg){
		.generation = 0,
		.pool_frames = BOOTCFG_DEFAULT_POOL,
		.headroom_frames = BOOTCFG_DEFAULT_HEADROOM,
		.hard_cap_frames = BOOTCFG_DEFAULT_HARD_CAP,
		.last_reason = BOOTCFG_REASON_NONE,
	};
}

static bool hard_cap_in_bounds(uint32_t hard_cap)
{
	return hard_cap >= BOOTCFG_POOL_MIN && hard_cap <= BOOTCFG_HARD_CAP_MAX;
}

/* The pool is blamed for pool > hard_cap only when the hard cap is itself
 * sane, so that a bad hard cap reports as BAD_HARD_CAP. */
static bool pool_in_bounds(uint32_t pool, uint32_t hard_cap)
{
	if (pool < BOOTCFG_POOL_MIN || pool > BOOTCFG_POOL_MAX)
		return false;
	return !hard_cap_in_bounds(hard_cap) || pool <= hard_cap;
}

static bool pending_in_bounds(uint32_t pending, uint32_t hard_cap)
{
	return pending == 0 ||
	       (pending >= BOOTCFG_POOL_MIN && pending <= hard_cap);
}

/* Generation is not checked here: built-in defaults carry generation 0 and
 * must validate; the on-disk checks below add generation >= 1. */
enum status bootcfg_validate(const struct bootcfg *cfg)
{
	if (!cfg)
		return STATUS_INVALID_ARGUMENT;
	if (!pool_in_bounds(cfg->pool_frames, cfg->hard_cap_frames))
		return STATUS_BAD_POOL;
	if (cfg->headroom_frames > BOOTCFG_HEADROOM_MAX)
		return STATUS_BAD_HEADROOM;
	if (!hard_cap_in_bounds(cfg->hard_cap_frames))
		return STATUS_BAD_HARD_CAP;
	if (!pending_in_bounds(cfg->pending_target, cfg->hard_cap_frames))
		return STATUS_BAD_PENDING;
	if (cfg->attempts > BOOTCFG_ATTEMPTS_MAX)
		return STATUS_BAD_ATTEMPTS;
	if (cfg->last_reason >= BOOTCFG_REASON_COUNT)
		return STATUS_BAD_REASON;
	return STATUS_OK;
}

/* What a blob on disk must satisfy: a writer-assigned generation and
 * every field in bounds. */
static enum status validate_stored(const struct bootcfg *cfg)
{
	if (cfg->generation == 0)
		return STATUS_BAD_GENERATION;
	return bootcfg_validate(cfg);
}

static void put_blob_fields(const struct bootcfg *cfg, uint8_t *b)
{
	put32(b + BLOB_MAGIC_OFF, BLOB_MAGIC);
	put16(b + BLOB_VERSION_OFF, BOOTCFG_VERSION);
	put16(b + BLOB_LENGTH_OFF, BOOTCFG_BLOB_BYTES);
	put64(b + BLOB_GENERATION_OFF, cfg->generation);
	put32(b + BLOB_POOL_OFF, cfg->pool_frames);
	put32(b + BLOB_HEADROOM_OFF, cfg->headroom_frames);
	put32(b + BLOB_HARD_CAP_OFF, cfg->hard_cap_frames);
	put32(b + BLOB_PENDING_OFF, cfg->pending_target);
	put32(b + BLOB_ATTEMPTS_OFF, cfg->attempts);
	put32(b + BLOB_BOOT_COUNT_OFF, cfg->boot_count);
	put16(b + BLOB_REASON_OFF, cfg->last_reason);
	put16(b + BLOB_RESERVED_OFF, 0);
	put64(b + BLOB_FINGERPRINT_OFF, cfg->fingerprint);
	put64(b + BLOB_GUARD_OFF, cfg->guard_fingerprint);
	put32(b + BLOB_CRC_OFF, crc32c(b, BLOB_CRC_OFF));
}

static void get_blob_fields(const uint8_t *b, struct bootcfg *cfg)
{
	cfg->generation = get64(b + BLOB_GENERATION_OFF);
	cfg->pool_frames = get32(b + BLOB_POOL_OFF);
	cfg->headroom_frames = get32(b + BLOB_HEADROOM_OFF);
	cfg->hard_cap_frames = get32(b + BLOB_HARD_CAP_OFF);
	cfg->pending_target = get32(b + BLOB_PENDING_OFF);
	cfg->attempts = get32(b + BLOB_ATTEMPTS_OFF);
	cfg->boot_count = get32(b + BLOB_BOOT_COUNT_OFF);
	cfg->last_reason = get16(b + BLOB_REASON_OFF);
	cfg->fingerprint = get64(b + BLOB_FINGERPRINT_OFF);
	cfg->guard_fingerprint = get64(b + BLOB_GUARD_OFF);
}

enum status bootcfg_encode(const struct bootcfg *cfg, uint8_t *out, size_t out_len)
{
	if (!cfg || !out)
		return STATUS_INVALID_ARGUMENT;
	if (out_len < BOOTCFG_SLOT_BYTES)
		return STATUS_SHORT_BUFFER;
	enum status st = validate_stored(cfg);
	if (st)
		return st;
	zero_bytes(out, BOOTCFG_SLOT_BYTES);
	put_blob_fields(cfg, out);
	return STATUS_OK;
}

/* The framing checks, in the documented order, before any field is read. */
static enum status check_blob_frame(const uint8_t *slot)
{
	if (all_zero(slot, BOOTCFG_SLOT_BYTES))
		return STATUS_EMPTY;
	if (get32(slot + BLOB_MAGIC_OFF) != BLOB_MAGIC)
		return STATUS_BAD_MAGIC;
	if (get16(slot + BLOB_VERSION_OFF) != BOOTCFG_VERSION)
		return STATUS_BAD_VERSION;
	if (get16(slot + BLOB_LENGTH_OFF) != BOOTCFG_BLOB_BYTES)
		return STATUS_BAD_LENGTH;
	if (get32(slot + BLOB_CRC_OFF) != crc32c(slot, BLOB_CRC_OFF))
		return STATUS_BAD_CHECKSUM;
	if (get16(slot + BLOB_RESERVED_OFF) != 0 ||
	    !all_zero(slot + BOOTCFG_BLOB_BYTES,
		      BOOTCFG_SLOT_BYTES - BOOTCFG_BLOB_BYTES))
		return STATUS_BAD_RESERVED;
	return STATUS_OK;
}

enum status bootcfg_decode(const uint8_t *slot, size_t len, struct bootcfg *out)
{
	if (!slot || !out)
		return STATUS_INVALID_ARGUMENT;
	if (len < BOOTCFG_SLOT_BYTES)
		return STATUS_SHORT_BUFFER;
	enum status st = check_blob_frame(slot);
	if (st)
		return st;
	struct bootcfg cfg;
	get_blob_fields(slot, &cfg);
	st = validate_stored(&cfg);
	if (st)
		return st;
	*out = cfg;
	return STATUS_OK;
}

/* ---- selection ------------------------------------------------------- */

static void choose_defaults(struct bootcfg_choice *out, enum bootcfg_pick pick)
{
	out->slot = BOOTCFG_SLOT_DEFAULT;
	out->pick = pick;
	bootcfg_defaults(&out->cfg);
}

static void choose_slot(struct bootcfg_choice *out, enum bootcfg_slot slot,
			const struct bootcfg *cfg, enum bootcfg_pick pick)
{
	out->slot = slot;
	out->pick = pick;
	out->cfg = *cfg;
}

void bootcfg_select(const uint8_t *store, size_t len, struct bootcfg_choice *out)
{
	struct bootcfg a, b;

	if (!store || len < BOOTCFG_SLOT_COUNT * BOOTCFG_SLOT_BYTES) {
		out->slot_status[0] = out->slot_status[1] = STATUS_SHORT_BUFFER;
		choose_defaults(out, BOOTCFG_PICK_SHORT_STORE);
		return;
	}
	enum status sa = bootcfg_decode(store + BOOTCFG_SLOT_OFFSET(0), BOOTCFG_SLOT_BYTES, &a);
	enum status sb = bootcfg_decode(store + BOOTCFG_SLOT_OFFSET(1), BOOTCFG_SLOT_BYTES, &b);
	out->slot_status[0] = sa;
	out->slot_status[1] = sb;

	if (!sa && !sb && b.generation > a.generation)
		choose_slot(out, BOOTCFG_SLOT_B, &b, BOOTCFG_PICK_NEWEST);
	else if (!sa && !sb)
		choose_slot(out, BOOTCFG_SLOT_A, &a, BOOTCFG_PICK_NEWEST);
	else if (!sa)
		choose_slot(out, BOOTCFG_SLOT_A, &a, BOOTCFG_PICK_ONLY_VALID);
	else if (!sb)
		choose_slot(out, BOOTCFG_SLOT_B, &b, BOOTCFG_PICK_ONLY_VALID);
	else if (sa == STATUS_EMPTY && sb == STATUS_EMPTY)
		choose_defaults(out, BOOTCFG_PICK_EMPTY_STORE);
	else
		choose_defaults(out, BOOTCFG_PICK_NO_VALID_SLOT);
}

enum status bootcfg_prepare_write(const struct bootcfg_choice *current,
				  struct bootcfg *next, enum bootcfg_slot *slot,
				  uint8_t *out, size_t out_len)
{
	if (!current || !next || !slot || !out)
		return STATUS_INVALID_ARGUMENT;
	bool on_defaults = current->slot == BOOTCFG_SLOT_DEFAULT;
	uint64_t generation = on_defaults ? 0 : current->cfg.generation;
	if (generation == UINT64_MAX)
		return STATUS_BAD_GENERATION;

	struct bootcfg candidate = *next;
	candidate.generation = generation + 1;
	enum status st = bootcfg_encode(&candidate, out, out_len);
	if (st)
		return st;
	next->generation = candidate.generation;
	*slot = bootcfg_other_slot(current->slot);
	return STATUS_OK;
}

/* ---- compaction at the generation limit ------------------------------ */

bool bootcfg_needs_compaction(const struct bootcfg_choice *current)
{
	return current && current->slot != BOOTCFG_SLOT_DEFAULT &&
	       current->cfg.generation == UINT64_MAX;
}

/* Step 0 copies the current blob into the other slot as generation 1 (the
 * current one, at the limit, still wins); step 1 rewrites the current slot
 * as generation 2.  The content never changes, so a tear in either step
 * selects the same tuning as before it. */
enum status bootcfg_prepare_compaction(const struct bootcfg_choice *current, unsigned step,
				       enum bootcfg_slot *slot, uint8_t *out, size_t out_len)
{
	if (!bootcfg_needs_compaction(current) || step >= BOOTCFG_COMPACT_STEPS || !slot || !out)
		return STATUS_INVALID_ARGUMENT;
	struct bootcfg renumbered = current->cfg;
	renumbered.generation = step + 1;
	enum status st = bootcfg_encode(&renumbered, out, out_len);
	if (st)
		return st;
	*slot = step == 0 ? bootcfg_other_slot(current->slot) : current->slot;
	return STATUS_OK;
}

static enum status compact_in_memory(uint8_t *store, size_t len)
{
	struct bootcfg_choice current;
	enum bootcfg_slot slot;
	uint8_t encoded[BOOTCFG_SLOT_BYTES];

	bootcfg_select(store, len, &current);
	for (unsigned step = 0; bootcfg_needs_compaction(&current) &&
			      step < BOOTCFG_COMPACT_STEPS; step++) {
		enum status st = bootcfg_prepare_compaction(&current, step, &slot,
							    encoded, sizeof(encoded));
		if (st)
			return st;
		copy_bytes(store + BOOTCFG_SLOT_OFFSET(slot), encoded, sizeof(encoded));
	}
	return STATUS_OK;
}

enum status bootcfg_store_write(uint8_t *store, size_t len, struct bootcfg *next)
{
	struct bootcfg_choice current;
	enum bootcfg_slot slot;
	uint8_t encoded[BOOTCFG_SLOT_BYTES];

	if (!store || !next)
		return STATUS_INVALID_ARGUMENT;
	if (len < BOOTCFG_SLOT_COUNT * BOOTCFG_SLOT_BYTES)
		return STATUS_SHORT_BUFFER;
	enum status st = compact_in_memory(store, len);
	if (st)
		return st;
	bootcfg_select(store, len, &current);
	st = bootcfg_prepare_write(&current, next, &slot,
					       encoded, sizeof(encoded));
	if (st)
		return st;
	copy_bytes(store + BOOTCFG_SLOT_OFFSET(slot), encoded, sizeof(encoded));
	return STATUS_OK;
}

/* ---- retune-log ring ------------------------------------------------- */

static enum status validate_log_record(const struct bootcfg_log_record *rec)
{
	if (rec->seq == 0)
		return STATUS_BAD_SEQUENCE;
	if (rec->reason >= BOOTCFG_REASON_COUNT)
		return STATUS_BAD_REASON;
	if (rec->reboot > 1)
		return STATUS_INVALID_ARGUMENT;
	return STATUS_OK;
}

enum status bootcfg_log_encode(const struct bootcfg_log_record *rec,
			       uint8_t *out, size_t out_len)
{
	if (!rec || !out)
		return STATUS_INVALID_ARGUMENT;
	if (out_len < BOOTCFG_LOG_RECORD_BYTES)
		return STATUS_SHORT_BUFFER;
	enum status st = validate_log_record(rec);
	if (st)
		return st;
	zero_bytes(out, BOOTCFG_LOG_RECORD_BYTES);
	put32(out + LOG_MAGIC_OFF, LOG_MAGIC);
	put32(out + LOG_SEQ_OFF, rec->seq);
	put32(out + LOG_BOOT_OFF, rec->boot);
	put32(out + LOG_OLD_OFF, rec->old_pool);
	put32(out + LOG_NEW_OFF, rec->new_pool);
	put32(out + LOG_NEED_OFF, rec->need);
	put16(out + LOG_REASON_OFF, rec->reason);
	out[LOG_REBOOT_OFF] = rec->reboot;
	put32(out + LOG_TRIGGER_OFF, rec->trigger);
	put64(out + LOG_FINGERPRINT_OFF, rec->fingerprint);
	put64(out + LOG_GENERATION_OFF, rec->generation);
	put32(out + LOG_CRC_OFF, crc32c(out, LOG_CRC_OFF));
	return STATUS_OK;
}

static enum status check_log_frame(const uint8_t *in)
{
	if (all_zero(in, BOOTCFG_LOG_RECORD_BYTES))
		return STATUS_EMPTY;
	if (get32(in + LOG_MAGIC_OFF) != LOG_MAGIC)
		return STATUS_BAD_MAGIC;
	if (get32(in + LOG_CRC_OFF) != crc32c(in, LOG_CRC_OFF))
		return STATUS_BAD_CHECKSUM;
	if (in[LOG_RESERVED0_OFF] != 0 ||
	    !all_zero(in + LOG_RESERVED1_OFF, LOG_CRC_OFF - LOG_RESERVED1_OFF))
		return STATUS_BAD_RESERVED;
	return STATUS_OK;
}

enum status bootcfg_log_decode(const uint8_t *in, size_t len,
			       struct bootcfg_log_record *out)
{
	if (!in || !out)
		return STATUS_INVALID_ARGUMENT;
	if (len < BOOTCFG_LOG_RECORD_BYTES)
		return STATUS_SHORT_BUFFER;
	enum status st = check_log_frame(in);
	if (st)
		return st;
	struct bootcfg_log_record rec = {
		.seq = get32(in + LOG_SEQ_OFF),
		.boot = get32(in + LOG_BOOT_OFF),
		.old_pool = get32(in + LOG_OLD_OFF),
		.new_pool = get32(in + LOG_NEW_OFF),
		.need = get32(in + LOG_NEED_OFF),
		.reason = get16(in + LOG_REASON_OFF),
		.reboot = in[LOG_REBOOT_OFF],
		.trigger = get32(in + LOG_TRIGGER_OFF),
		.fingerprint = get64(in + LOG_FINGERPRINT_OFF),
		.generation = get64(in + LOG_GENERATION_OFF),
	};
	st = validate_log_record(&rec);
	if (st)
		return st;
	*out = rec;
	return STATUS_OK;
}

static enum status log_record_at(const uint8_t *ring, uint32_t index,
				 struct bootcfg_log_record *out)
{
	return bootcfg_log_decode(ring + (size_t)index * BOOTCFG_LOG_RECORD_BYTES,
				  BOOTCFG_LOG_RECORD_BYTES, out);
}

bool bootcfg_seq_after(uint32_t a, uint32_t b)
{
	return a != b && (uint32_t)(a - b) < 0x80000000u;
}

uint32_t bootcfg_seq_next(uint32_t seq)
{
	return seq == UINT32_MAX ? 1u : seq + 1u;   /* 0 is never a valid seq */
}

/* The live records of a ring span at most 64 consecutive seqs, so "after"
 * in serial-number arithmetic (RFC 1982) orders them across the wrap from
 * 2^32 - 1 to 1.  A ring shorter than 64 records cannot be placed: it
 * reads as empty. */
void bootcfg_log_scan(const uint8_t *ring, size_t len, struct bootcfg_log_state *st)
{
	struct bootcfg_log_record rec;
	uint32_t newest_seq = 0, newest_index = BOOTCFG_LOG_RECORDS - 1;

	st->count = 0;
	for (uint32_t i = 0; ring && len >= BOOTCFG_LOG_BYTES && i < BOOTCFG_LOG_RECORDS; i++) {
		if (log_record_at(ring, i, &rec))
			continue;
		if (st->count++ == 0 || bootcfg_seq_after(rec.seq, newest_seq)) {
			newest_seq = rec.seq;
			newest_index = i;
		}
	}
	st->next_index = (newest_index + 1) % BOOTCFG_LOG_RECORDS;
	st->next_seq = bootcfg_seq_next(newest_seq);
}

/* The commit rule: the writer puts the record (with the generation of its
 * blob) on disk before the blob, so a newest record one generation past
 * the selected blob is a write whose blob never landed.  It is not
 * counted, and the next append takes its index and seq. */
void bootcfg_log_scan_store(const uint8_t *store, size_t len, struct bootcfg_log_state *st)
{
	struct bootcfg_choice current;
	struct bootcfg_log_record newest;
	const uint8_t *ring = store && len >= BOOTCFG_STORE_BYTES ? store + BOOTCFG_LOG_OFFSET : 0;
	uint32_t at = 0;

	bootcfg_log_scan(ring, ring ? BOOTCFG_LOG_BYTES : 0, st);
	if (!st->count)
		return;
	at = (st->next_index + BOOTCFG_LOG_RECORDS - 1) % BOOTCFG_LOG_RECORDS;
	bootcfg_select(store, len, &current);
	if (log_record_at(ring, at, &newest) == STATUS_OK &&
	    bootcfg_log_pending(&current, &newest)) {
		st->count--;
		st->next_index = at;
		st->next_seq = newest.seq;
	}
}

bool bootcfg_log_pending(const struct bootcfg_choice *current,
			 const struct bootcfg_log_record *rec)
{
	uint64_t generation = current->slot == BOOTCFG_SLOT_DEFAULT ? 0 : current->cfg.generation;

	return rec->generation != 0 && rec->generation == generation + 1;
}

/* Oldest first means ring order starting just after the newest record,
 * which is where the writer will go next: the order appends happened in. */
enum status bootcfg_log_get(const uint8_t *ring, size_t len, uint32_t k,
			    struct bootcfg_log_record *out)
{
	struct bootcfg_log_state st;
	struct bootcfg_log_record rec;

	if (!ring || !out)
		return STATUS_INVALID_ARGUMENT;
	if (len < BOOTCFG_LOG_BYTES)
		return STATUS_SHORT_BUFFER;
	bootcfg_log_scan(ring, len, &st);
	if (k >= st.count)
		return STATUS_NOT_FOUND;
	for (uint32_t n = 0; n < BOOTCFG_LOG_RECORDS; n++) {
		uint32_t i = (st.next_index + n) % BOOTCFG_LOG_RECORDS;
		if (log_record_at(ring, i, &rec))
			continue;
		if (k-- == 0) {
			*out = rec;
			return STATUS_OK;
		}
	}
	return STATUS_NOT_FOUND;   /* unreachable: count said k exists */
}

enum status bootcfg_log_append(uint8_t *store, size_t len,
			       struct bootcfg_log_record *rec)
{
	struct bootcfg_log_state st;
	uint8_t encoded[BOOTCFG_LOG_RECORD_BYTES];

	if (!store || !rec)
		return STATUS_INVALID_ARGUMENT;
	if (len < BOOTCFG_STORE_BYTES)
		return STATUS_SHORT_BUFFER;
	uint8_t *ring = store + BOOTCFG_LOG_OFFSET;
	bootcfg_log_scan_store(store, len, &st);

	struct bootcfg_log_record candidate = *rec;
	candidate.seq = st.next_seq;
	enum status status = bootcfg_log_encode(&candidate, encoded, sizeof(encoded));
	if (status)
		return status;
	copy_bytes(ring + (size_t)st.next_index * BOOTCFG_LOG_RECORD_BYTES,
		   encoded, sizeof(encoded));
	rec->seq = candidate.seq;
	return STATUS_OK;
}
