/*
 * bootcfg_decode.c - libFuzzer target for the boot-config codec.
 *
 * Each input is looked at three ways:
 *   1. as a whole store image: selection, both slots, the log ring, and a
 *      blob write and a log append on a copy;
 *   2. its first 60 bytes as a blob with the CRC fixed up, so mutations
 *      reach the field checks instead of dying at the checksum;
 *   3. the same bytes as a log record with the CRC fixed up.
 * Invariants are checked with abort(): anything decoded re-encodes to the
 * same bytes, a failed decode leaves its output alone, and selection never
 * returns a blob that does not validate.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bootcfg.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

static void put_le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* A decode either succeeds and round-trips, or leaves *out untouched. */
static enum status check_blob(const uint8_t *slot, struct bootcfg *out)
{
	struct bootcfg sentinel;
	uint8_t again[BOOTCFG_SLOT_BYTES];

	memset(&sentinel, 0x5c, sizeof(sentinel));
	*out = sentinel;
	enum status st = bootcfg_decode(slot, BOOTCFG_SLOT_BYTES, out);
	if (st) {
		CHECK(memcmp(out, &sentinel, sizeof(sentinel)) == 0);
		return st;
	}
	CHECK(bootcfg_validate(out) == STATUS_OK && out->generation >= 1);
	CHECK(bootcfg_encode(out, again, sizeof(again)) == STATUS_OK);
	CHECK(memcmp(again, slot, BOOTCFG_SLOT_BYTES) == 0);
	return st;
}

static void check_choice(const struct bootcfg_choice *ch)
{
	struct bootcfg d;

	bootcfg_defaults(&d);
	if (ch->slot == BOOTCFG_SLOT_DEFAULT) {
		CHECK(ch->pick >= BOOTCFG_PICK_EMPTY_STORE);
		CHECK(ch->cfg.generation == 0 && ch->cfg.pool_frames == d.pool_frames &&
		      ch->cfg.headroom_frames == d.headroom_frames);
		return;
	}
	CHECK(ch->slot == BOOTCFG_SLOT_A || ch->slot == BOOTCFG_SLOT_B);
	CHECK(ch->pick <= BOOTCFG_PICK_ONLY_VALID);
	CHECK(ch->slot_status[ch->slot] == STATUS_OK);
	CHECK(bootcfg_validate(&ch->cfg) == STATUS_OK && ch->cfg.generation >= 1);
}

/* Writing the next blob into a copy makes it the one selected. */
static void check_write(const uint8_t *data, const struct bootcfg_choice *before)
{
	static uint8_t copy[BOOTCFG_STORE_BYTES];
	struct bootcfg next = before->cfg;
	struct bootcfg_choice after;

	memcpy(copy, data, sizeof(copy));
	next.boot_count++;
	enum status st = bootcfg_store_write(copy, sizeof(copy), &next);
	if (st) {
		CHECK(st == STATUS_BAD_GENERATION && before->cfg.generation == UINT64_MAX);
		return;
	}
	bootcfg_select(copy, sizeof(copy), &after);
	CHECK(after.slot != before->slot && after.slot != BOOTCFG_SLOT_DEFAULT);
	CHECK(after.cfg.generation == next.generation);
	CHECK(after.cfg.boot_count == next.boot_count);
}

static void check_ring(const uint8_t *ring)
{
	struct bootcfg_log_state st;
	struct bootcfg_log_record rec;
	uint8_t again[BOOTCFG_LOG_RECORD_BYTES];
	uint32_t valid = 0;

	bootcfg_log_scan(ring, BOOTCFG_LOG_BYTES, &st);
	CHECK(st.count <= BOOTCFG_LOG_RECORDS && st.next_index < BOOTCFG_LOG_RECORDS);
	for (uint32_t i = 0; i < BOOTCFG_LOG_RECORDS; i++) {
		const uint8_t *r = ring + i * BOOTCFG_LOG_RECORD_BYTES;
		if (bootcfg_log_decode(r, BOOTCFG_LOG_RECORD_BYTES, &rec))
			continue;
		valid++;
		CHECK(rec.seq < st.next_seq || st.next_seq == 0);
		CHECK(bootcfg_log_encode(&rec, again, sizeof(again)) == STATUS_OK);
		CHECK(memcmp(again, r, sizeof(again)) == 0);
	}
	CHECK(valid == st.count);
	for (uint32_t k = 0; k < st.count; k++)
		CHECK(bootcfg_log_get(ring, BOOTCFG_LOG_BYTES, k, &rec) == STATUS_OK);
	CHECK(bootcfg_log_get(ring, BOOTCFG_LOG_BYTES, st.count, &rec) == STATUS_NOT_FOUND);
}

/* An appended record is the newest: last in oldest-first order. */
static void check_append(const uint8_t *data)
{
	static uint8_t copy[BOOTCFG_STORE_BYTES];
	const uint8_t *ring = copy + BOOTCFG_LOG_OFFSET;
	struct bootcfg_log_state before, after;
	struct bootcfg_log_record rec = { .need = 0x12345, .reason = 1,
					  .trigger = BOOTCFG_TRIGGER_NONE }, got;

	memcpy(copy, data, sizeof(copy));
	bootcfg_log_scan(ring, BOOTCFG_LOG_BYTES, &before);
	enum status st = bootcfg_log_append(copy, sizeof(copy), &rec);
	if (st) {
		CHECK(st == STATUS_BAD_SEQUENCE && before.next_seq == 0);
		return;
	}
	bootcfg_log_scan(ring, BOOTCFG_LOG_BYTES, &after);
	CHECK(after.count >= before.count && after.count <= before.count + 1);
	CHECK(after.count >= 1 && after.next_seq == rec.seq + 1);
	CHECK(bootcfg_log_get(ring, BOOTCFG_LOG_BYTES, after.count - 1, &got) == STATUS_OK);
	CHECK(got.seq == rec.seq && got.need == 0x12345);
}

static void fuzz_store(const uint8_t *data, size_t size)
{
	struct bootcfg_choice ch;
	struct bootcfg slot_cfg;

	bootcfg_select(data, size, &ch);
	check_choice(&ch);
	if (size < BOOTCFG_SLOT_COUNT * BOOTCFG_SLOT_BYTES) {
		CHECK(ch.pick == BOOTCFG_PICK_SHORT_STORE);
		return;
	}
	for (unsigned i = 0; i < BOOTCFG_SLOT_COUNT; i++)
		CHECK(check_blob(data + BOOTCFG_SLOT_OFFSET(i), &slot_cfg) == ch.slot_status[i]);
	if (size < BOOTCFG_STORE_BYTES)
		return;
	check_write(data, &ch);
	check_ring(data + BOOTCFG_LOG_OFFSET);
	check_append(data);
}

/* Views 2 and 3: the input's first bytes with a correct CRC. */
static void fuzz_fields(const uint8_t *data, size_t size)
{
	uint8_t slot[BOOTCFG_SLOT_BYTES] = { 0 };
	struct bootcfg cfg;
	struct bootcfg_log_record rec;
	uint8_t again[BOOTCFG_LOG_RECORD_BYTES];

	memcpy(slot, data, size < 60 ? size : 60);
	put_le32(slot + 60, crc32c(slot, 60));
	check_blob(slot, &cfg);
	if (bootcfg_log_decode(slot, BOOTCFG_LOG_RECORD_BYTES, &rec) == STATUS_OK) {
		CHECK(bootcfg_log_encode(&rec, again, sizeof(again)) == STATUS_OK);
		CHECK(memcmp(again, slot, sizeof(again)) == 0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_store(data, size);
	fuzz_fields(data, size);
	return 0;
}
