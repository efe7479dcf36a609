/*
 * elf.c - ELF executable validation: ELF64 (x86_64) or ELF32 (ColdFire),
 * whichever class the caller's limits ask for; the field offsets of the
 * two classes are the only difference.
 */
#include <stdbool.h>
#include <stddef.h>
#include "elf.h"

#define PHNUM_MAX      64u
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
	uint8_t p_flags, p_offset, p_vaddr, p_filesz, p_memsz;
};

static const struct elf_layout elf64 = {
	ELFCLASS64, 8, 64, 56, 24, 32, 54, 56, 4, 8, 16, 32, 40,
};
static const struct elf_layout elf32 = {
	ELFCLASS32, 4, 52, 32, 24, 28, 42, 44, 24, 4, 8, 16, 20,
};

static const struct elf_layout *layout_of(const struct elf_limits *lim)
{
	return lim->elf32 ? &elf32 : &elf64;
}

static enum status check_ident(const uint8_t *img, uint64_t size,
			       const struct elf_layout *L, bool *big)
{
	if (size < L->ehdr_bytes || img[0] != 0x7f || img[1] != 'E' ||
	    img[2] != 'L' || img[3] != 'F')
		return STATUS_BAD_IMAGE;
	if (img[6] != 1 || (img[5] != ELFDATA2LSB && img[5] != ELFDATA2MSB))
		return STATUS_BAD_IMAGE;
	if (img[4] != L->class)
		return STATUS_NOT_SUPPORTED;
	*big = img[5] == ELFDATA2MSB;
	return STATUS_OK;
}

static enum status check_header(const uint8_t *img, uint64_t size, bool big,
				const struct elf_limits *lim, const struct elf_layout *L)
{
	uint64_t phoff = get(img + L->e_phoff, L->word, big);
	uint64_t phnum = get(img + L->e_phnum, 2, big);

	if (get(img + 16, 2, big) != ET_EXEC || get(img + 18, 2, big) != lim->machine)
		return STATUS_NOT_SUPPORTED;
	if (get(img + L->e_phentsize, 2, big) != L->phdr_bytes || phnum == 0 || phnum > PHNUM_MAX)
		return STATUS_BAD_IMAGE;
	if (phoff > size || phnum * L->phdr_bytes > size - phoff)
		return STATUS_BAD_IMAGE;
	return STATUS_OK;
}

/* Decodes one PT_LOAD header into *seg and checks it against the file and
 * user space. */
static enum status check_load(const uint8_t *ph, uint64_t size, bool big,
			      const struct elf_limits *lim, struct elf_segment *seg)
{
	const struct elf_layout *L = layout_of(lim);
	uint32_t pflags = (uint32_t)get(ph + L->p_flags, 4, big);

	seg->offset = get(ph + L->p_offset, L->word, big);
	seg->vaddr = get(ph + L->p_vaddr, L->word, big);
	seg->filesz = get(ph + L->p_filesz, L->word, big);
	seg->memsz = get(ph + L->p_memsz, L->word, big);
	seg->flags = ((pflags & PF_W) ? ELF_SEG_WRITE : 0) | ((pflags & PF_X) ? ELF_SEG_EXEC : 0);
	if (seg->filesz > seg->memsz || seg->offset > size || seg->filesz > size - seg->offset)
		return STATUS_BAD_IMAGE;
	if (seg->vaddr < lim->user_base || seg->vaddr >= lim->user_top ||
	    seg->memsz > lim->user_top - seg->vaddr)
		return STATUS_OUT_OF_RANGE;
	return STATUS_OK;
}

static bool entry_is_code(const struct elf_image *im, uint64_t entry)
{
	for (uint32_t i = 0; i < im->segment_count; i++) {
		const struct elf_segment *s = &im->segment[i];
		if ((s->flags & ELF_SEG_EXEC) && entry >= s->vaddr && entry - s->vaddr < s->memsz)
			return true;
	}
	return false;
}

static enum status collect_loads(const uint8_t *img, uint64_t size, bool big,
				 const struct elf_limits *lim, struct elf_image *im)
{
	const struct elf_layout *L = layout_of(lim);
	uint64_t phoff = get(img + L->e_phoff, L->word, big);
	uint64_t phnum = get(img + L->e_phnum, 2, big);

	im->segment_count = 0;
	for (uint64_t i = 0; i < phnum; i++) {
		const uint8_t *ph = img + phoff + i * L->phdr_bytes;
		if (get(ph, 4, big) != PT_LOAD || get(ph + L->p_memsz, L->word, big) == 0)
			continue;
		if (im->segment_count == ELF_MAX_SEGMENTS)
			return STATUS_NOT_SUPPORTED;
		enum status st = check_load(ph, size, big, lim, &im->segment[im->segment_count]);
		if (st)
			return st;
		im->segment_count++;
	}
	return im->segment_count ? STATUS_OK : STATUS_BAD_IMAGE;
}

enum status elf_parse(const uint8_t *image, uint64_t size,
		      const struct elf_limits *lim, struct elf_image *out)
{
	struct elf_image im;
	bool big;
	enum status st;

	if (!image || !lim || !out)
		return STATUS_INVALID_ARGUMENT;
	const struct elf_layout *L = layout_of(lim);
	if ((st = check_ident(image, size, L, &big)) ||
	    (st = check_header(image, size, big, lim, L)))
		return st;
	if ((st = collect_loads(image, size, big, lim, &im)))
		return st;
	im.entry = get(image + L->e_entry, L->word, big);
	if (!entry_is_code(&im, im.entry))
		return STATUS_OUT_OF_RANGE;
	*out = im;
	return STATUS_OK;
}
