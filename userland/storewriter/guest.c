/*
 * guest.c - the virtio-blk platform of the store writer in the guest:
 * config space through the IOPort capability (0xCF8/0xCFC), BARs through
 * DevMem, one DMA frame from FrameAlloc (see guest.h).
 */
#include "guest.h"
#include "kh_objects.h"

#define CFG_ADDR        0xcf8u
#define CFG_DATA        0xcfcu
#define VIRTIO_VENDOR   0x1af4u
#define VIRTIO_BLK_OLD  0x1001u   /* transitional (QEMU on pcie.0) */
#define VIRTIO_BLK_NEW  0x1042u   /* modern only */
#define PCI_CMD_MEM     0x2u
#define PCI_CMD_MASTER  0x4u
#define PAGE            4096u
#define DMA_VA_DEFAULT  KH_FRAME_VA_BASE
#define BAR_VA_DEFAULT  0x40000000ull    /* 1 GiB, 2 MiB aligned */

/* ---- accessors -------------------------------------------------------- */

static uint32_t cfg_address(uint8_t bus, uint8_t dev, uint8_t fn, uint16_t off)
{
	return 0x80000000u | (uint32_t)bus << 16 | (uint32_t)dev << 11 |
	       (uint32_t)fn << 8 | (off & 0xfcu);
}

static uint32_t cfg_read32(void *ctx, uint8_t bus, uint8_t dev, uint8_t fn, uint16_t off)
{
	uint32_t slot = *(uint32_t *)ctx, v = 0xffffffffu;

	if (kh_io_out(slot, CFG_ADDR, 4, cfg_address(bus, dev, fn, off)) == STATUS_OK)
		kh_io_in(slot, CFG_DATA, 4, &v);
	return v;
}

static void cfg_write32(void *ctx, uint8_t bus, uint8_t dev, uint8_t fn, uint16_t off,
			uint32_t value)
{
	uint32_t slot = *(uint32_t *)ctx;

	if (kh_io_out(slot, CFG_ADDR, 4, cfg_address(bus, dev, fn, off)) == STATUS_OK)
		kh_io_out(slot, CFG_DATA, 4, value);
}

static uint32_t mmio_read(void *ctx, uintptr_t va, unsigned width)
{
	(void)ctx;
	if (width == 1)
		return *(volatile uint8_t *)va;
	if (width == 2)
		return *(volatile uint16_t *)va;
	return *(volatile uint32_t *)va;
}

static void mmio_write(void *ctx, uintptr_t va, unsigned width, uint32_t v)
{
	(void)ctx;
	if (width == 1)
		*(volatile uint8_t *)va = (uint8_t)v;
	else if (width == 2)
		*(volatile uint16_t *)va = (uint16_t)v;
	else
		*(volatile uint32_t *)va = v;
}

static void barrier(void *ctx)
{
	(void)ctx;
	__asm__ volatile("mfence" ::: "memory");
}

static uint64_t now_ms(void *ctx)
{
	(void)ctx;
	return kh_clock_ms();
}

/* ---- BARs ------------------------------------------------------------- */

struct bar_probe {
	uint64_t phys, len;
	bool wide;               /* 64-bit: the next BAR is its upper half */
};

/* Sizes memory BAR i with decode off (the caller restores the command).
 * NOT_SUPPORTED for I/O or unassigned BARs, which the disk does not need. */
static enum status probe_bar(const struct pci_access *c, uint8_t b, uint8_t d, uint8_t f,
			     unsigned i, struct bar_probe *out)
{
	uint16_t off = (uint16_t)(0x10 + 4 * i);
	uint32_t lo = c->read32(c->ctx, b, d, f, off), hi = 0, mlo, mhi = 0xffffffffu;

	out->wide = (lo & 0x7u) == 0x4u;
	if ((lo & 1u) || (out->wide && i == 5))
		return STATUS_NOT_SUPPORTED;
	c->write32(c->ctx, b, d, f, off, 0xffffffffu);
	mlo = c->read32(c->ctx, b, d, f, off);
	c->write32(c->ctx, b, d, f, off, lo);
	if (out->wide) {
		hi = c->read32(c->ctx, b, d, f, off + 4);
		c->write32(c->ctx, b, d, f, off + 4, 0xffffffffu);
		mhi = c->read32(c->ctx, b, d, f, off + 4);
		c->write32(c->ctx, b, d, f, off + 4, hi);
	}
	out->phys = ((uint64_t)hi << 32 | lo) & ~0xfull;
	out->len = ~(((uint64_t)mhi << 32 | mlo) & ~0xfull) + 1;
	if (out->phys == 0 || (mlo & ~0xfu) == 0)
		return STATUS_NOT_SUPPORTED;
	return STATUS_OK;
}

static enum status map_bar(struct sw_store *s, unsigned i, const struct bar_probe *p)
{
	uint64_t in_page = p->phys & (PAGE - 1);
	uint64_t pages = (in_page + p->len + PAGE - 1) / PAGE;
	uint64_t va = s->env.bar_va_base + (uint64_t)i * SW_BAR_WINDOW;
	uintptr_t given = s->env.map_bar ? s->env.map_bar(s->env.map_ctx, p->phys, p->len) : 0;
	enum status st;

	if (given) {
		s->mapped[i] = 2;
		s->pf.bar_va[i] = given;
	} else {
		if (pages * PAGE > SW_BAR_WINDOW)
			return STATUS_OUT_OF_RANGE;
		st = kh_devmem_map(s->env.devmem_slot, p->phys - in_page, pages, va, 0, NULL);
		if (st)
			return st;
		s->mapped[i] = 1;
		s->pf.bar_va[i] = (uintptr_t)(va + in_page);
	}
	s->pf.bar_len[i] = p->len;
	return STATUS_OK;
}

static void unmap_bars(struct sw_store *s)
{
	unsigned i;

	for (i = 0; i < 6; i++) {
		if (s->mapped[i] == 1)
			kh_devmem_unmap(s->env.devmem_slot,
					s->env.bar_va_base + (uint64_t)i * SW_BAR_WINDOW);
		if (s->mapped[i] == 2 && s->env.unmap_bar)
			s->env.unmap_bar(s->env.map_ctx, s->pf.bar_va[i], s->pf.bar_len[i]);
		s->mapped[i] = 0;
		s->pf.bar_va[i] = 0;
		s->pf.bar_len[i] = 0;
	}
}

/* Maps every memory BAR of the function, then turns on memory decode and
 * bus mastering (DMA into our frame). */
static enum status map_function(struct sw_store *s)
{
	const struct pci_access *c = &s->cfg;
	uint8_t b = s->pf.bus, d = s->pf.dev, f = s->pf.fn;
	uint32_t cmd = c->read32(c->ctx, b, d, f, 4) & 0xffffu;
	struct bar_probe p;
	enum status st = STATUS_OK;
	unsigned i;

	c->write32(c->ctx, b, d, f, 4, cmd & ~PCI_CMD_MEM);
	for (i = 0; i < 6 && !st; i += p.wide ? 2 : 1) {
		if (probe_bar(c, b, d, f, i, &p) == STATUS_OK)
			st = map_bar(s, i, &p);
	}
	c->write32(c->ctx, b, d, f, 4, cmd | PCI_CMD_MEM | PCI_CMD_MASTER);
	if (st)
		unmap_bars(s);
	return st;
}

/* ---- finding the store -------------------------------------------------- */

static bool is_virtio_blk(uint32_t id)
{
	uint16_t vendor = (uint16_t)id, device = (uint16_t)(id >> 16);

	return vendor == VIRTIO_VENDOR &&
	       (device == VIRTIO_BLK_OLD || device == VIRTIO_BLK_NEW);
}

static bool serial_matches(const uint8_t id[VBLK_ID_BYTES])
{
	const char *want = SW_STORE_SERIAL;
	unsigned i;

	for (i = 0; want[i]; i++)
		if (id[i] != (uint8_t)want[i])
			return false;
	return i == VBLK_ID_BYTES || id[i] == 0;
}

/* Maps and initialises one candidate; keeps it only if it is the store. */
static enum status try_disk(struct sw_store *s, uint8_t dev, uint8_t fn)
{
	uint8_t id[VBLK_ID_BYTES];
	enum status st;

	s->pf.bus = 0;
	s->pf.dev = dev;
	s->pf.fn = fn;
	st = map_function(s);
	if (!st)
		st = vblk_init(&s->blk, &s->pf);
	if (!st)
		st = vblk_get_id(&s->blk, id);
	if (!st && !serial_matches(id))
		st = STATUS_NOT_FOUND;
	if (!st && s->blk.capacity < STORE_SECTORS)
		st = STATUS_SHORT_BUFFER;
	if (st)
		unmap_bars(s);
	return st;
}

/* NOT_FOUND only when no disk carries the serial and none failed for
 * another reason: a disk that could not be mapped or initialised (the
 * pool empty, say) is the real cause, and its status is the answer. */
static enum status find_store(struct sw_store *s)
{
	const struct pci_access *c = &s->cfg;
	enum status why = STATUS_NOT_FOUND, st;
	uint8_t dev, fn, nfn;

	for (dev = 0; dev < 32; dev++) {
		nfn = (c->read32(c->ctx, 0, dev, 0, 0xc) & 0x800000u) ? 8 : 1;
		for (fn = 0; fn < nfn; fn++) {
			if (!is_virtio_blk(c->read32(c->ctx, 0, dev, fn, 0)))
				continue;
			if ((st = try_disk(s, dev, fn)) == STATUS_OK)
				return STATUS_OK;
			if (why == STATUS_NOT_FOUND)
				why = st;
		}
	}
	return why;
}

/* ---- API ---------------------------------------------------------------- */

enum status sw_env_default(struct sw_env *env)
{
	enum status st;

	if (!env)
		return STATUS_INVALID_ARGUMENT;
	*env = (struct sw_env){ .bar_va_base = BAR_VA_DEFAULT, .dma_va = DMA_VA_DEFAULT };
	st = kh_cap_find(KH_CAP_IOPORT, 0, &env->io_slot);
	if (!st)
		st = kh_cap_find(KH_CAP_DEVMEM, 0, &env->devmem_slot);
	if (!st)
		st = kh_cap_find(KH_CAP_FRAMEALLOC, 0, &env->frame_slot);
	return st;
}

static void setup_platform(struct sw_store *s, uint64_t dma_phys)
{
	s->cfg = (struct pci_access){ .ctx = &s->env.io_slot, .read32 = cfg_read32,
				      .write32 = cfg_write32 };
	s->pf = (struct vio_platform){ .ctx = s, .cfg = &s->cfg, .mmio_read = mmio_read,
				       .mmio_write = mmio_write, .barrier = barrier, .now_ms = now_ms,
				       .dma = (uint8_t *)(uintptr_t)s->env.dma_va,
				       .dma_phys = dma_phys, .dma_len = VBLK_DMA_BYTES };
}

enum status sw_open(struct sw_store *s, const struct sw_env *env)
{
	uint64_t phys;
	enum status st;

	if (!s || !env || (env->bar_va_base & (SW_BAR_WINDOW - 1)) || (env->dma_va & (PAGE - 1)))
		return STATUS_INVALID_ARGUMENT;
	*s = (struct sw_store){ .env = *env };
	st = kh_frame_map(env->frame_slot, env->dma_va, &phys);
	if (st)
		return st;
	s->have_dma = true;
	setup_platform(s, phys);
	st = find_store(s);
	if (st) {
		kh_frame_free(env->frame_slot, env->dma_va);
		s->have_dma = false;
	}
	return st;
}

enum status sw_read_store(struct sw_store *s, uint8_t *image)
{
	enum status st = STATUS_OK;
	unsigned i;

	if (!s || !image || !s->have_dma)
		return STATUS_INVALID_ARGUMENT;
	for (i = 0; i < STORE_SECTORS && !st; i++)
		st = vblk_read(&s->blk, i, image + i * VBLK_SECTOR_BYTES);
	return st;
}

enum status sw_write(struct sw_store *s, struct bootcfg *next,
		     struct bootcfg_log_record *rec, struct store_scratch *scratch,
		     enum bootcfg_slot *slot_out)
{
	struct blkdev dev;

	if (!s || !s->have_dma)
		return STATUS_INVALID_ARGUMENT;
	blkdev_vblk(&dev, &s->blk);
	return store_write(&dev, next, rec, scratch, slot_out);
}
