/*
 * lowmem.h - where the loader keeps things in the first MiB, and the
 * staging area above it.  Shared by stage 1, stage 2's assembly and its C.
 *
 *   0x00500  disk address packet (int 13h AH=42h)
 *   0x00600  drive parameters (int 13h AH=48h), 0x1e bytes
 *   0x00e00  real-mode hand-off to the 64-bit code (struct rm_handoff)
 *   0x01000  E820 entries, 24 bytes each
 *   0x02000  config store copy (BOOTCFG_STORE_BYTES, from the second disk)
 *   0x04000  reboot note (BOOTINFO_REBOOT_NOTE_PHYS): only read and cleared
 *   0x05000  disk directory, LBA 1..8 (read by stage 1), 4 KiB
 *   0x07c00  stage 1; the real-mode stack grows down from here
 *   0x10000  stage 2 (at most DISKDIR_STAGE2_MAX bytes)
 *   0x60000  page tables: PML4, PDPT low, PDPT high, 4 page directories
 *   0x67000  64-bit stack, top at 0x70000
 *   0x70000  bounce buffer for disk reads (32 KiB)
 *   0x400000 staging area (4 MiB: inside the 16 MiB the smallest machine
 *             has): boot-info page, then the kernel ELF file and the
 *             program files, each page-aligned; what the kernel is told
 *             in loader_phys_start/end.
 * Everything between 0x80000 and 1 MiB is left to the BIOS (EBDA, ROMs).
 */
#ifndef LOWMEM_H
#define LOWMEM_H

#define LOWMEM_DAP            0x0500
#define LOWMEM_EDD            0x0600
#define LOWMEM_DIR            0x5000
#define LOWMEM_HANDOFF        0x0e00
#define LOWMEM_E820           0x1000
#define LOWMEM_E820_MAX       64
#define LOWMEM_STORE          0x2000
#define LOWMEM_STORE_SECTORS  10      /* BOOTCFG_STORE_BYTES / 512 */
#define LOWMEM_STACK16_TOP    0x7c00
#define LOWMEM_STAGE2         0x10000
#define LOWMEM_STAGE2_SEG     0x1000
#define LOWMEM_PAGE_TABLES    0x60000
#define LOWMEM_STACK64_TOP    0x70000
#define LOWMEM_BOUNCE         0x70000
#define LOWMEM_BOUNCE_SEG     0x7000
#define LOWMEM_BOUNCE_SECTORS 64
#define STAGING_BASE          0x400000
#define STAGING_FILES         (STAGING_BASE + 0x1000)

/* struct rm_handoff field offsets, for the assembly. */
#define HANDOFF_BOOT_DRIVE    0    /* u8 */
#define HANDOFF_STORE_DRIVE   1    /* u8 */
#define HANDOFF_STORE_ERROR   2    /* u8: 0 ok, else int 13h AH (0xff: no drive) */
#define HANDOFF_FILE_ERROR    3    /* u8: 0 ok, else int 13h AH of a failed file read */
#define HANDOFF_E820_COUNT    4    /* u32 */
#define HANDOFF_STAGING_END   8    /* u32: end of the last staged file */
#define HANDOFF_DISK_SECTORS  12   /* u32: the boot disk's size as the BIOS
				      reports it, capped at the directory's;
				      0xffffffff if the BIOS does not say */
#define HANDOFF_FILE_PHYS     16   /* u32[DISKDIR_ENTRIES_MAX]: where each
				      file went; 0 = not staged (outside
				      the disk) */

#ifndef __ASSEMBLER__
#include <stdint.h>
#include "diskdir.h"

struct rm_handoff {
	uint8_t  boot_drive;
	uint8_t  store_drive;
	uint8_t  store_error;
	uint8_t  file_error;
	uint32_t e820_count;
	uint32_t staging_end;
	uint32_t disk_sectors;
	uint32_t file_phys[DISKDIR_ENTRIES_MAX];
};
_Static_assert(__builtin_offsetof(struct rm_handoff, file_phys) == HANDOFF_FILE_PHYS,
	       "handoff layout");
#endif

#endif
