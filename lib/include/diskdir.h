/*
 * diskdir.h - the boot disk's directory: how stage 1 finds stage 2 and how
 * stage 2 finds the kernel and the user programs.  Written by the host
 * tool mkdisk, read by stage 1 (magic, stage 2 extent) and stage 2.
 *
 * Disk layout (512-byte sectors):
 *   LBA 0                      MBR: stage 1, 0x55aa signature
 *   LBA 1 .. 8                 this directory (DISKDIR_BYTES)
 *   LBA 5 ..                   stage 2, then every file, each starting on
 *                              a sector boundary, in directory order
 * All fields little-endian; the structs are read in place by the loader
 * (x86 only) and encoded field by field by mkdisk.
 */
#ifndef DISKDIR_H
#define DISKDIR_H

#define DISKDIR_SECTOR_BYTES   512
#define DISKDIR_LBA            1
#define DISKDIR_SECTORS        8
#define DISKDIR_BYTES          (DISKDIR_SECTORS * DISKDIR_SECTOR_BYTES)
#define DISKDIR_MAGIC          0x4b44484b   /* "KHDK" */
#define DISKDIR_VERSION        3
#define DISKDIR_ENTRIES_MAX    20
#define DISKDIR_NAME_BYTES     16           /* = BOOTINFO_NAME_BYTES */
#define DISKDIR_CAPS_BYTES     112          /* = BOOTINFO_CAPS_BYTES */
#define DISKDIR_STAGE2_LBA     (DISKDIR_LBA + DISKDIR_SECTORS)
/* Stage 1 loads stage 2 at 0x10000; it must end below the page tables. */
#define DISKDIR_STAGE2_MAX     0x50000

/* Byte offsets stage 1 (assembly) relies on. */
#define DISKDIR_OFF_MAGIC          0
#define DISKDIR_OFF_COUNT          6
#define DISKDIR_OFF_STAGE2_LBA     8
#define DISKDIR_OFF_STAGE2_SECTORS 12
#define DISKDIR_OFF_CRC            16
#define DISKDIR_OFF_DISK_SECTORS   20
#define DISKDIR_OFF_STAGE2_CRC     24
#define DISKDIR_OFF_ENTRIES        32
#define DISKDIR_ENTRY_BYTES        144
#define DISKDIR_ENTRY_OFF_KIND     128
#define DISKDIR_ENTRY_OFF_LBA      132
#define DISKDIR_ENTRY_OFF_SIZE     136
#define DISKDIR_ENTRY_OFF_CRC      140

#ifndef __ASSEMBLER__
#include <stdint.h>

enum diskdir_kind {
	DISKDIR_KIND_KERNEL  = 1,
	DISKDIR_KIND_PROGRAM = 2,
};

struct diskdir_entry {
	char     name[DISKDIR_NAME_BYTES];   /* NUL-terminated */
	char     caps[DISKDIR_CAPS_BYTES];   /* NUL-terminated, comma-separated */
	uint32_t kind;                       /* enum diskdir_kind */
	uint32_t lba;                        /* first sector */
	uint32_t size;                       /* bytes */
	uint32_t crc;                        /* CRC-32C of the file's bytes */
};

struct diskdir_header {
	uint32_t magic;                      /* DISKDIR_MAGIC */
	uint16_t version;                    /* DISKDIR_VERSION */
	uint16_t count;                      /* entries in use */
	uint32_t stage2_lba;                 /* DISKDIR_STAGE2_LBA */
	uint32_t stage2_sectors;
	uint32_t crc;                        /* CRC-32C of the whole directory
						with this field zero */
	uint32_t disk_sectors;               /* image size */
	uint32_t stage2_crc;                 /* CRC-32C of stage 2's sectors as
						loaded (zero-padded); stage 1
						checks it before the jump */
	uint32_t reserved;
};

struct diskdir {
	struct diskdir_header header;
	struct diskdir_entry  entries[DISKDIR_ENTRIES_MAX];
	uint8_t pad[DISKDIR_BYTES - 32 - DISKDIR_ENTRY_BYTES * DISKDIR_ENTRIES_MAX];
};

_Static_assert(sizeof(struct diskdir_entry) == DISKDIR_ENTRY_BYTES, "diskdir entry layout");
_Static_assert(__builtin_offsetof(struct diskdir_entry, lba) == DISKDIR_ENTRY_OFF_LBA, "diskdir lba offset");
_Static_assert(__builtin_offsetof(struct diskdir_entry, size) == DISKDIR_ENTRY_OFF_SIZE, "diskdir size offset");
_Static_assert(sizeof(struct diskdir_header) == 32, "diskdir header layout");
_Static_assert(__builtin_offsetof(struct diskdir_header, crc) == DISKDIR_OFF_CRC, "diskdir crc offset");
_Static_assert(__builtin_offsetof(struct diskdir_header, disk_sectors) == DISKDIR_OFF_DISK_SECTORS,
	       "diskdir disk size offset");
_Static_assert(__builtin_offsetof(struct diskdir_header, stage2_crc) == DISKDIR_OFF_STAGE2_CRC,
	       "diskdir stage 2 crc offset");
_Static_assert(sizeof(struct diskdir) == DISKDIR_BYTES, "diskdir size");
#endif

#endif
