/*
 * elf.h - checking a user program's ELF image before anything is mapped.
 *
 * Pure (host-tested).  Reads the headers byte by byte in the byte order
 * the image declares, so the same code serves little-endian x86_64 and
 * big-endian ColdFire; ELF64 or ELF32 executables (elf_limits.elf32).
 */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include <stdint.h>
#include <stdbool.h>
#include "status.h"

#define ELF_MAX_SEGMENTS 8u

#define ELF_SEG_WRITE 0x1u   /* same values as HAL_MAP_WRITE / HAL_MAP_EXEC */
#define ELF_SEG_EXEC  0x2u

struct elf_segment {
	uint64_t vaddr;
	uint64_t memsz;
	uint64_t offset;     /* file bytes [offset, offset + filesz) */
	uint64_t filesz;     /* <= memsz: the rest is zero */
	unsigned flags;      /* ELF_SEG_* */
};

struct elf_image {
	uint64_t entry;
	uint32_t segment_count;
	struct elf_segment segment[ELF_MAX_SEGMENTS];
};

/* What the caller accepts. */
struct elf_limits {
	uint16_t machine;    /* e_machine */
	uint64_t user_base;  /* every segment inside [user_base, user_top) */
	uint64_t user_top;
	bool elf32;          /* ELF32 only (ColdFire); else ELF64 only */
};

/* Validates everything first, then fills *out.  BAD_IMAGE for a malformed
 * file (magic, header sizes, bounds of the file), NOT_SUPPORTED for a
 * valid ELF this kernel cannot run (class, type, machine, too many
 * segments), OUT_OF_RANGE for a segment or entry outside user space.
 * *out is untouched on failure. */
enum status elf_parse(const uint8_t *image, uint64_t size,
		      const struct elf_limits *lim, struct elf_image *out);

#endif
