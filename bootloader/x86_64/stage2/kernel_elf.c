/*
 * kernel_elf.c - checks the staged kernel ELF against the boot contract,
 * then copies its PT_LOAD segments to their physical addresses.
 *
 * Every check runs before the first byte is copied, so a bad kernel stops
 * the boot with a message and leaves memory as it was.
 */
#include "console.h"
#include "elf64.h"
#include "loader.h"

#include "mem.h"

static const struct elf64_phdr *phdr(const uint8_t *file, unsigned i)
{
	const struct elf64_ehdr *eh = (const struct elf64_ehdr *)file;

	return (const struct elf64_phdr *)(file + eh->phoff) + i;
}

/* Checks shared by the kernel and the programs: an x86_64 ELF64 whose
 * program headers lie inside the file. */
struct problem elf_check_header(const uint8_t *file, uint64_t size)
{
	const struct elf64_ehdr *eh = (const struct elf64_ehdr *)file;

	if (size < sizeof(*eh))
		return problem(STATUS_BAD_IMAGE, "shorter than an ELF header");
	if (eh->ident[0] != 0x7f || eh->ident[1] != 'E' ||
	    eh->ident[2] != 'L' || eh->ident[3] != 'F')
		return problem(STATUS_BAD_MAGIC, "not an ELF file");
	if (eh->ident[4] != ELF_CLASS64 || eh->ident[5] != ELF_DATA_LSB ||
	    eh->ident[6] != ELF_VERSION)
		return problem(STATUS_BAD_IMAGE, "not ELF64 little-endian version 1");
	if (eh->machine != ELF_MACHINE_X86_64)
		return problem(STATUS_WRONG_TYPE, "machine is not x86_64");
	if (eh->phentsize != sizeof(struct elf64_phdr) || eh->phnum == 0)
		return problem(STATUS_BAD_IMAGE, "no usable program headers");
	if (eh->phoff > size ||
	    (size - eh->phoff) / sizeof(struct elf64_phdr) < eh->phnum)
		return problem(STATUS_OUT_OF_RANGE, "program headers outside the file");
	return NO_PROBLEM;
}

static struct range segment_range(const struct elf64_phdr *ph)
{
	return (struct range){ ph->paddr, ph->paddr + ph->memsz };
}

/* One PT_LOAD: inside the file, at its contract address, in free RAM. */
static struct problem segment_check(const struct loader *ld,
				    const struct elf64_phdr *ph, uint64_t size)
{
	struct range dest = segment_range(ph);

	if (ph->filesz > ph->memsz)
		return problem(STATUS_BAD_IMAGE, "segment file size above memory size");
	if (ph->offset > size || size - ph->offset < ph->filesz)
		return problem(STATUS_OUT_OF_RANGE, "segment bytes outside the file");
	if (dest.end < dest.start)
		return problem(STATUS_OUT_OF_RANGE, "segment wraps around");
	if (ph->vaddr != BOOTINFO_KERNEL_VBASE + ph->paddr)
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
static struct problem segments_disjoint(const uint8_t *file, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		if (phdr(file, i)->type != ELF_PT_LOAD || !phdr(file, i)->memsz)
			continue;
		for (unsigned j = i + 1; j < n; j++)
			if (phdr(file, j)->type == ELF_PT_LOAD && phdr(file, j)->memsz &&
			    ranges_overlap(segment_range(phdr(file, i)),
					   segment_range(phdr(file, j))))
				return problem(STATUS_OVERLAP, "two segments overlap");
	}
	return NO_PROBLEM;
}

static bool entry_in_code(const uint8_t *file, unsigned n, uint64_t entry)
{
	for (unsigned i = 0; i < n; i++) {
		const struct elf64_phdr *ph = phdr(file, i);
		if (ph->type == ELF_PT_LOAD && (ph->flags & ELF_PF_X) &&
		    entry >= ph->vaddr && entry - ph->vaddr < ph->memsz)
			return true;
	}
	return false;
}

struct problem kernel_check(const struct loader *ld, const uint8_t *file,
			    uint64_t size)
{
	const struct elf64_ehdr *eh = (const struct elf64_ehdr *)file;
	struct problem p = elf_check_header(file, size);
	unsigned loads = 0;

	if (p.status)
		return p;
	if (eh->type != ELF_TYPE_EXEC)
		return problem(STATUS_WRONG_TYPE, "not an executable (ET_EXEC)");
	for (unsigned i = 0; i < eh->phnum; i++) {
		if (phdr(file, i)->type != ELF_PT_LOAD)
			continue;
		p = segment_check(ld, phdr(file, i), size);
		if (p.status)
			return p;
		loads++;
	}
	if (!loads)
		return problem(STATUS_BAD_IMAGE, "no PT_LOAD segment");
	p = segments_disjoint(file, eh->phnum);
	if (!p.status && !entry_in_code(file, eh->phnum, eh->entry))
		p = problem(STATUS_OUT_OF_RANGE, "entry point outside executable segments");
	return p;
}

/* Copies the checked segments, zero-fills bss, records the image range. */
void kernel_load(struct loader *ld, const uint8_t *file)
{
	const struct elf64_ehdr *eh = (const struct elf64_ehdr *)file;
	struct range image = { UINT64_MAX, 0 };

	for (unsigned i = 0; i < eh->phnum; i++) {
		const struct elf64_phdr *ph = phdr(file, i);
		if (ph->type != ELF_PT_LOAD)
			continue;
		uint8_t *dest = (uint8_t *)(uintptr_t)ph->paddr;
		memcpy(dest, file + ph->offset, ph->filesz);
		memset(dest + ph->filesz, 0, ph->memsz - ph->filesz);
		if (ph->paddr < image.start)
			image.start = ph->paddr;
		if (ph->paddr + ph->memsz > image.end)
			image.end = ph->paddr + ph->memsz;
	}
	ld->info->kernel_phys_start = image.start & ~0xfffull;
	ld->info->kernel_phys_end = (image.end + 0xfff) & ~0xfffull;
	console_printf("boot: kernel phys=[0x%lx,0x%lx) entry=0x%lx\n",
		       (unsigned long)ld->info->kernel_phys_start,
		       (unsigned long)ld->info->kernel_phys_end,
		       (unsigned long)eh->entry);
}
