/*
 * bootinfo.h - the one record a bootloader hands the kernel.
 *
 * x86_64: the loader enters the kernel's ELF entry point in long mode with
 *   - paging on: physical [0, 4 GiB) identity-mapped and also mapped at
 *     BOOTINFO_KERNEL_VBASE (2 MiB pages), so the kernel linked in the
 *     higher half runs before it builds its own tables;
 *   - interrupts off, a valid stack below 1 MiB, DF clear;
 *   - %rdi = physical address of this record (reachable through the
 *     identity map), %rsi = BOOTINFO_MAGIC.
 * ColdFire: the loader calls the entry like a C function
 *   entry(const struct bootinfo *bi, uint64_t magic): 4(%sp) = physical
 *   address of this record (no MMU: physical == virtual), 8(%sp) and
 *   12(%sp) = BOOTINFO_MAGIC, high word first; supervisor mode,
 *   interrupts masked (SR = 0x2700).
 *
 * The layout uses only fixed-width fields, each naturally aligned and
 * padded by hand, so that it is the same on every port; the asserts below
 * pin it on each compiler that includes this header.
 */
#ifndef BOOTINFO_H
#define BOOTINFO_H

#include <stdint.h>
#include <stddef.h>
#include "tuning.h"

#define BOOTINFO_MAGIC          0x4f464e49544f4f42ull /* "BOOTINFO" little-endian */
#define BOOTINFO_VERSION        3u
#define BOOTINFO_MMAP_MAX       64u
#define BOOTINFO_PROGRAMS_MAX   16u
#define BOOTINFO_NAME_BYTES     16u
#define BOOTINFO_CAPS_BYTES     112u  /* devdisc's grants need ~90 */
#define BOOTINFO_KERNEL_VBASE   0xffffffff80000000ull

/*
 * Reboot note: a kernel about to reset writes why at this physical address;
 * the next boot's loader reads it (RAM survives a warm reset under QEMU),
 * clears it and reports it as boot_reason.  A missing or bad note is a
 * cold boot.  0x4000: measured under QEMU's SeaBIOS, a reset rewrites low
 * memory from 0x6700 up (its POST stack and temporary allocations; 0xf000
 * did not survive), while [0x3400, 0x6700) survives and the x86_64 loader
 * does not use it.  A kernel should drain the UART (LSR bit 6) before the
 * reset, or its last line is lost.
 */
#define BOOTINFO_REBOOT_NOTE_PHYS   0x00004000ull
#define BOOTINFO_REBOOT_NOTE_MAGIC  0x544f4f424552ull   /* "REBOOT" */

/* ColdFire: low memory is the boot ROM, so the note lives at the start of
 * the on-chip SRAM (the loader keeps its data above it). */
#define BOOTINFO_REBOOT_NOTE_PHYS_COLDFIRE  0x80000000ull

/* ColdFire: the boot-arguments block scripts/lib/khqemu.py loads at the
 * bottom of the loader's scratch ("KHCFARG1", then the config store's
 * absolute host path, NUL-terminated).  The loader reads the store from
 * that path; the kernel's Store capability writes it (arch/coldfire/
 * store.c).  The scratch stays reserved, so the block survives reboots. */
#define BOOTINFO_ARGS_PHYS_COLDFIRE   0x47fe0000u
#define BOOTINFO_ARGS_MAGIC_COLDFIRE  "KHCFARG1"
#define BOOTINFO_ARGS_BYTES_COLDFIRE  4096u

/* The path in a boot-arguments block, or NULL (no magic, empty, or no
 * NUL inside the block). */
static inline const char *bootinfo_args_path(const char *block)
{
	const char *magic = BOOTINFO_ARGS_MAGIC_COLDFIRE;

	for (unsigned i = 0; i < 8; i++)
		if (block[i] != magic[i])
			return (const char *)0;
	for (unsigned i = 8; i < BOOTINFO_ARGS_BYTES_COLDFIRE; i++)
		if (!block[i])
			return i > 8 ? block + 8 : (const char *)0;
	return (const char *)0;
}

struct bootinfo_reboot_note {
	uint64_t magic;        /* BOOTINFO_REBOOT_NOTE_MAGIC */
	uint32_t reason;       /* enum boot_reason */
	uint32_t check;        /* ~reason: a torn or stale note is ignored */
};

#define BOOT_REASON_LIST(X)         \
	X(COLD,      "cold")        \
	X(RETUNE,    "retune")      \
	X(REQUESTED, "requested")   \
	X(PANIC,     "panic")

enum boot_reason {
#define BOOT_REASON_ENUM(name, text) BOOT_REASON_##name,
	BOOT_REASON_LIST(BOOT_REASON_ENUM)
#undef BOOT_REASON_ENUM
	BOOT_REASON_COUNT
};

/* "cold", "retune", ...; "unknown" out of range.  Every component prints
 * the reason by this name, never by its number. */
const char *boot_reason_name(enum boot_reason reason);

/* E820 types are kept as the firmware gave them (1 = usable RAM). */
#define BOOTINFO_MEM_USABLE     1u

struct bootinfo_mem {
	uint64_t base;
	uint64_t length;
	uint32_t type;
	uint32_t reserved;
};

struct bootinfo_program {
	char     name[BOOTINFO_NAME_BYTES];   /* NUL-terminated */
	uint64_t phys;                        /* ELF image, as loaded from disk */
	uint64_t size;                        /* bytes */
	char     caps[BOOTINFO_CAPS_BYTES];   /* grants from the manifest:
						 comma-separated type names */
};

/* The chosen boot-config blob, decoded by the loader with the shared codec:
 * its tuning fields (tuning.h), then how it was chosen. */
struct bootinfo_config {
	KH_TUNING_MEMBERS
	uint32_t slot;            /* enum bootcfg_slot: A, B or DEFAULT */
	uint32_t pick;            /* enum bootcfg_pick */
	uint32_t slot_status[2];  /* enum status of slot A and B */
	uint32_t reserved;
};

struct bootinfo {
	uint64_t magic;               /* BOOTINFO_MAGIC */
	uint32_t version;             /* BOOTINFO_VERSION */
	uint32_t size;                /* sizeof(struct bootinfo) */
	uint32_t boot_reason;         /* enum boot_reason */
	uint32_t mmap_count;
	uint32_t program_count;
	uint32_t reserved0;
	uint64_t kernel_phys_start;   /* loaded kernel image, page-aligned */
	uint64_t kernel_phys_end;
	uint64_t loader_phys_start;   /* memory the loader still uses (this */
	uint64_t loader_phys_end;     /* record, the images); kernel may reuse
					 it once it has copied what it needs */
	uint64_t dtb_phys;            /* ColdFire: flattened device tree; 0 on x86 */
	uint64_t dtb_size;
	struct bootinfo_config config;
	struct bootinfo_mem mmap[BOOTINFO_MMAP_MAX];
	struct bootinfo_program programs[BOOTINFO_PROGRAMS_MAX];
	/* What the kernel boots on if `config` gives a heap that does not fit
	 * RAM: the other valid slot, else the built-in defaults (slot DEFAULT). */
	struct bootinfo_config fallback;
};

_Static_assert(sizeof(struct bootinfo_reboot_note) == 16, "reboot note layout");
_Static_assert(sizeof(struct bootinfo_mem) == 24, "bootinfo_mem layout");
_Static_assert(sizeof(struct bootinfo_program) == 144, "bootinfo_program layout");
_Static_assert(sizeof(struct bootinfo_config) == 72, "bootinfo_config layout");
_Static_assert(offsetof(struct bootinfo_config, slot) == KH_TUNING_BYTES,
	       "bootinfo_config: the tuning fields come first, unpadded");
_Static_assert(offsetof(struct bootinfo, config) == 80, "bootinfo header layout");
_Static_assert(offsetof(struct bootinfo, mmap) == 152, "bootinfo config layout");
_Static_assert(offsetof(struct bootinfo, programs) == 152 + 24 * BOOTINFO_MMAP_MAX,
	       "bootinfo mmap layout");
_Static_assert(sizeof(struct bootinfo) == 152 + 24 * BOOTINFO_MMAP_MAX + 144 * BOOTINFO_PROGRAMS_MAX + 72,
	       "bootinfo size");
/* The x86_64 loader stages the record in one page ahead of the images. */
_Static_assert(sizeof(struct bootinfo) <= 4096, "bootinfo must fit one page");

#endif
