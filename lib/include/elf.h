/*
 * elf.h - the one ELF executable checker: the kernel's program loader and
 * both boot loaders (x86_64 stage 2, ColdFire) validate images with it
 * before anything is mapped or copied.
 *
 * Pure (host-tested).  Reads the headers byte by byte in the byte order
 * the image declares, so the same code serves little-endian x86_64 and
 * big-endian ColdFire; ELF64 or ELF32 executables (elf_limits.elf32).
 * elf_check() says which check failed (enum elf_fault) so that each
 * caller reports it in its own terms; elf_parse() is the kernel's view
 * (an enum status).
 */
#ifndef KH_ELF_H
#define KH_ELF_H

#include <stdint.h>
#include <stdbool.h>
#include "status.h"

#define ELF_MAX_SEGMENTS 8u

#define ELF_SEG_WRITE 0x1u   /* same values as HAL_MAP_WRITE / HAL_MAP_EXEC */
#define ELF_SEG_EXEC  0x2u

#define ELF_MACHINE_68K    4u
#define ELF_MACHINE_X86_64 62u

/* One PT_LOAD that occupies memory. */
struct elf_segment {
	uint64_t vaddr;
	uint64_t paddr;      /* p_paddr: where the boot loaders copy it */
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

/* Byte orders a caller accepts (elf_limits.order). */
enum elf_order { ELF_ORDER_ANY, ELF_ORDER_LSB, ELF_ORDER_MSB };

/* What the caller accepts. */
struct elf_limits {
	uint16_t machine;    /* e_machine */
	uint64_t user_base;  /* every segment's vaddr inside [user_base, user_top) */
	uint64_t user_top;   /* 0: no rule (the loaders check physical addresses) */
	bool elf32;          /* ELF32 only (ColdFire); else ELF64 only */
	enum elf_order order;
	bool physical;       /* the entry point lies in p_paddr terms (a loader
				that enters a kernel without an MMU) */
	uint16_t max_phdrs;  /* most program headers elf_check takes; 0: 64 */
};

/* The checks, in the order elf_check() makes them; the first that fails
 * is the answer. */
enum elf_fault {
	ELF_FAULT_NONE,
	ELF_FAULT_SHORT,        /* shorter than the ELF header */
	ELF_FAULT_MAGIC,        /* no \177ELF */
	ELF_FAULT_IDENT,        /* unknown byte order or version */
	ELF_FAULT_ORDER,        /* a byte order the limits do not accept */
	ELF_FAULT_CLASS,        /* ELF32 where ELF64 is wanted or back */
	ELF_FAULT_MACHINE,      /* e_machine is not limits.machine */
	ELF_FAULT_TYPE,         /* not ET_EXEC (elf_check only) */
	ELF_FAULT_PHDR_BOUNDS,  /* program headers outside the file */
	ELF_FAULT_PHDRS,        /* program header size or count unusable (size
				   and zero count before the bounds, more
				   than max_phdrs after them, elf_check only) */
	ELF_FAULT_TOO_MANY,     /* more than ELF_MAX_SEGMENTS loads */
	ELF_FAULT_SEG_SIZES,    /* a load's file size above its memory size */
	ELF_FAULT_SEG_BOUNDS,   /* a load's bytes outside the file */
	ELF_FAULT_SEG_RANGE,    /* a load outside [user_base, user_top) */
	ELF_FAULT_PLACE,        /* the caller's placement rule refused a load */
	ELF_FAULT_NO_LOAD,      /* no PT_LOAD that occupies memory */
	ELF_FAULT_ENTRY,        /* entry point outside the executable loads */
	ELF_FAULT_COUNT
};

/* The header and the program headers' place in the file (not the type,
 * not the segments): what a loader checks of a program it only passes on. */
enum elf_fault elf_check_header(const uint8_t *image, uint64_t size,
				const struct elf_limits *lim);

/* A loader's rule on where segments go: fits() sees each load as soon as
 * the checker has accepted it (im->segment[i], earlier ones before it). */
struct elf_place {
	bool (*fits)(const struct elf_image *im, uint32_t i, void *ctx);
	void *ctx;
};

/* Everything up to (not including) the entry point: header, type, every
 * load, each offered to `place` (may be NULL) in turn; fills *out on
 * success.  A loader checks where the segments go before it asks about
 * the entry point. */
enum elf_fault elf_check_segments(const uint8_t *image, uint64_t size,
				  const struct elf_limits *lim, const struct elf_place *place,
				  struct elf_image *out);

/* The entry point inside an executable segment of a checked image (by
 * p_vaddr, or by p_paddr when lim->physical). */
enum elf_fault elf_check_entry(const struct elf_image *im, const struct elf_limits *lim);

/* Both of the above, then fills *out (untouched on failure).  image, lim
 * and out must not be NULL. */
enum elf_fault elf_check(const uint8_t *image, uint64_t size,
			 const struct elf_limits *lim, struct elf_image *out);

/* The kernel's status for a fault (the table elf_parse() uses). */
enum status elf_fault_status(enum elf_fault fault);

/* elf_check() in the kernel's terms: BAD_IMAGE for a malformed file
 * (magic, header sizes, bounds of the file), NOT_SUPPORTED for a valid
 * ELF this kernel cannot run (class, type, machine, too many segments),
 * OUT_OF_RANGE for a segment or entry outside user space,
 * INVALID_ARGUMENT for a NULL pointer.  *out is untouched on failure. */
enum status elf_parse(const uint8_t *image, uint64_t size,
		      const struct elf_limits *lim, struct elf_image *out);

#endif
