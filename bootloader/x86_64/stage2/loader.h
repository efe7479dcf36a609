/*
 * loader.h - the 64-bit part of stage 2: what the real-mode part left in
 * low memory, checked and turned into one struct bootinfo.
 */
#ifndef STAGE2_LOADER_H
#define STAGE2_LOADER_H

#include <stdbool.h>
#include <stdint.h>
#include "bootinfo.h"
#include "diskdir.h"
#include "elf.h"
#include "lowmem.h"
#include "status.h"

#define MIB 0x100000ull

/* A physical range [start, end). */
struct range {
	uint64_t start;
	uint64_t end;
};

struct loader {
	const struct rm_handoff *handoff;
	const struct diskdir *dir;
	struct bootinfo *info;          /* at STAGING_BASE */
	struct range staging;           /* boot-info page + staged files */
};

/* A failed check, for the `boot: error` line: a status, a phrase, and the
 * name of what was being checked (may be NULL).  status OK = no problem. */
struct problem {
	enum status status;
	const char *what;
	const char *subject;
};

#define NO_PROBLEM ((struct problem){ STATUS_OK, "", 0 })

static inline struct problem problem(enum status st, const char *what)
{
	return (struct problem){ st, what, 0 };
}

/* Stops the boot with `boot: error <context> <subject>: <what> (<status>)`. */
void fail_on(struct problem p, const char *context);

static inline bool ranges_overlap(struct range a, struct range b)
{
	return a.start < b.end && b.start < a.end;
}

static inline const uint8_t *file_bytes(const struct loader *ld, unsigned i)
{
	return (const uint8_t *)(uintptr_t)ld->handoff->file_phys[i];
}

/* directory.c */
struct problem directory_check(const struct loader *ld);
void directory_report(const struct loader *ld);

/* memmap.c */
struct problem memmap_collect(struct loader *ld);
bool memmap_usable(const struct loader *ld, struct range r);

/* kernel_elf.c: programs' headers; the kernel checked whole into *im,
 * then copied from what *im says. */
struct problem program_check(const uint8_t *file, uint64_t size);
struct problem kernel_check(const struct loader *ld, const uint8_t *file,
			    uint64_t size, struct elf_image *im);
void kernel_load(struct loader *ld, const uint8_t *file, const struct elf_image *im);

/* config.c */
void config_choose(struct loader *ld);

/* main.c: entered from entry.S in long mode. */
_Noreturn void loader_main(void);

/* entry.S */
_Noreturn void enter_kernel(uint64_t entry, uint64_t bootinfo, uint64_t magic);

#endif
