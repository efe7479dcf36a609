/*
 * sw_client_x86_64.c - starting the storewriter driver on the store disk
 * (sw_client.h): each virtio-blk of the walk in turn gets a driver holding
 * exactly its BARs, until one says it is the store.
 */
#include "sw_client.h"
#include "pci.h"
#include "kh_objects.h"

#define PAGE            4096u
#define VIRTIO_VENDOR   0x1af4u
#define VIRTIO_BLK_OLD  0x1001u   /* transitional (QEMU on pcie.0) */
#define VIRTIO_BLK_NEW  0x1042u   /* modern only */
#define PCI_CMD_MASTER  0x4u

/* Any virtio-blk function of the walk: QEMU's defaults put the disks on
 * pcie.0, libvirt behind root ports of their own. */
static bool is_candidate(const struct pci_device *d)
{
	return d->vendor == VIRTIO_VENDOR &&
	       (d->device == VIRTIO_BLK_OLD || d->device == VIRTIO_BLK_NEW);
}

static void bdf_of(const struct pci_device *d, char out[KH_DRV_BDF_BYTES])
{
	static const char hex[] = "0123456789abcdef";
	const char s[KH_DRV_BDF_BYTES] = { hex[d->bus >> 4], hex[d->bus & 15], ':',
		hex[d->dev >> 4], hex[d->dev & 15], '.', (char)('0' + d->fn), 0 };

	for (unsigned i = 0; i < KH_DRV_BDF_BYTES; i++)
		out[i] = s[i];
}

/* Every assigned memory BAR's frames published: the pool's records for
 * the store are taken here, whoever maps them later. */
static enum status publish_bars(struct sw_client *c, const struct sw_pci_env *env,
				const struct pci_device *d)
{
	for (uint32_t i = 0; i < d->nbars; i++) {
		const struct pci_bar *b = &d->bar[i];
		if ((b->kind != PCI_BAR_MEM32 && b->kind != PCI_BAR_MEM64) || !b->addr || !b->size)
			continue;
		uint64_t in_page = b->addr & (PAGE - 1);
		struct sw_bar *s = &c->bar[c->nbar];
		*s = (struct sw_bar){ .index = b->index, .phys = b->addr, .len = b->size,
				      .pages = (uint32_t)((in_page + b->size + PAGE - 1) / PAGE) };
		enum status st = kh_devmem_publish(env->devmem, b->addr - in_page, s->pages, 0,
						   &s->master);
		if (st)
			return st;
		s->master++;
		c->nbar++;
		c->frames += s->pages;
	}
	return STATUS_OK;
}

/* Decode and bus mastering on (DMA into the driver's frame), then the
 * configuration space as the driver will see it. */
static void snapshot(const struct sw_pci_env *env, const struct pci_device *d, uint8_t *cfg)
{
	const struct pci_access *a = env->cfg;
	uint32_t cmd = a->read32(a->ctx, d->bus, d->dev, d->fn, 4) & 0xffffu;

	a->write32(a->ctx, d->bus, d->dev, d->fn, 4, cmd | PCI_COMMAND_MEM | PCI_CMD_MASTER);
	for (uint16_t off = 0; off < KH_DRV_CONFIG_BYTES; off += 4) {
		uint32_t v = a->read32(a->ctx, d->bus, d->dev, d->fn, off);
		for (unsigned i = 0; i < 4; i++)
			cfg[off + i] = (uint8_t)(v >> (8 * i));
	}
}

/* The driver with one frame of FrameAlloc (its DMA buffer) and nothing
 * else but the console and its endpoint. */
static enum status spawn(struct sw_client *c, const struct sw_pci_env *env,
			 const struct pci_device *d)
{
	char bdf[KH_DRV_BDF_BYTES];
	uint32_t one;
	enum status st = kh_cap_derive(env->framealloc, 0, 0,
				       KH_RIGHT_READ | KH_RIGHT_WRITE | KH_RIGHT_GRANT, &one);

	if (st)
		return st;
	bdf_of(d, bdf);
	st = kh_drv_spawn(&c->drv, env->proc, env->image, bdf, &one, 1);
	kh_cap_delete(one);
	return st;
}

static enum status hand_over(struct sw_client *c, const uint8_t *cfg)
{
	enum status st = STATUS_OK;

	for (uint32_t i = 0; !st && i < c->nbar; i++)
		st = kh_drv_grant(&c->drv, c->bar[i].index, c->bar[i].phys, c->bar[i].pages,
				  c->bar[i].len, c->bar[i].master - 1, KH_RIGHT_READ | KH_RIGHT_WRITE);
	if (!st)
		st = kh_drv_config(&c->drv, cfg);
	return st ? st : kh_drv_start(&c->drv);
}

/* A candidate that is not the store, or a store closed: the driver goes,
 * and the frames. */
static void give_back(struct sw_client *c)
{
	kh_drv_stop(&c->drv);
	for (uint32_t i = 0; i < c->nbar; i++)
		if (c->bar[i].master)
			kh_cap_delete(c->bar[i].master - 1);   /* rescinds */
	c->nbar = 0;
}

void sw_client_close(struct sw_client *c)
{
	if (c->open && kh_drv_alive(&c->drv))
		kh_drv_revoke(&c->drv);       /* it answers and ends */
	give_back(c);
	*c = (struct sw_client){ .open = false };
}

static enum status try_disk(struct sw_client *c, const struct sw_pci_env *env,
			    const struct pci_device *d)
{
	uint8_t cfg[KH_DRV_CONFIG_BYTES];
	enum status st;

	*c = (struct sw_client){ .open = false };
	st = publish_bars(c, env, d);
	if (!st) {
		snapshot(env, d, cfg);
		st = spawn(c, env, d);
	}
	if (!st)
		st = hand_over(c, cfg);
	if (env->tried)
		env->tried(env->ctx, c, st);
	if (st)
		give_back(c);
	c->open = !st;
	return st;
}

enum status sw_client_open_pci(struct sw_client *c, const struct sw_pci_env *env,
			       const struct pci_device *devs, uint32_t n)
{
	enum status why = STATUS_NOT_FOUND;

	for (uint32_t i = 0; i < n; i++) {
		if (!is_candidate(&devs[i]))
			continue;
		enum status st = try_disk(c, env, &devs[i]);
		if (!st)
			return STATUS_OK;
		if (why == STATUS_NOT_FOUND)
			why = st;
	}
	*c = (struct sw_client){ .open = false };
	return why;
}
