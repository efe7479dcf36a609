/*
 * elf.c - ELF64 executable validation.
 */
#include <stdbool.h>
#include <stddef.h>
#include "elf.h"

#define EHDR_BYTES     64u
#define PHDR_BYTES     56u
#define PHNUM_MAX      64u
#define PT_LOAD        1u
#define PF_X           1u
#define PF_W           2u
#define ET_EXEC        2u
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

static enum status check_ident(const uint8_t *img, uint64_t size, bool *big)
{
	if (size < EHDR_BYTES || img[0] != 0x7f || img[1] != 'E' ||
	    img[2] != 'L' || img[3] != 'F')
		return STATUS_BAD_IMAGE;
	if (img[6] != 1 || (img[5] != ELFDATA2LSB && img[5] != ELFDATA2MSB))
		return STATUS_BAD_IMAGE;
	if (img[4] != ELFCLASS64)
		return STATUS_NOT_SUPPORTED;
	*big = img[5] == ELFDATA2MSB;
	return STATUS_OK;
}

static enum status check_header(const uint8_t *img, uint64_t size, bool big,
				const struct elf_limits *lim)
{
	uint64_t phoff = get(img + 32, 8, big);
	uint64_t phnum = get(img + 56, 2, big);

	if (get(img + 16, 2, big) != ET_EXEC || get(img + 18, 2, big) != lim->machine)
		return STATUS_NOT_SUPPORTED;
	if (get(img + 54, 2, big) != PHDR_BYTES || phnum == 0 || phnum > PHNUM_MAX)
		return STATUS_BAD_IMAGE;
	if (phoff > size || phnum * PHDR_BYTES > size - phoff)
		return STATUS_BAD_IMAGE;
	return STATUS_OK;
}

/* Decodes one PT_LOAD header into *seg and checks it against the file and
 * user space. */
static enum status check_load(const uint8_t *ph, uint64_t size, bool big,
			      const struct elf_limits *lim, struct elf_segment *seg)
{
	uint32_t pflags = (uint32_t)get(ph + 4, 4, big);

	seg->offset = get(ph + 8, 8, big);
	seg->vaddr = get(ph + 16, 8, big);
	seg->filesz = get(ph + 32, 8, big);
	seg->memsz = get(ph + 40, 8, big);
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
	uint64_t phoff = get(img + 32, 8, big);
	uint64_t phnum = get(img + 56, 2, big);

	im->segment_count = 0;
	for (uint64_t i = 0; i < phnum; i++) {
		const uint8_t *ph = img + phoff + i * PHDR_BYTES;
		if (get(ph, 4, big) != PT_LOAD || get(ph + 40, 8, big) == 0)
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
	if ((st = check_ident(image, size, &big)) || (st = check_header(image, size, big, lim)))
		return st;
	if ((st = collect_loads(image, size, big, lim, &im)))
		return st;
	im.entry = get(image + 24, 8, big);
	if (!entry_is_code(&im, im.entry))
		return STATUS_OUT_OF_RANGE;
	*out = im;
	return STATUS_OK;
}
