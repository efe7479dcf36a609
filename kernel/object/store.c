/*
 * object/store.c - Store: bounds first (offset and length inside the
 * store, at most one KH_STORE_IO_MAX chunk, the user buffer mapped, and
 * writable for a read), then the port's I/O through a kernel buffer, so
 * the port never touches user memory and a bad request does no I/O.
 */
#include "object/store.h"
#include "bootcfg.h"
#include "hal/mmu.h"
#include "hal/store.h"
#include "usercopy.h"

static uint8_t bounce[KH_STORE_IO_MAX];

/* The part of the store and the user range [buf, buf + len). */
static enum status check_request(struct process *p, uint64_t offset, uint64_t buf,
				 uint64_t len, unsigned need)
{
	if (len == 0 || len > KH_STORE_IO_MAX)
		return STATUS_BAD_LENGTH;
	if (offset > BOOTCFG_STORE_BYTES || len > BOOTCFG_STORE_BYTES - offset)
		return STATUS_OUT_OF_RANGE;
	return user_range_check(p, buf, len, need);
}

static enum status store_read(struct process *p, const uint64_t *a)
{
	enum status st = check_request(p, a[0], a[1], a[2], HAL_MAP_WRITE);

	if (!st)
		st = hal_store_read((uint32_t)a[0], bounce, (uint32_t)a[2]);
	if (!st)
		st = user_copy_out(p, a[1], bounce, a[2]);
	return st;
}

static enum status store_write(struct process *p, const uint64_t *a)
{
	enum status st = check_request(p, a[0], a[1], a[2], 0);

	if (!st)
		st = user_copy_in(p, bounce, a[1], a[2]);
	if (!st)
		st = hal_store_write((uint32_t)a[0], bounce, (uint32_t)a[2]);
	return st;
}

enum status invoke_STORE(struct process *p, struct cap *c, uint32_t op,
			 const uint64_t *a, uint64_t *reply)
{
	(void)c; (void)reply;
	switch (op) {
	case KH_OP_STORE_READ:  return store_read(p, a);
	case KH_OP_STORE_WRITE: return store_write(p, a);
	case KH_OP_STORE_FLUSH: return hal_store_flush();
	default:                return STATUS_INVALID_ARGUMENT;
	}
}
