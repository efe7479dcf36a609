/*
 * kernel_elf.c - the kernel: a 32-bit big-endian ELF for EM_68K, every
 * PT_LOAD inside SDRAM below the loader's scratch, none overlapping
 * another.  kernel_check() validates everything; kernel_load() only
 * copies what was validated.
 */
#include "loader.h"

#define EHDR_BYTES  52u
#define PHDR_BYTES  32u
#define PHNUM_MAX   16u
#define PT_LOAD     1u
#define PF_X        1u
#define EM_68K      4u
#define PAGE        4096u

struct segment {
	uint32_t offset, paddr, filesz, memsz, flags;
};

/* Program header i into *s; true for a PT_LOAD that occupies memory
 * (the only kind checked and copied). */
static bool load_segment(const struct cf_file *k, uint32_t i, struct segment *s)
{
	const uint8_t *ph = k->data + be32(k->data + 28) + i * PHDR_BYTES;

	s->offset = be32(ph + 4);
	s->paddr = be32(ph + 12);
	s->filesz = be32(ph + 16);
	s->memsz = be32(ph + 20);
	s->flags = be32(ph + 24);
	return be32(ph) == PT_LOAD && s->memsz;
}

static enum status check_header(const struct cf_file *k)
{
	const uint8_t *h = k->data;
	uint32_t phoff, phnum;

	if (k->size < EHDR_BYTES || memcmp(h, "\177ELF", 4))
		return STATUS_BAD_MAGIC;
	if (h[4] != 1 || h[5] != 2 || h[6] != 1)
		return STATUS_NOT_SUPPORTED;   /* not ELF32, big-endian, version 1 */
	if (be16(h + 16) != 2 || be16(h + 18) != EM_68K)
		return STATUS_NOT_SUPPORTED;
	phoff = be32(h + 28);
	phnum = be16(h + 44);
	if (be16(h + 42) != PHDR_BYTES || phnum == 0 || phnum > PHNUM_MAX)
		return STATUS_BAD_IMAGE;
	if (phoff > k->size || phnum * PHDR_BYTES > k->size - phoff)
		return STATUS_BAD_IMAGE;
	return STATUS_OK;
}

static enum status check_segment(const struct cf_file *k, const struct segment *s)
{
	if (s->filesz > s->memsz || s->offset > k->size || s->filesz > k->size - s->offset)
		return STATUS_BAD_IMAGE;
	if (s->paddr < CF_SDRAM_BASE || s->paddr >= CF_SCRATCH_BASE ||
	    s->memsz > CF_SCRATCH_BASE - s->paddr)
		return STATUS_OUT_OF_RANGE;
	return STATUS_OK;
}

static bool overlaps(const struct segment *a, const struct segment *b)
{
	return a->paddr < b->paddr + b->memsz && b->paddr < a->paddr + a->memsz;
}

/* Segment i against every earlier one. */
static enum status check_overlap(const struct cf_file *k, uint32_t i, const struct segment *s)
{
	for (uint32_t j = 0; j < i; j++) {
		struct segment o;
		if (load_segment(k, j, &o) && overlaps(s, &o))
			return STATUS_OVERLAP;
	}
	return STATUS_OK;
}

enum status kernel_check(const struct cf_file *k, uint32_t *lo, uint32_t *hi)
{
	uint32_t phnum, entry, low = 0xffffffffu, high = 0;
	bool entry_ok = false;
	enum status st = check_header(k);

	if (st)
		return st;
	phnum = be16(k->data + 44);
	entry = be32(k->data + 24);
	for (uint32_t i = 0; i < phnum; i++) {
		struct segment s;
		if (!load_segment(k, i, &s))
			continue;
		if ((st = check_segment(k, &s)) || (st = check_overlap(k, i, &s)))
			return st;
		if ((s.flags & PF_X) && entry >= s.paddr && entry - s.paddr < s.memsz)
			entry_ok = true;
		low = s.paddr < low ? s.paddr : low;
		high = s.paddr + s.memsz > high ? s.paddr + s.memsz : high;
	}
	if (!entry_ok)
		return STATUS_OUT_OF_RANGE;
	*lo = low & ~(PAGE - 1);
	*hi = (high + PAGE - 1) & ~(PAGE - 1);
	return STATUS_OK;
}

void kernel_load(const struct cf_file *k, uint32_t *entry)
{
	uint32_t phnum = be16(k->data + 44);

	for (uint32_t i = 0; i < phnum; i++) {
		struct segment s;
		if (!load_segment(k, i, &s))
			continue;
		uint8_t *dst = (uint8_t *)s.paddr;
		memcpy(dst, k->data + s.offset, s.filesz);
		memset(dst + s.filesz, 0, s.memsz - s.filesz);
	}
	*entry = be32(k->data + 24);
}
