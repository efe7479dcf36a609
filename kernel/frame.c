/*
 * frame.c - RAM frame records and the user frame free list.
 *
 * Without an MMU (HAL_HAS_MMU 0) a FrameAlloc frame is used at its own
 * physical address, so the free frames at the frame window's addresses
 * (HAL_FRAME_VA_BASE..TOP) are handed out only by address
 * (frame_alloc_user_at, FRAME_MAP): they stay off the free list, so a
 * RESERVE or any other taker of "a free frame" never holds the one a
 * program is about to map.  With an MMU the window is virtual and every
 * free frame is on the list.
 */
#include "hal/arch.h"
#include "frame.h"
#include "heap.h"
#include "klib.h"
#include "log.h"
#include "structpage.h"

#define FRAME_NONE 0xffffffffu

struct frame_region {
	uint64_t base_pfn;
	uint64_t count;
	uint64_t first;          /* index of its first record */
};

static struct {
	struct frame_region region[BOOTINFO_MMAP_MAX];
	uint32_t regions;
	struct StructPageRam *rec;
	uint64_t records;
	uint32_t free_head;
	uint64_t listed;         /* free frames on the list (<= free_frames) */
	struct frame_stats stats;
} fr;

/* Whole frames of a usable entry: [*first, *first + count). */
static uint64_t usable_frames(const struct bootinfo_mem *m, uint64_t *first)
{
	uint64_t end = m->base + m->length;

	if (m->type != BOOTINFO_MEM_USABLE || end < m->base)
		return 0;
	*first = (m->base + HAL_PAGE_BYTES - 1) / HAL_PAGE_BYTES;
	uint64_t last = end / HAL_PAGE_BYTES;
	return last > *first ? last - *first : 0;
}

uint64_t frame_count_usable(const struct bootinfo_mem *mmap, uint32_t count,
			    uint64_t *phys_top)
{
	uint64_t total = 0, top = 0, first;

	for (uint32_t i = 0; i < count; i++) {
		uint64_t n = usable_frames(&mmap[i], &first);
		total += n;
		if (n && (first + n) * HAL_PAGE_BYTES > top)
			top = (first + n) * HAL_PAGE_BYTES;
	}
	*phys_top = top;
	return total;
}

static bool frame_is_busy(uint64_t pa, const struct heap_range *busy, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (pa < busy[i].end && pa + HAL_PAGE_BYTES > busy[i].base)
			return true;
	return false;
}

static enum structpage_type classify(uint64_t pa, const struct heap_range *busy, uint32_t n)
{
	uint64_t heap_base = heap_phys_base();

	if (pa >= heap_base && pa < heap_base + heap_bytes())
		return STRUCTPAGE_KHEAP;
	return frame_is_busy(pa, busy, n) ? STRUCTPAGE_RESERVED : STRUCTPAGE_RAMFREE;
}

/* A frame FrameAlloc maps at its own address (no MMU): kept off the list. */
static bool by_address_only(uint64_t pa)
{
	return !HAL_HAS_MMU && pa >= HAL_FRAME_VA_BASE && pa < HAL_FRAME_VA_TOP;
}

/* Record r becomes a free frame: on the list unless it is a window frame. */
static void make_free(struct StructPageRam *r)
{
	r->type = STRUCTPAGE_RAMFREE;
	r->age_link = FRAME_NONE;
	if (!by_address_only(r->pfn * HAL_PAGE_BYTES)) {
		r->age_link = fr.free_head;
		fr.free_head = (uint32_t)(r - fr.rec);
		fr.listed++;
	}
	fr.stats.free_frames++;
}

static void record_init(uint64_t index, uint64_t pfn, enum structpage_type type)
{
	struct StructPageRam *r = &fr.rec[index];

	r->pfn = pfn;
	r->type = (uint8_t)type;
	r->age_link = FRAME_NONE;
	if (type == STRUCTPAGE_RAMFREE) {
		make_free(r);
	} else if (type == STRUCTPAGE_KHEAP) {
		fr.stats.heap_frames++;
	}
}

static void region_init(const struct bootinfo_mem *m,
			const struct heap_range *busy, uint32_t busy_count)
{
	uint64_t first, n = usable_frames(m, &first);

	if (!n)
		return;
	struct frame_region *r = &fr.region[fr.regions++];
	r->base_pfn = first;
	r->count = n;
	r->first = fr.records;
	for (uint64_t i = 0; i < n; i++) {
		uint64_t pa = (first + i) * HAL_PAGE_BYTES;
		record_init(fr.records + i, first + i, classify(pa, busy, busy_count));
	}
	fr.records += n;
}

void frame_init(const struct bootinfo_mem *mmap, uint32_t count,
		const struct heap_range *busy, uint32_t busy_count)
{
	uint64_t top, total = frame_count_usable(mmap, count, &top);

	KASSERT(total < FRAME_NONE);
	fr.rec = heap_alloc(HEAP_PART_RAM_RECORDS, total * sizeof(struct StructPageRam), 8);
	fr.free_head = FRAME_NONE;
	for (uint32_t i = 0; i < count && i < BOOTINFO_MMAP_MAX; i++)
		region_init(&mmap[i], busy, busy_count);
	fr.stats.ram_frames = fr.records;
}

/* Record of frame pa, or NULL if pa is not usable RAM. */
static struct StructPageRam *frame_record(uint64_t pa)
{
	uint64_t pfn = pa / HAL_PAGE_BYTES;

	for (uint32_t i = 0; i < fr.regions; i++) {
		const struct frame_region *r = &fr.region[i];
		if (pfn >= r->base_pfn && pfn - r->base_pfn < r->count)
			return &fr.rec[r->first + (pfn - r->base_pfn)];
	}
	return NULL;
}

enum status frame_alloc_user(uint64_t *pa)
{
	if (fr.free_head == FRAME_NONE)
		return STATUS_NO_MEMORY;
	struct StructPageRam *r = &fr.rec[fr.free_head];
	fr.free_head = r->age_link;
	fr.listed--;
	r->age_link = FRAME_NONE;
	r->type = STRUCTPAGE_PAGE;
	fr.stats.free_frames--;
	fr.stats.user_frames++;
	*pa = r->pfn * HAL_PAGE_BYTES;
	memset(hal_phys_to_virt(*pa), 0, HAL_PAGE_BYTES);
	return STATUS_OK;
}

/* Takes free frame r off the free list.  The list is singly linked, so
 * this walks it: only a kernel without an MMU comes here, and only while
 * loading a program (its pages must be the ones at its link address). */
static void unlink_free(struct StructPageRam *r)
{
	uint32_t index = (uint32_t)(r - fr.rec);
	uint32_t *link = &fr.free_head;

	while (*link != index) {
		KASSERT(*link != FRAME_NONE);
		link = &fr.rec[*link].age_link;
	}
	*link = r->age_link;
	fr.listed--;
}

/* The free frame at `want`: a program's page at its link address (exec),
 * or a frame window page (FRAME_MAP, no MMU), which is on no list. */
enum status frame_alloc_user_at(uint64_t want, uint64_t *pa)
{
	struct StructPageRam *r = frame_record(want);

	if (!r || want % HAL_PAGE_BYTES)
		return STATUS_OUT_OF_RANGE;
	if (r->type != STRUCTPAGE_RAMFREE)
		return STATUS_BUSY;
	if (!by_address_only(want))
		unlink_free(r);
	r->age_link = FRAME_NONE;
	r->type = STRUCTPAGE_PAGE;
	fr.stats.free_frames--;
	fr.stats.user_frames++;
	*pa = want;
	memset(hal_phys_to_virt(want), 0, HAL_PAGE_BYTES);
	return STATUS_OK;
}

enum status frame_free_user(uint64_t pa)
{
	struct StructPageRam *r = frame_record(pa);

	if (!r)
		return STATUS_NOT_FOUND;
	if (r->type != STRUCTPAGE_PAGE)
		return STATUS_WRONG_TYPE;
	r->alloc_count++;
	make_free(r);
	fr.stats.user_frames--;
	return STATUS_OK;
}

enum status frame_reserve(uint64_t count, uint32_t *head)
{
	if (count > fr.listed)
		return STATUS_NO_MEMORY;
	for (uint64_t i = 0; i < count; i++) {
		uint32_t at = fr.free_head;
		struct StructPageRam *r = &fr.rec[at];
		fr.free_head = r->age_link;
		r->type = STRUCTPAGE_PAGE;
		r->age_link = *head;
		*head = at;
	}
	fr.listed -= count;
	fr.stats.free_frames -= count;
	fr.stats.user_frames += count;
	return STATUS_OK;
}

void frame_unreserve(uint64_t count, uint32_t *head)
{
	for (uint64_t i = 0; i < count; i++) {
		KASSERT(*head != FRAME_NONE);
		struct StructPageRam *r = &fr.rec[*head];
		*head = r->age_link;      /* before frame_free_user reuses the link */
		enum status st = frame_free_user(r->pfn * HAL_PAGE_BYTES);
		KASSERT(!st);
	}
}

void frame_give_heap_back(uint64_t pa, uint64_t count)
{
	for (uint64_t i = 0; i < count; i++) {
		struct StructPageRam *r = frame_record(pa + i * HAL_PAGE_BYTES);
		KASSERT(r && r->type == STRUCTPAGE_KHEAP);
		make_free(r);
		fr.stats.heap_frames--;
	}
}

uint64_t frame_by_address_free(void)
{
	return fr.stats.free_frames - fr.listed;
}

void frame_get_stats(struct frame_stats *out)
{
	*out = fr.stats;
}
