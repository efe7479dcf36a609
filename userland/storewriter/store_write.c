/*
 * store_write.c - the config store write sequence (see store_write.h).
 *
 * Why it is safe: each step writes one sector.  A torn slot write leaves
 * a blob whose CRC fails, so selection keeps the current slot.  A torn
 * log sector holds the old bytes of every other record (the sector's new
 * content differs from the old only in the record appended), so only the
 * new record can be damaged, and the scan skips a bad record.
 */
#include "store_write.h"

enum status store_read_image(const struct blkdev *d, uint8_t *store)
{
	enum status st = STATUS_OK;
	unsigned i;

	for (i = 0; i < STORE_SECTORS && !st; i++)
		st = d->read(d->ctx, i, store + i * BLKDEV_SECTOR_BYTES);
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
static enum status write_verified(const struct blkdev *d, unsigned i, const uint8_t *store,
				  uint8_t *check)
{
	const uint8_t *src = store + i * BLKDEV_SECTOR_BYTES;
	enum status st = d->write(d->ctx, i, src);

	if (!st)
		st = d->flush(d->ctx);
	if (!st)
		st = d->read(d->ctx, i, check);
	if (!st && !same(src, check, BLKDEV_SECTOR_BYTES))
		st = STATUS_IO_ERROR;
	return st;
}

/* Encodes everything first, so a bad blob or record writes nothing. */
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
	if (st)
		return st;
	bootcfg_log_scan(ring, BOOTCFG_LOG_BYTES, &ls);
	rec->seq = ls.next_seq;
	at = ls.next_index * BOOTCFG_LOG_RECORD_BYTES;
	st = bootcfg_log_encode(rec, ring + at, BOOTCFG_LOG_RECORD_BYTES);
	if (st)
		return st;
	*log_sector = (BOOTCFG_LOG_OFFSET + at) / BLKDEV_SECTOR_BYTES;
	return STATUS_OK;
}

/* The new blob must be what selection now picks. */
static enum status check_selected(const struct store_scratch *s, const struct bootcfg *next,
				  enum bootcfg_slot slot)
{
	struct bootcfg_choice now;

	bootcfg_select(s->store, sizeof(s->store), &now);
	if (now.slot != slot || now.cfg.generation != next->generation)
		return STATUS_IO_ERROR;
	return STATUS_OK;
}

enum status store_write(const struct blkdev *d, struct bootcfg *next,
			struct bootcfg_log_record *rec, struct store_scratch *s,
			enum bootcfg_slot *slot_out)
{
	uint8_t *check = s ? s->sector : NULL;
	enum bootcfg_slot slot;
	uint32_t log_sector;
	unsigned i;
	enum status st;

	if (!d || !next || !rec || !s || !slot_out)
		return STATUS_INVALID_ARGUMENT;
	st = store_read_image(d, s->store);
	if (!st)
		st = prepare(s, next, rec, &slot, &log_sector);
	if (st)
		return st;
	for (i = 0; i < BLKDEV_SECTOR_BYTES; i++)
		s->store[BOOTCFG_SLOT_OFFSET(slot) + i] = s->sector[i];
	st = write_verified(d, (unsigned)slot, s->store, check);
	if (!st)
		st = write_verified(d, log_sector, s->store, check);
	if (!st)
		st = check_selected(s, next, slot);
	if (!st)
		*slot_out = slot;
	return st;
}
