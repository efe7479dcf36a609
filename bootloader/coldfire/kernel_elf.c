/*
 * kernel_elf.c - the kernel: a 32-bit big-endian ELF for EM_68K, checked
 * by the shared checker (lib/include/elf.h), then every PT_LOAD inside
 * SDRAM below the loader's scratch, none overlapping another.
 * kernel_check() validates everything; kernel_load() only copies what was
 * validated.
 */
#include "elf.h"
#include "loader.h"

#define PAGE 4096u

/* No rule on virtual addresses in the checker (user_top 0): the physical
 * ones are checked below, and the kernel is entered at a physical address. */
static const struct elf_limits coldfire_elf = {
	.machine = ELF_MACHINE_68K,
	.elf32 = true,
	.order = ELF_ORDER_MSB,
	.physical = true,
	.max_phdrs = 16,
};

/* The kernel's status for each failed check of the shared checker, but
 * for the few this loader has always named its own way. */
static enum status loader_status(enum elf_fault fault)
{
	switch (fault) {
	case ELF_FAULT_SHORT:
	case ELF_FAULT_MAGIC:
		return STATUS_BAD_MAGIC;
	case ELF_FAULT_IDENT:
		return STATUS_NOT_SUPPORTED;   /* not big-endian version 1 */
	case ELF_FAULT_NO_LOAD:
		return STATUS_OUT_OF_RANGE;    /* no segment holds the entry */
	default:
		return elf_fault_status(fault);
	}
}

/* Inside SDRAM, below the scratch area the loader and boot-info use. */
static bool segment_fits(const struct elf_segment *s)
{
	return s->paddr >= CF_SDRAM_BASE && s->paddr < CF_SCRATCH_BASE &&
	       s->memsz <= CF_SCRATCH_BASE - s->paddr;
}

static bool overlaps(const struct elf_segment *a, const struct elf_segment *b)
{
	return a->paddr < b->paddr + b->memsz && b->paddr < a->paddr + a->memsz;
}

/* Segment i against every earlier one. */
static bool overlaps_earlier(const struct elf_image *im, uint32_t i)
{
	for (uint32_t j = 0; j < i; j++)
		if (overlaps(&im->segment[i], &im->segment[j]))
			return true;
	return false;
}

/* The placement rule, for the checker; *ctx gets the refusal's status. */
static bool place_segment(const struct elf_image *im, uint32_t i, void *ctx)
{
	enum status *st = ctx;

	*st = !segment_fits(&im->segment[i]) ? STATUS_OUT_OF_RANGE
	      : overlaps_earlier(im, i)       ? STATUS_OVERLAP
					      : STATUS_OK;
	return !*st;
}

enum status kernel_check(const struct cf_file *k, struct elf_image *im, uint32_t *lo,
			 uint32_t *hi)
{
	uint32_t low = 0xffffffffu, high = 0;
	enum status placed = STATUS_OK;
	const struct elf_place place = { place_segment, &placed };
	enum elf_fault fault = elf_check_segments(k->data, k->size, &coldfire_elf, &place, im);
	enum status st = fault == ELF_FAULT_PLACE ? placed : loader_status(fault);

	if (st || (st = loader_status(elf_check_entry(im, &coldfire_elf))))
		return st;
	for (uint32_t i = 0; i < im->segment_count; i++) {
		const struct elf_segment *s = &im->segment[i];
		low = s->paddr < low ? (uint32_t)s->paddr : low;
		high = s->paddr + s->memsz > high ? (uint32_t)(s->paddr + s->memsz) : high;
	}
	*lo = low & ~(PAGE - 1);
	*hi = (high + PAGE - 1) & ~(PAGE - 1);
	return STATUS_OK;
}

void kernel_load(const struct cf_file *k, const struct elf_image *im)
{
	for (uint32_t i = 0; i < im->segment_count; i++) {
		const struct elf_segment *s = &im->segment[i];
		uint8_t *dst = (uint8_t *)(uintptr_t)s->paddr;
		memcpy(dst, k->data + s->offset, s->filesz);
		memset(dst + s->filesz, 0, s->memsz - s->filesz);
	}
}
