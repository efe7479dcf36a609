/*
 * virtio_blk.c - device initialisation and synchronous sector I/O over
 * one split virtqueue (virtio 1.0, 3.1 and 5.2).
 *
 * DMA frame layout (offsets inside pf->dma; every part naturally aligned
 * as 2.4 requires: descriptors 16, available ring 2, used ring 4):
 */
#include "virtio.h"

#define DESC_OFF      0u      /* 16 B x VBLK_QUEUE_MAX */
#define AVAIL_OFF     128u    /* flags, idx, ring[Q], used_event */
#define USED_OFF      256u    /* flags, idx, {id, len}[Q], avail_event */
#define HDR_OFF       512u    /* type, reserved, sector */
#define STATUS_OFF    528u    /* one byte the device writes */
#define DATA_OFF      1024u   /* one sector */
#define LAYOUT_BYTES  (DATA_OFF + VBLK_SECTOR_BYTES)

/* common configuration registers (4.1.4.3) */
#define CC_DFSELECT   0x00u
#define CC_DF         0x04u
#define CC_GFSELECT   0x08u
#define CC_GF         0x0cu
#define CC_STATUS     0x14u
#define CC_CFGGEN     0x15u
#define CC_Q_SELECT   0x16u
#define CC_Q_SIZE     0x18u
#define CC_Q_ENABLE   0x1cu
#define CC_Q_NOFF     0x1eu
#define CC_Q_DESC     0x20u
#define CC_Q_AVAIL    0x28u
#define CC_Q_USED     0x30u

#define ST_ACK        0x01u
#define ST_DRIVER     0x02u
#define ST_DRIVER_OK  0x04u
#define ST_FEATURES_OK 0x08u
#define ST_FAILED     0x80u

#define F_BLK_RO      (1ull << 5)
#define F_BLK_FLUSH   (1ull << 9)
#define F_VERSION_1   (1ull << 32)

#define DESC_NEXT     1u
#define DESC_WRITE    2u
#define REQ_IN        0u
#define REQ_OUT       1u
#define REQ_FLUSH     4u
#define REQ_GET_ID    8u
#define REQ_STATUS_UNSET 0xffu
#define BLK_STATUS_OK     0u
#define BLK_STATUS_UNSUPP 2u
#define RESET_SPIN    1000u
#define CFG_GEN_TRIES 4u

/* ---- little-endian DMA memory, byte by byte (safe on ColdFire) ------- */

static void put_le(uint8_t *p, uint64_t v, unsigned bytes)
{
	unsigned i;

	for (i = 0; i < bytes; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le(const volatile uint8_t *p, unsigned bytes)
{
	uint64_t v = 0;

	while (bytes--)
		v = v << 8 | p[bytes];
	return v;
}

/* ---- registers -------------------------------------------------------- */

static uint32_t cc_rd(const struct vblk *d, uint32_t off, unsigned width)
{
	return d->pf->mmio_read(d->pf->ctx, d->common.va + off, width);
}

static void cc_wr(const struct vblk *d, uint32_t off, unsigned width, uint32_t v)
{
	d->pf->mmio_write(d->pf->ctx, d->common.va + off, width, v);
}

static void cc_wr64(const struct vblk *d, uint32_t off, uint64_t v)
{
	cc_wr(d, off, 4, (uint32_t)v);
	cc_wr(d, off + 4, 4, (uint32_t)(v >> 32));
}

static void set_status(const struct vblk *d, uint32_t bits)
{
	cc_wr(d, CC_STATUS, 1, cc_rd(d, CC_STATUS, 1) | bits);
}

static enum status fail(const struct vblk *d, enum status st)
{
	set_status(d, ST_FAILED);
	return st;
}

static enum status reset(const struct vblk *d)
{
	unsigned i;

	cc_wr(d, CC_STATUS, 1, 0);
	for (i = 0; i < RESET_SPIN; i++)
		if (cc_rd(d, CC_STATUS, 1) == 0)
			return STATUS_OK;
	return STATUS_IO_ERROR;
}

static uint64_t device_features(const struct vblk *d)
{
	uint64_t f;

	cc_wr(d, CC_DFSELECT, 4, 0);
	f = cc_rd(d, CC_DF, 4);
	cc_wr(d, CC_DFSELECT, 4, 1);
	return f | (uint64_t)cc_rd(d, CC_DF, 4) << 32;
}

static enum status negotiate(struct vblk *d)
{
	uint64_t offered = device_features(d);
	uint64_t want = F_VERSION_1 | (offered & (F_BLK_FLUSH | F_BLK_RO));

	if (!(offered & F_VERSION_1))
		return fail(d, STATUS_NOT_SUPPORTED);   /* legacy-only device */
	cc_wr(d, CC_GFSELECT, 4, 0);
	cc_wr(d, CC_GF, 4, (uint32_t)want);
	cc_wr(d, CC_GFSELECT, 4, 1);
	cc_wr(d, CC_GF, 4, (uint32_t)(want >> 32));
	set_status(d, ST_FEATURES_OK);
	if (!(cc_rd(d, CC_STATUS, 1) & ST_FEATURES_OK))
		return fail(d, STATUS_NOT_SUPPORTED);
	d->flush = want & F_BLK_FLUSH;
	d->read_only = want & F_BLK_RO;
	return STATUS_OK;
}

static uint16_t pow2_floor(uint16_t n)
{
	uint16_t p = 1;

	while ((uint16_t)(p << 1) != 0 && (uint16_t)(p << 1) <= n)
		p = (uint16_t)(p << 1);
	return p;
}

static enum status setup_queue(struct vblk *d)
{
	const struct vio_platform *pf = d->pf;
	uint16_t max;
	unsigned i;

	cc_wr(d, CC_Q_SELECT, 2, 0);
	max = (uint16_t)cc_rd(d, CC_Q_SIZE, 2);
	if (max < 3)            /* a request needs three descriptors */
		return fail(d, STATUS_NOT_FOUND);
	d->qsize = pow2_floor(max < VBLK_QUEUE_MAX ? max : VBLK_QUEUE_MAX);
	d->notify_off = (uint16_t)cc_rd(d, CC_Q_NOFF, 2);
	if ((uint64_t)d->notify_off * d->notify_mult + 2 > d->notify.len)
		return fail(d, STATUS_OUT_OF_RANGE);
	for (i = 0; i < LAYOUT_BYTES; i++)
		pf->dma[i] = 0;
	d->avail_idx = d->used_seen = 0;
	cc_wr(d, CC_Q_SIZE, 2, d->qsize);
	cc_wr64(d, CC_Q_DESC, pf->dma_phys + DESC_OFF);
	cc_wr64(d, CC_Q_AVAIL, pf->dma_phys + AVAIL_OFF);
	cc_wr64(d, CC_Q_USED, pf->dma_phys + USED_OFF);
	cc_wr(d, CC_Q_ENABLE, 2, 1);
	return STATUS_OK;
}

/* Capacity, re-read while the config generation moves under us. */
static enum status read_capacity(struct vblk *d)
{
	unsigned tries;

	for (tries = 0; tries < CFG_GEN_TRIES; tries++) {
		uint32_t gen = cc_rd(d, CC_CFGGEN, 1);
		uint64_t lo = d->pf->mmio_read(d->pf->ctx, d->device.va, 4);
		uint64_t hi = d->pf->mmio_read(d->pf->ctx, d->device.va + 4, 4);

		if (cc_rd(d, CC_CFGGEN, 1) == gen) {
			d->capacity = hi << 32 | lo;
			return STATUS_OK;
		}
	}
	return fail(d, STATUS_IO_ERROR);
}

static enum status check_platform(const struct vio_platform *pf)
{
	if (!pf || !pf->cfg || !pf->cfg->read32 || !pf->mmio_read || !pf->mmio_write ||
	    !pf->barrier || !pf->dma)
		return STATUS_INVALID_ARGUMENT;
	if (pf->dma_len < LAYOUT_BYTES)
		return STATUS_SHORT_BUFFER;
	if ((pf->dma_phys & 15) || ((uintptr_t)pf->dma & 15))
		return STATUS_MISALIGNED;
	return STATUS_OK;
}

enum status vblk_init(struct vblk *d, const struct vio_platform *pf)
{
	enum status st = check_platform(pf);

	if (st || !d)
		return st ? st : STATUS_INVALID_ARGUMENT;
	*d = (struct vblk){ .pf = pf, .timeout_ms = VBLK_TIMEOUT_MS_DEFAULT, .broken = true };
	st = vio_find_caps(pf, d);
	if (!st)
		st = reset(d);
	if (st)
		return st;
	set_status(d, ST_ACK);
	set_status(d, ST_DRIVER);
	st = negotiate(d);
	if (!st)
		st = setup_queue(d);
	if (!st)
		st = read_capacity(d);
	if (st)
		return st;
	set_status(d, ST_DRIVER_OK);
	d->broken = false;
	return STATUS_OK;
}

/* ---- requests ----------------------------------------------------------- */

static void put_desc(struct vblk *d, unsigned i, uint32_t off, uint32_t len,
		     uint16_t flags)
{
	uint8_t *p = d->pf->dma + DESC_OFF + 16 * i;

	put_le(p, d->pf->dma_phys + off, 8);
	put_le(p + 8, len, 4);
	put_le(p + 12, flags, 2);
	put_le(p + 14, flags & DESC_NEXT ? i + 1 : 0, 2);
}

static void notify(struct vblk *d)
{
	d->pf->mmio_write(d->pf->ctx, d->notify.va + (uintptr_t)d->notify_off * d->notify_mult,
			  2, 0);
}

/* Whether the device has put our request on the used ring. */
static bool answered(struct vblk *d)
{
	const volatile uint8_t *used = d->pf->dma + USED_OFF;

	d->pf->barrier(d->pf->ctx);
	return (uint16_t)get_le(used + 2, 2) != d->used_seen;
}

/*
 * Spins on the used ring until the answer or the deadline.  The clock is
 * read before each poll, so the ring is always polled once more after the
 * deadline has passed: a poller that was descheduled past it (a loaded
 * host) still sees an answer that came in time.
 */
static bool wait_answer(struct vblk *d)
{
	uint64_t start = d->pf->now_ms(d->pf->ctx);

	for (;;) {
		bool late = d->pf->now_ms(d->pf->ctx) - start > d->timeout_ms;
		if (answered(d))
			return true;
		if (late)
			return false;
	}
}

/* Publishes descriptor chain 0 and waits for the used ring. */
static enum status submit(struct vblk *d)
{
	uint8_t *avail = d->pf->dma + AVAIL_OFF;

	put_le(avail + 4 + 2 * (d->avail_idx % d->qsize), 0, 2);
	d->pf->barrier(d->pf->ctx);     /* ring entry before the index */
	d->avail_idx++;
	put_le(avail + 2, d->avail_idx, 2);
	d->pf->barrier(d->pf->ctx);     /* index before the notification */
	notify(d);
	if (!wait_answer(d)) {
		d->broken = true;       /* the device still owns the buffers */
		return STATUS_IO_ERROR;
	}
	d->used_seen++;
	return STATUS_OK;
}

/* One request; `data_len` bytes at DATA_OFF (0 for a flush). */
static enum status request(struct vblk *d, uint32_t type, uint64_t sector,
			   uint32_t data_len)
{
	uint8_t *dma = d->pf->dma;
	enum status st;
	uint8_t status;

	put_le(dma + HDR_OFF, type, 4);
	put_le(dma + HDR_OFF + 4, 0, 4);
	put_le(dma + HDR_OFF + 8, sector, 8);
	dma[STATUS_OFF] = REQ_STATUS_UNSET;
	put_desc(d, 0, HDR_OFF, 16, DESC_NEXT);
	if (data_len == 0) {
		put_desc(d, 1, STATUS_OFF, 1, DESC_WRITE);
	} else {
		put_desc(d, 1, DATA_OFF, data_len,
			 (uint16_t)(DESC_NEXT | (type == REQ_OUT ? 0 : DESC_WRITE)));
		put_desc(d, 2, STATUS_OFF, 1, DESC_WRITE);
	}
	st = submit(d);
	if (st)
		return st;
	status = ((volatile uint8_t *)dma)[STATUS_OFF];
	if (status == BLK_STATUS_OK)
		return STATUS_OK;
	return status == BLK_STATUS_UNSUPP ? STATUS_NOT_SUPPORTED : STATUS_IO_ERROR;
}

static enum status check_io(const struct vblk *d, uint64_t sector, const void *buf)
{
	if (!d || !buf)
		return STATUS_INVALID_ARGUMENT;
	if (d->broken)
		return STATUS_IO_ERROR;
	return sector < d->capacity ? STATUS_OK : STATUS_OUT_OF_RANGE;
}

enum status vblk_read(struct vblk *d, uint64_t sector, uint8_t *buf)
{
	enum status st = check_io(d, sector, buf);
	unsigned i;

	if (!st)
		st = request(d, REQ_IN, sector, VBLK_SECTOR_BYTES);
	for (i = 0; !st && i < VBLK_SECTOR_BYTES; i++)
		buf[i] = d->pf->dma[DATA_OFF + i];
	return st;
}

enum status vblk_write(struct vblk *d, uint64_t sector, const uint8_t *buf)
{
	enum status st = check_io(d, sector, buf);
	unsigned i;

	if (st)
		return st;
	if (d->read_only)
		return STATUS_NO_PERMISSION;
	for (i = 0; i < VBLK_SECTOR_BYTES; i++)
		d->pf->dma[DATA_OFF + i] = buf[i];
	return request(d, REQ_OUT, sector, VBLK_SECTOR_BYTES);
}

enum status vblk_flush(struct vblk *d)
{
	enum status st = check_io(d, 0, d);

	if (st)
		return st;
	return d->flush ? request(d, REQ_FLUSH, 0, 0) : STATUS_NOT_SUPPORTED;
}

/* The device's serial (virtio 1.0, 5.2.6): up to 20 bytes, NUL-padded
 * when shorter.  The store writer tells the store disk by it. */
enum status vblk_get_id(struct vblk *d, uint8_t id[VBLK_ID_BYTES])
{
	enum status st = check_io(d, 0, id);
	unsigned i;

	for (i = 0; !st && i < VBLK_ID_BYTES; i++)
		d->pf->dma[DATA_OFF + i] = 0;
	if (!st)
		st = request(d, REQ_GET_ID, 0, VBLK_ID_BYTES);
	for (i = 0; !st && i < VBLK_ID_BYTES; i++)
		id[i] = d->pf->dma[DATA_OFF + i];
	return st;
}
