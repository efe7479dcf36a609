/*
 * kernel_elf.c - checks the staged kernel ELF with the shared checker
 * (lib/include/elf.h) and then against the boot contract (where each
 * segment goes in physical memory), then copies its PT_LOAD segments to
 * their physical addresses; checks each program's ELF header.
 *
 * Every check runs before the first byte is copied, so a bad kernel stops
 * the boot with a message and leaves memory as it was.
 */
#include "console.h"
#include "elf.h"
#include "loader.h"

#include "mem.h"

/* An x86_64 ELF64, little-endian; no rule on virtual addresses in the
 * checker (user_top 0): the contract's rules are checked below. */
static const struct elf_limits x86_64_elf = {
	.machine = ELF_MACHINE_X86_64,
	.order = ELF_ORDER_LSB,
	.max_phdrs = UINT16_MAX,   /* any number that fits in the file */
};

/* What the loader says for each failed check of the shared checker. */
static const struct problem elf_problems[ELF_FAULT_COUNT] = {
	[ELF_FAULT_SHORT] = { STATUS_BAD_IMAGE, "shorter than an ELF header", 0 },
	[ELF_FAULT_MAGIC] = { STATUS_BAD_MAGIC, "not an ELF file", 0 },
	[ELF_FAULT_IDENT] = { STATUS_BAD_IMAGE, "not ELF64 little-endian version 1", 0 },
	[ELF_FAULT_ORDER] = { STATUS_BAD_IMAGE, "not ELF64 little-endian version 1", 0 },
	[ELF_FAULT_CLASS] = { STATUS_BAD_IMAGE, "not ELF64 little-endian version 1", 0 },
	[ELF_FAULT_MACHINE] = { STATUS_WRONG_TYPE, "machine is not x86_64", 0 },
	[ELF_FAULT_TYPE] = { STATUS_WRONG_TYPE, "not an executable (ET_EXEC)", 0 },
	[ELF_FAULT_PHDRS] = { STATUS_BAD_IMAGE, "no usable program headers", 0 },
	[ELF_FAULT_PHDR_BOUNDS] = { STATUS_OUT_OF_RANGE, "program headers outside the file", 0 },
	[ELF_FAULT_TOO_MANY] = { STATUS_NOT_SUPPORTED, "too many PT_LOAD segments", 0 },
	[ELF_FAULT_SEG_SIZES] = { STATUS_BAD_IMAGE, "segment file size above memory size", 0 },
	[ELF_FAULT_SEG_BOUNDS] = { STATUS_OUT_OF_RANGE, "segment bytes outside the file", 0 },
	[ELF_FAULT_SEG_RANGE] = { STATUS_OUT_OF_RANGE, "segment wraps around", 0 },
	[ELF_FAULT_PLACE] = { STATUS_OUT_OF_RANGE, "segment placement refused", 0 },
	[ELF_FAULT_NO_LOAD] = { STATUS_BAD_IMAGE, "no PT_LOAD segment", 0 },
	[ELF_FAULT_ENTRY] = { STATUS_OUT_OF_RANGE, "entry point outside executable segments", 0 },
};

static struct problem elf_problem(enum elf_fault fault)
{
	return fault ? elf_problems[fault] : NO_PROBLEM;
}

/* Programs are parsed by the kernel; the loader checks only that each is
 * an x86_64 ELF64 whose program headers lie inside the file. */
struct problem program_check(const uint8_t *file, uint64_t size)
{
	return elf_problem(elf_check_header(file, size, &x86_64_elf));
}

static struct range segment_range(const struct elf_segment *s)
{
	return (struct range){ s->paddr, s->paddr + s->memsz };
}

/* One PT_LOAD: at its contract address, in free RAM. */
static struct problem segment_place(const struct loader *ld, const struct elf_segment *s)
{
	struct range dest = segment_range(s);

	if (dest.end < dest.start)
		return problem(STATUS_OUT_OF_RANGE, "segment wraps around");
	if (s->vaddr != BOOTINFO_KERNEL_VBASE + s->paddr)
		return problem(STATUS_BAD_IMAGE, "segment vaddr is not KERNEL_VBASE + paddr");
	if (dest.start < MIB)
		return problem(STATUS_OVERLAP, "segment below 1 MiB (loader memory)");
	if (ranges_overlap(dest, ld->staging))
		return problem(STATUS_OVERLAP, "segment overlaps the staged files and boot-info");
	if (!memmap_usable(ld, dest))
		return problem(STATUS_OUT_OF_RANGE, "segment not inside usable E820 RAM");
	return NO_PROBLEM;
}

/* PT_LOAD segments must not overlap one another either. */
static struct problem segments_disjoint(const struct elf_image *im)
{
	for (uint32_t i = 0; i < im->segment_count; i++)
		for (uint32_t j = i + 1; j < im->segment_count; j++)
			if (ranges_overlap(segment_range(&im->segment[i]),
					   segment_range(&im->segment[j])))
				return problem(STATUS_OVERLAP, "two segments overlap");
	return NO_PROBLEM;
}

/* The placement rule, for the checker: the first refusal is kept. */
struct placing {
	const struct loader *ld;
	struct problem p;
};

static bool place_segment(const struct elf_image *im, uint32_t i, void *ctx)
{
	struct placing *pl = ctx;

	pl->p = segment_place(pl->ld, &im->segment[i]);
	return !pl->p.status;
}

struct problem kernel_check(const struct loader *ld, const uint8_t *file,
			    uint64_t size, struct elf_image *im)
{
	struct placing pl = { ld, NO_PROBLEM };
	const struct elf_place place = { place_segment, &pl };
	enum elf_fault fault = elf_check_segments(file, size, &x86_64_elf, &place, im);
	struct problem p = fault == ELF_FAULT_PLACE ? pl.p : elf_problem(fault);

	if (!p.status)
		p = segments_disjoint(im);
	return p.status ? p : elf_problem(elf_check_entry(im, &x86_64_elf));
}

/* Copies the checked segments, zero-fills bss, records the image range. */
void kernel_load(struct loader *ld, const uint8_t *file, const struct elf_image *im)
{
	struct range image = { UINT64_MAX, 0 };

	for (uint32_t i = 0; i < im->segment_count; i++) {
		const struct elf_segment *s = &im->segment[i];
		uint8_t *dest = (uint8_t *)(uintptr_t)s->paddr;
		memcpy(dest, file + s->offset, s->filesz);
		memset(dest + s->filesz, 0, s->memsz - s->filesz);
		if (s->paddr < image.start)
			image.start = s->paddr;
		if (s->paddr + s->memsz > image.end)
			image.end = s->paddr + s->memsz;
	}
	ld->info->kernel_phys_start = image.start & ~0xfffull;
	ld->info->kernel_phys_end = (image.end + 0xfff) & ~0xfffull;
	console_printf("boot: kernel phys=[0x%lx,0x%lx) entry=0x%lx\n",
		       (unsigned long)ld->info->kernel_phys_start,
		       (unsigned long)ld->info->kernel_phys_end,
		       (unsigned long)im->entry);
}
