/*
 * elf.c - ELF executable validation (elf.h): ELF64 (x86_64) or ELF32
 * (ColdFire), whichever class the caller's limits ask for; the field
 * offsets of the two classes are the only difference.  Shared by the
 * kernel and both boot loaders.
 */
#include <stdbool.h>
#include <stddef.h>
#include "elf.h"

#define PHNUM_DEFAULT  64u   /* elf_limits.max_phdrs 0 */
#define PT_LOAD        1u
#define PF_X           1u
#define PF_W           2u
#define ET_EXEC        2u
#define ELFCLASS32     1u
#define ELFCLASS64     2u
#define ELFDATA2LSB    1u
#define ELFDATA2MSB    2u

/* Reads an n-byte integer at p in the image's byte order. */
static uint64_t get(const uint8_t *p, unsigned n, bool big)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)p[big ? i : n - 1 - i] << (8 * (n - 1 - i));
	return v;
}

/* Where the fields live in one ELF class; `word` is the size of an
 * address or offset field. */
struct elf_layout {
	uint8_t class, word, ehdr_bytes, phdr_bytes;
	uint8_t e_entry, e_phoff, e_phentsize, e_phnum;
	uint8_t p_flags, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz;
};

static const struct elf_layout elf64 = {
	ELFCLASS64, 8, 64, 56, 24, 32, 54, 56, 4, 8, 16, 24, 32, 40,
};
static const struct elf_layout elf32 = {
	ELFCLASS32, 4, 52, 32, 24, 28, 42, 44, 24, 4, 8, 12, 16, 20,
};

/* One image being checked: its bytes, its byte order, its class. */
struct elf_file {
	const uint8_t *img;
	uint64_t size;
	bool big;
	const struct elf_layout *L;
};

static enum elf_fault check_ident(struct elf_file *f, const struct elf_limits *lim)
{
	const uint8_t *img = f->img;

	if (f->size < f->L->ehdr_bytes)
		return ELF_FAULT_SHORT;
	if (img[0] != 0x7f || img[1] != 'E' || img[2] != 'L' || img[3] != 'F')
		return ELF_FAULT_MAGIC;
	if (img[6] != 1 || (img[5] != ELFDATA2LSB && img[5] != ELFDATA2MSB))
		return ELF_FAULT_IDENT;
	if (lim->order != ELF_ORDER_ANY &&
	    img[5] != (lim->order == ELF_ORDER_MSB ? ELFDATA2MSB : ELFDATA2LSB))
		return ELF_FAULT_ORDER;
	if (img[4] != f->L->class)
		return ELF_FAULT_CLASS;
	f->big = img[5] == ELFDATA2MSB;
	return ELF_FAULT_NONE;
}

static uint64_t phoff_of(const struct elf_file *f)
{
	return get(f->img + f->L->e_phoff, f->L->word, f->big);
}

static uint64_t phnum_of(const struct elf_file *f)
{
	return get(f->img + f->L->e_phnum, 2, f->big);
}

/* Machine, then (when `exec` asks) the type, then the program headers
 * size and place (their number is bounded by collect_loads: a loader
 * passes a program on without looking at its segments). */
static enum elf_fault check_header(struct elf_file *f, const struct elf_limits *lim, bool exec)
{
	enum elf_fault fault = check_ident(f, lim);
	uint64_t phoff, phnum;

	if (fault)
		return fault;
	if (get(f->img + 18, 2, f->big) != lim->machine)
		return ELF_FAULT_MACHINE;
	if (exec && get(f->img + 16, 2, f->big) != ET_EXEC)
		return ELF_FAULT_TYPE;
	phoff = phoff_of(f);
	phnum = phnum_of(f);
	if (get(f->img + f->L->e_phentsize, 2, f->big) != f->L->phdr_bytes || phnum == 0)
		return ELF_FAULT_PHDRS;
	if (phoff > f->size || phnum * f->L->phdr_bytes > f->size - phoff)
		return ELF_FAULT_PHDR_BOUNDS;
	return ELF_FAULT_NONE;
}

/* Decodes one PT_LOAD header into *seg and checks it against the file and
 * the caller's address range. */
static enum elf_fault check_load(const struct elf_file *f, const uint8_t *ph,
				 const struct elf_limits *lim, struct elf_segment *seg)
{
	const struct elf_layout *L = f->L;
	uint32_t pflags = (uint32_t)get(ph + L->p_flags, 4, f->big);

	seg->offset = get(ph + L->p_offset, L->word, f->big);
	seg->vaddr = get(ph + L->p_vaddr, L->word, f->big);
	seg->paddr = get(ph + L->p_paddr, L->word, f->big);
	seg->filesz = get(ph + L->p_filesz, L->word, f->big);
	seg->memsz = get(ph + L->p_memsz, L->word, f->big);
	seg->flags = ((pflags & PF_W) ? ELF_SEG_WRITE : 0) | ((pflags & PF_X) ? ELF_SEG_EXEC : 0);
	if (seg->filesz > seg->memsz)
		return ELF_FAULT_SEG_SIZES;
	if (seg->offset > f->size || seg->filesz > f->size - seg->offset)
		return ELF_FAULT_SEG_BOUNDS;
	if (lim->user_top && (seg->vaddr < lim->user_base || seg->vaddr >= lim->user_top ||
			      seg->memsz > lim->user_top - seg->vaddr))
		return ELF_FAULT_SEG_RANGE;
	return ELF_FAULT_NONE;
}

static bool entry_is_code(const struct elf_image *im, uint64_t entry, bool physical)
{
	for (uint32_t i = 0; i < im->segment_count; i++) {
		const struct elf_segment *s = &im->segment[i];
		uint64_t start = physical ? s->paddr : s->vaddr;
		if ((s->flags & ELF_SEG_EXEC) && entry >= start && entry - start < s->memsz)
			return true;
	}
	return false;
}

/* Every PT_LOAD that occupies memory, each checked (and offered to the
 * caller's placement rule, if any) before the next is read. */
static enum elf_fault collect_loads(const struct elf_file *f, const struct elf_limits *lim,
				    const struct elf_place *place, struct elf_image *im)
{
	uint64_t phoff = phoff_of(f), phnum = phnum_of(f);

	if (phnum > (lim->max_phdrs ? lim->max_phdrs : PHNUM_DEFAULT))
		return ELF_FAULT_PHDRS;
	im->segment_count = 0;
	for (uint64_t i = 0; i < phnum; i++) {
		const uint8_t *ph = f->img + phoff + i * f->L->phdr_bytes;
		if (get(ph, 4, f->big) != PT_LOAD || get(ph + f->L->p_memsz, f->L->word, f->big) == 0)
			continue;
		if (im->segment_count == ELF_MAX_SEGMENTS)
			return ELF_FAULT_TOO_MANY;
		enum elf_fault fault = check_load(f, ph, lim, &im->segment[im->segment_count]);
		if (fault)
			return fault;
		im->segment_count++;
		if (place && !place->fits(im, im->segment_count - 1, place->ctx))
			return ELF_FAULT_PLACE;
	}
	return im->segment_count ? ELF_FAULT_NONE : ELF_FAULT_NO_LOAD;
}

static struct elf_file file_of(const uint8_t *image, uint64_t size, const struct elf_limits *lim)
{
	return (struct elf_file){ image, size, false, lim->elf32 ? &elf32 : &elf64 };
}

enum elf_fault elf_check_header(const uint8_t *image, uint64_t size,
				const struct elf_limits *lim)
{
	struct elf_file f = file_of(image, size, lim);

	return check_header(&f, lim, false);
}

enum elf_fault elf_check_segments(const uint8_t *image, uint64_t size,
				  const struct elf_limits *lim, const struct elf_place *place,
				  struct elf_image *out)
{
	struct elf_file f = file_of(image, size, lim);
	struct elf_image im;
	enum elf_fault fault;

	if ((fault = check_header(&f, lim, true)) || (fault = collect_loads(&f, lim, place, &im)))
		return fault;
	im.entry = get(image + f.L->e_entry, f.L->word, f.big);
	*out = im;
	return ELF_FAULT_NONE;
}

enum elf_fault elf_check_entry(const struct elf_image *im, const struct elf_limits *lim)
{
	return entry_is_code(im, im->entry, lim->physical) ? ELF_FAULT_NONE : ELF_FAULT_ENTRY;
}

enum elf_fault elf_check(const uint8_t *image, uint64_t size,
			 const struct elf_limits *lim, struct elf_image *out)
{
	struct elf_image im;
	enum elf_fault fault;

	if ((fault = elf_check_segments(image, size, lim, NULL, &im)) || (fault = elf_check_entry(&im, lim)))
		return fault;
	*out = im;
	return ELF_FAULT_NONE;
}

static const enum status kernel_status[ELF_FAULT_COUNT] = {
	[ELF_FAULT_NONE] = STATUS_OK,
	[ELF_FAULT_SHORT] = STATUS_BAD_IMAGE,
	[ELF_FAULT_MAGIC] = STATUS_BAD_IMAGE,
	[ELF_FAULT_IDENT] = STATUS_BAD_IMAGE,
	[ELF_FAULT_ORDER] = STATUS_NOT_SUPPORTED,
	[ELF_FAULT_CLASS] = STATUS_NOT_SUPPORTED,
	[ELF_FAULT_MACHINE] = STATUS_NOT_SUPPORTED,
	[ELF_FAULT_TYPE] = STATUS_NOT_SUPPORTED,
	[ELF_FAULT_PHDRS] = STATUS_BAD_IMAGE,
	[ELF_FAULT_PHDR_BOUNDS] = STATUS_BAD_IMAGE,
	[ELF_FAULT_TOO_MANY] = STATUS_NOT_SUPPORTED,
	[ELF_FAULT_SEG_SIZES] = STATUS_BAD_IMAGE,
	[ELF_FAULT_SEG_BOUNDS] = STATUS_BAD_IMAGE,
	[ELF_FAULT_SEG_RANGE] = STATUS_OUT_OF_RANGE,
	[ELF_FAULT_PLACE] = STATUS_OUT_OF_RANGE,
	[ELF_FAULT_NO_LOAD] = STATUS_BAD_IMAGE,
	[ELF_FAULT_ENTRY] = STATUS_OUT_OF_RANGE,
};

enum status elf_fault_status(enum elf_fault fault)
{
	return kernel_status[fault];
}

enum status elf_parse(const uint8_t *image, uint64_t size,
		      const struct elf_limits *lim, struct elf_image *out)
{
	if (!image || !lim || !out)
		return STATUS_INVALID_ARGUMENT;
	return elf_fault_status(elf_check(image, size, lim, out));
}
