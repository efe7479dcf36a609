/*
 * sw_drv_x86_64.c - the store on x86_64 (sw_drv.h): a virtio-blk disk
 * driven over exactly what devdisc granted.  Its BARs come as DevMem
 * capabilities naming each BAR's frames (mapped uncached: they are
 * registers), its configuration space as the snapshot devdisc read (the
 * virtio structures are located through the capability list there, which
 * does not change while the device is ours), one DMA frame from the
 * FrameAlloc devdisc narrowed to one frame.
 */
#include "sw_drv.h"
#include "store_write.h"
#include "virtio.h"
#include "kh_objects.h"
#include "kh_drv.h"

#define PAGE         4096u
#define BAR_VA_BASE  0x40000000ull    /* 1 GiB; one window per BAR */
#define BAR_WINDOW   0x200000ull      /* 2 MiB: a bigger BAR stays unmapped */
#define BARS         6u

static struct {
	uint32_t cap;                     /* KH_NO_SLOT + 1 = none: 0 */
	uint64_t addr, len;
	uint32_t pages;
} bar[BARS];
static uint8_t config[KH_DRV_CONFIG_BYTES];
static unsigned config_parts;
static char bdf[KH_DRV_BDF_BYTES] = "?";
static struct pci_access cfg;
static struct vio_platform pf;
static struct vblk blk;
static struct blkdev dev;

/* ---- what devdisc sends ---------------------------------------------- */

enum status sw_drv_grant(const struct kh_msg *m)
{
	uint64_t index = m->word[0];

	if (index >= BARS || m->cap == KH_NO_SLOT || bar[index].cap)
		return STATUS_INVALID_ARGUMENT;
	for (unsigned i = 0; i < KH_DRV_BDF_BYTES - 1; i++)
		bdf[i] = (char)m->buf[i];
	bdf[KH_DRV_BDF_BYTES - 1] = 0;
	bar[index].cap = m->cap + 1;
	bar[index].addr = m->word[1];
	bar[index].pages = (uint32_t)m->word[2];
	bar[index].len = m->word[3];
	return STATUS_OK;
}

enum status sw_drv_config(const struct kh_msg *m)
{
	uint64_t off = m->word[0];

	if ((off != 0 && off != KH_DRV_CONFIG_PART) || m->len != KH_DRV_CONFIG_PART)
		return STATUS_INVALID_ARGUMENT;
	for (unsigned i = 0; i < KH_DRV_CONFIG_PART; i++)
		config[off + i] = m->buf[i];
	config_parts |= off ? 2u : 1u;
	return STATUS_OK;
}

const char *sw_drv_name(void)
{
	return bdf;
}

/* ---- the platform virtio.h runs on ----------------------------------- */

/* The snapshot, little-endian; any function number reads the one it is. */
static uint32_t snap_read32(void *ctx, uint8_t b, uint8_t d, uint8_t f, uint16_t off)
{
	(void)ctx, (void)b, (void)d, (void)f;
	off &= 0xfcu;
	return (uint32_t)config[off] | (uint32_t)config[off + 1] << 8 |
	       (uint32_t)config[off + 2] << 16 | (uint32_t)config[off + 3] << 24;
}

/* Configuration space is devdisc's: the driver writes none. */
static void snap_write32(void *ctx, uint8_t b, uint8_t d, uint8_t f, uint16_t off, uint32_t v)
{
	(void)ctx, (void)b, (void)d, (void)f, (void)off, (void)v;
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

/* Each granted BAR at its window, uncached; one too big for the window
 * stays unmapped (virtio finds its structures elsewhere or refuses). */
static enum status map_bars(void)
{
	for (unsigned i = 0; i < BARS; i++) {
		uint64_t va = BAR_VA_BASE + i * BAR_WINDOW, in_page = bar[i].addr & (PAGE - 1);
		if (!bar[i].cap || (uint64_t)bar[i].pages * PAGE > BAR_WINDOW)
			continue;
		enum status st = kh_devmem_map(bar[i].cap - 1, bar[i].addr - in_page, bar[i].pages,
					       va, 0, NULL);
		if (st)
			return st;
		pf.bar_va[i] = (uintptr_t)(va + in_page);
		pf.bar_len[i] = bar[i].len;
	}
	return STATUS_OK;
}

static enum status dma_frame(void)
{
	uint32_t fa;
	uint64_t phys;
	enum status st = kh_cap_find(KH_CAP_FRAMEALLOC, 0, &fa);

	if (!st)
		st = kh_frame_map(fa, KH_FRAME_VA_BASE, &phys);
	if (st)
		return st;
	pf.dma = (uint8_t *)(uintptr_t)KH_FRAME_VA_BASE;
	pf.dma_phys = phys;
	pf.dma_len = VBLK_DMA_BYTES;
	return STATUS_OK;
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

enum status sw_drv_open(const struct blkdev **out)
{
	uint8_t id[VBLK_ID_BYTES];
	enum status st;

	if (config_parts != 3u)
		return STATUS_INVALID_ARGUMENT;
	cfg = (struct pci_access){ .read32 = snap_read32, .write32 = snap_write32 };
	pf = (struct vio_platform){ .cfg = &cfg, .mmio_read = mmio_read, .mmio_write = mmio_write,
				    .barrier = barrier, .now_ms = now_ms };
	if ((st = map_bars()) || (st = dma_frame()) || (st = vblk_init(&blk, &pf)) ||
	    (st = vblk_get_id(&blk, id)))
		return st;
	if (!serial_matches(id))
		return STATUS_NOT_FOUND;
	if (blk.capacity < STORE_SECTORS)
		return STATUS_SHORT_BUFFER;
	blkdev_vblk(&dev, &blk);
	*out = &dev;
	return STATUS_OK;
}
