/*
 * store_write.c - the config store write sequence (see store_write.h).
 *
 * Why it is safe: each step writes one sector.  A torn log sector holds
 * the old bytes of every other record (the sector's new content differs
 * from the old only in the record appended), so only the new record can
 * be damaged, and the scan skips a bad record.  The record goes first and
 * names its blob's generation: until the blob lands it is pending
 * (bootcfg_log_pending) and the next write replaces it.  A torn slot
 * write leaves a blob whose CRC fails, so selection keeps the current
 * slot; the two compaction writes keep the selected tuning whatever tears.
 */
#include "store_write.h"

enum status store_read_image(const struct blkdev *d, uint8_t *image)
{
	enum status st = STATUS_OK;

	for (uint32_t i = 0; i < STORE_SECTORS && !st; i++)
		st = d->read(d->ctx, i, image + i * BLKDEV_SECTOR_BYTES);
	return st;
}

static bool same(const uint8_t *a, const uint8_t *b, size_t n)
{
	while (n--)
		if (a[n] != b[n])
			return false;
	return true;
}

/* Writes sector `i` of the image and reads it back. */
static enum status write_verified(const struct blkdev *d, uint32_t i, const uint8_t *store,
				  uint8_t *check)
{
	const uint8_t *src = store + i * BLKDEV_SECTOR_BYTES;
	enum status st = d->write(d->ctx, i, src);

	if (!st && d->flush)
		st = d->flush(d->ctx);
	if (!st)
		st = d->read(d->ctx, i, check);
	if (!st && !same(src, check, BLKDEV_SECTOR_BYTES))
		st = STATUS_IO_ERROR;
	return st;
}

/* Puts an encoded slot into the image and onto the disk. */
static enum status write_slot(const struct blkdev *d, struct store_scratch *s,
			      enum bootcfg_slot slot, const uint8_t *encoded)
{
	for (unsigned i = 0; i < BOOTCFG_SLOT_BYTES; i++)
		s->store[BOOTCFG_SLOT_OFFSET(slot) + i] = encoded[i];
	return write_verified(d, (uint32_t)slot, s->store, s->sector);
}

/* At the generation limit: renumber to 1 and 2 first (bootcfg.h). */
static enum status compact(const struct blkdev *d, struct store_scratch *s)
{
	struct bootcfg_choice cur;
	uint8_t encoded[BOOTCFG_SLOT_BYTES];
	enum bootcfg_slot slot;
	enum status st = STATUS_OK;

	bootcfg_select(s->store, sizeof(s->store), &cur);
	for (unsigned step = 0; !st && bootcfg_needs_compaction(&cur) &&
				step < BOOTCFG_COMPACT_STEPS; step++) {
		st = bootcfg_prepare_compaction(&cur, step, &slot, encoded, sizeof(encoded));
		if (!st)
			st = write_slot(d, s, slot, encoded);
	}
	return st;
}

/* Encodes blob and record first, so a bad one writes nothing.  The blob
 * waits in s->sector; the record is put into the image. */
static enum status prepare(struct store_scratch *s, struct bootcfg *next,
			   struct bootcfg_log_record *rec, enum bootcfg_slot *slot,
			   uint32_t *log_sector)
{
	struct bootcfg_choice cur;
	struct bootcfg_log_state ls;
	uint8_t *ring = s->store + BOOTCFG_LOG_OFFSET;
	uint32_t at;
	enum status st;

	bootcfg_select(s->store, sizeof(s->store), &cur);
	st = bootcfg_prepare_write(&cur, next, slot, s->sector, sizeof(s->sector));
	if (st || !rec)
		return st;
	bootcfg_log_scan_store(s->store, sizeof(s->store), &ls);
	rec->seq = ls.next_seq;
	rec->generation = next->generation;
	at = ls.next_index * BOOTCFG_LOG_RECORD_BYTES;
	st = bootcfg_log_encode(rec, ring + at, BOOTCFG_LOG_RECORD_BYTES);
	if (st)
		return st;
	*log_sector = (BOOTCFG_LOG_OFFSET + at) / BLKDEV_SECTOR_BYTES;
	return STATUS_OK;
}

/* Is the record in the ring of s->store, committed by its blob? */
static bool record_present(const struct store_scratch *s, const struct bootcfg_log_record *rec)
{
	struct bootcfg_log_record got;
	const uint8_t *ring = s->store + BOOTCFG_LOG_OFFSET;

	for (uint32_t i = 0; i < BOOTCFG_LOG_RECORDS; i++)
		if (bootcfg_log_decode(ring + i * BOOTCFG_LOG_RECORD_BYTES,
				       BOOTCFG_LOG_RECORD_BYTES, &got) == STATUS_OK &&
		    got.seq == rec->seq && got.generation == rec->generation &&
		    got.new_pool == rec->new_pool && got.boot == rec->boot)
			return true;
	return false;
}

/* Reads the store back and says what is there (s->ondisk).  `slot` is
 * BOOTCFG_SLOT_DEFAULT if nothing was prepared (nothing can have landed). */
static void read_back(const struct blkdev *d, struct store_scratch *s, bool failed,
		      const struct bootcfg *next, const struct bootcfg_log_record *rec,
		      enum bootcfg_slot slot)
{
	struct bootcfg_choice now;
	struct store_ondisk *o = &s->ondisk;
	enum status st = failed && d->recover ? d->recover(d->ctx) : STATUS_OK;

	*o = (struct store_ondisk){ .read = st ? st : store_read_image(d, s->store),
				    .slot = BOOTCFG_SLOT_DEFAULT };
	if (o->read)
		return;
	bootcfg_select(s->store, sizeof(s->store), &now);
	o->slot = now.slot;
	o->generation = now.slot == BOOTCFG_SLOT_DEFAULT ? 0 : now.cfg.generation;
	if (slot == BOOTCFG_SLOT_DEFAULT)
		return;
	o->blob_landed = now.slot == slot && now.cfg.generation == next->generation &&
			 now.cfg.pool_frames == next->pool_frames;
	o->record_landed = !rec || record_present(s, rec);
}

static enum status write_sequence(const struct blkdev *d, struct bootcfg *next,
				  struct bootcfg_log_record *rec, struct store_scratch *s,
				  enum bootcfg_slot *slot)
{
	uint8_t blob[BOOTCFG_SLOT_BYTES];
	uint32_t log_sector = 0;
	enum status st = store_read_image(d, s->store);

	if (!st)
		st = compact(d, s);
	if (!st)
		st = prepare(s, next, rec, slot, &log_sector);
	if (st)
		return st;
	for (unsigned i = 0; i < BOOTCFG_SLOT_BYTES; i++)
		blob[i] = s->sector[i];
	if (rec)
		st = write_verified(d, log_sector, s->store, s->sector);
	if (!st)
		st = write_slot(d, s, *slot, blob);
	return st;
}

enum status store_write(const struct blkdev *d, struct bootcfg *next,
			struct bootcfg_log_record *rec, struct store_scratch *s,
			enum bootcfg_slot *slot_out)
{
	enum bootcfg_slot slot = BOOTCFG_SLOT_DEFAULT;
	enum status st;

	if (!d || !next || !s || !slot_out)
		return STATUS_INVALID_ARGUMENT;
	st = write_sequence(d, next, rec, s, &slot);
	read_back(d, s, st != STATUS_OK, next, rec, slot);
	if (st && s->ondisk.blob_landed && s->ondisk.record_landed)
		st = STATUS_OK;       /* it all landed; only the acknowledgement failed */
	else if (!st && !s->ondisk.blob_landed)
		st = STATUS_IO_ERROR; /* selection does not pick what was written */
	if (!st)
		*slot_out = slot;
	return st;
}
