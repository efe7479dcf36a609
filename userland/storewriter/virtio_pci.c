/*
 * virtio_pci.c - locating the virtio 1.0 structures through the PCI
 * capability list (virtio 1.0, 4.1.4): each vendor capability names a
 * structure type, a BAR, an offset and a length.
 */
#include "virtio.h"

#define PCI_STATUS_CAPS   0x00100000u   /* in the command/status dword */
#define PCI_CAP_PTR       0x34u
#define CAP_FIRST         0x40u
#define CAP_ID_VENDOR     0x09u
#define VIO_CAP_COMMON    1u
#define VIO_CAP_NOTIFY    2u
#define VIO_CAP_ISR       3u
#define VIO_CAP_DEVICE    4u
#define COMMON_CFG_BYTES  0x38u
#define BLK_CFG_BYTES     8u            /* capacity is all we read */

struct vio_cap {
	uint8_t type, bar;
	uint32_t offset, length, extra;     /* extra: notify multiplier */
};

static uint32_t cfg_rd(const struct vio_platform *pf, uint8_t off)
{
	return pf->cfg->read32(pf->cfg->ctx, pf->bus, pf->dev, pf->fn, off);
}

static void read_cap(const struct vio_platform *pf, uint8_t at, struct vio_cap *c)
{
	uint32_t w0 = cfg_rd(pf, at);

	c->type = (uint8_t)(w0 >> 24);
	c->bar = (uint8_t)cfg_rd(pf, (uint8_t)(at + 4));
	c->offset = cfg_rd(pf, (uint8_t)(at + 8));
	c->length = cfg_rd(pf, (uint8_t)(at + 12));
	c->extra = c->type == VIO_CAP_NOTIFY && at <= 0xec ? cfg_rd(pf, (uint8_t)(at + 16)) : 0;
}

/* The structure must lie inside the mapped part of its BAR. */
static enum status region(const struct vio_platform *pf, const struct vio_cap *c,
			  uint32_t need, struct vio_region *r)
{
	if (c->bar > 5 || pf->bar_va[c->bar] == 0 || c->length < need)
		return STATUS_OUT_OF_RANGE;
	if ((uint64_t)c->offset + c->length > pf->bar_len[c->bar])
		return STATUS_OUT_OF_RANGE;
	r->va = pf->bar_va[c->bar] + c->offset;
	r->len = c->length;
	return STATUS_OK;
}

/* The first capability of each type wins, as the spec asks drivers. */
static enum status take_cap(const struct vio_platform *pf, struct vblk *d,
			    const struct vio_cap *c, unsigned *found)
{
	static const uint32_t need[5] = { 0, COMMON_CFG_BYTES, 2, 1, BLK_CFG_BYTES };
	static const unsigned bit[5] = { 0, 1, 2, 4, 8 };
	struct vio_region *slot[5] = { 0, &d->common, &d->notify, &d->isr, &d->device };
	enum status st;

	if (c->type < VIO_CAP_COMMON || c->type > VIO_CAP_DEVICE || (*found & bit[c->type]))
		return STATUS_OK;
	st = region(pf, c, need[c->type], slot[c->type]);
	if (st)
		return st;
	if (c->type == VIO_CAP_NOTIFY)
		d->notify_mult = c->extra;
	*found |= bit[c->type];
	return STATUS_OK;
}

enum status vio_find_caps(const struct vio_platform *pf, struct vblk *d)
{
	uint64_t seen = 0;
	unsigned found = 0;
	uint8_t at;

	if (!(cfg_rd(pf, 0x04) & PCI_STATUS_CAPS))
		return STATUS_NOT_FOUND;
	at = (uint8_t)(cfg_rd(pf, PCI_CAP_PTR) & 0xfc);
	while (at != 0) {
		uint32_t hdr;

		if (at < CAP_FIRST || at > 0xf0 || (seen >> ((at - CAP_FIRST) / 4) & 1))
			return STATUS_NOT_FOUND;
		seen |= 1ull << ((at - CAP_FIRST) / 4);
		hdr = cfg_rd(pf, at);
		if ((hdr & 0xff) == CAP_ID_VENDOR) {
			struct vio_cap c;
			enum status st;

			read_cap(pf, at, &c);
			st = take_cap(pf, d, &c, &found);
			if (st)
				return st;
		}
		at = (uint8_t)((hdr >> 8) & 0xfc);
	}
	return found == 0xf ? STATUS_OK : STATUS_NOT_FOUND;
}
