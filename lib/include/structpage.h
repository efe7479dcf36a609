/*
 * structpage.h - the per-frame record ("struct Page" in the 2007 thread).
 *
 * Two shapes, because the two kinds of frame need different things:
 *
 *  - A RAM frame is known at boot, can be aged, typed as any object and
 *    named by an OID that has nothing to do with where it lives.
 *  - A device frame is never free RAM, never aged or paged, and its OID is
 *    a function of its physical address (STRUCTPAGE_DEV_OID_BASE | pfn), so
 *    the record keeps only what the kernel must still know of it.
 *
 * Records of both kinds are carved from the heap fixed at boot; device
 * records live in the pool (pool.h) and are not contiguous with the frames
 * they describe, which is why each holds its frame number.
 *
 * Locking: `lock` is the record's lock word (0 = free, else holder id); the
 * pool's own fields are protected by the pool's lock (pool.h), not these.
 */
#ifndef STRUCTPAGE_H
#define STRUCTPAGE_H

#include <stdint.h>

#define STRUCTPAGE_FRAME_SHIFT  12u
#define STRUCTPAGE_FRAME_BYTES  (1u << STRUCTPAGE_FRAME_SHIFT)

/* Object types a frame record can hold.  Listed once. */
#define STRUCTPAGE_TYPE_LIST(X)     \
	X(FREE,     "free")         \
	X(DEVFRAME, "devframe")     \
	X(RAMFREE,  "ramfree")      \
	X(KHEAP,    "kheap")        \
	X(PAGE,     "page")         \
	X(PAGETABLE,"pagetable")    \
	X(RESERVED, "reserved")

enum structpage_type {
#define STRUCTPAGE_TYPE_ENUM(name, text) STRUCTPAGE_##name,
	STRUCTPAGE_TYPE_LIST(STRUCTPAGE_TYPE_ENUM)
#undef STRUCTPAGE_TYPE_ENUM
	STRUCTPAGE_TYPE_COUNT
};

/*
 * Device frame record: 16 bytes on every architecture.
 *
 * pfn_link packs two 64-bit-unfriendly things into one word:
 *   bits  0..39  frame number (40 bits of 4 KiB frames: 52-bit physical
 *                addresses, the x86_64 architectural limit);
 *   bits 40..63  a record index (24 bits, so a pool holds at most 16 M
 *                records): while free, the next free record; while in use,
 *                the next record of the same run (one BAR mapping), so a
 *                run is released by walking it, with no side table.
 * There is no OID field (derived from the pfn) and no object-table index
 * (device frames are never cached from disk, so never in the object table).
 */
struct StructPageDev {
	uint32_t lock;        /* lock word: 0 unlocked, else holder id */
	uint16_t alloc_count; /* bumped on every release: capabilities naming the
				 old count are rescinded */
	uint8_t  type;        /* enum structpage_type: FREE or DEVFRAME */
	uint8_t  flags;       /* STRUCTPAGE_F_* (cacheability, run head) */
	uint64_t pfn_link;    /* see above */
};

#define STRUCTPAGE_F_UNCACHED  0x01u  /* map uncached (MMIO registers) */
#define STRUCTPAGE_F_WC        0x02u  /* write-combining (prefetchable BAR) */
#define STRUCTPAGE_F_RUN_HEAD  0x04u  /* first record of a run */
#define STRUCTPAGE_F_PUBLISHED 0x08u  /* a published device's run: it outlives
					 its mappings until rescinded */

#define STRUCTPAGE_PFN_BITS    40u
#define STRUCTPAGE_PFN_MASK    ((1ull << STRUCTPAGE_PFN_BITS) - 1)
#define STRUCTPAGE_LINK_BITS   24u
#define STRUCTPAGE_LINK_NONE   ((1u << STRUCTPAGE_LINK_BITS) - 1)  /* end of list */
#define STRUCTPAGE_DEV_OID_BASE (1ull << 63)

static inline uint64_t structpage_dev_pfn(const struct StructPageDev *p)
{
	return p->pfn_link & STRUCTPAGE_PFN_MASK;
}

static inline uint32_t structpage_dev_link(const struct StructPageDev *p)
{
	return (uint32_t)(p->pfn_link >> STRUCTPAGE_PFN_BITS);
}

static inline void structpage_dev_set(struct StructPageDev *p, uint64_t pfn, uint32_t link)
{
	p->pfn_link = (pfn & STRUCTPAGE_PFN_MASK) | ((uint64_t)link << STRUCTPAGE_PFN_BITS);
}

/* A device frame's OID is a pure function of where it lives. */
static inline uint64_t structpage_dev_oid(const struct StructPageDev *p)
{
	return STRUCTPAGE_DEV_OID_BASE | structpage_dev_pfn(p);
}

/*
 * RAM frame record: 32 bytes.  Indexed by frame number within the RAM map
 * made at boot, but it still carries its pfn so that the type pun with the
 * object headers (which reach a record through a pointer, not an index)
 * can find the frame.
 */
struct StructPageRam {
	uint32_t lock;        /* lock word */
	uint16_t alloc_count; /* rescind count */
	uint8_t  type;        /* enum structpage_type */
	uint8_t  flags;
	uint64_t oid;         /* object id of what the frame holds */
	uint64_t pfn;         /* frame number */
	uint32_t ot_index;    /* object-table index (ageing, write-back) */
	uint32_t age_link;    /* next record in the ageing / free list */
};

_Static_assert(sizeof(struct StructPageDev) <= 16, "device StructPage must fit 16 bytes");
_Static_assert(sizeof(struct StructPageDev) == 16, "device StructPage layout changed");
_Static_assert(sizeof(struct StructPageRam) <= 32, "RAM StructPage must fit 32 bytes");
_Static_assert(sizeof(struct StructPageRam) == 32, "RAM StructPage layout changed");
_Static_assert(STRUCTPAGE_PFN_BITS + STRUCTPAGE_LINK_BITS == 64, "pfn_link must fill one word");

#endif
