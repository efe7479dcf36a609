/*
 * loader.h - the ColdFire boot loader (QEMU mcf5208evb, -bios image at 0).
 *
 * The ROM image: the loader itself, then at CF_PAYLOAD_OFFSET the payload
 * built by mkcfimage.py (kernel ELF, programs with their grants, optional
 * DTB).  Payload layout, big-endian:
 *   0   "KHCFIMG1"
 *   8   u32 entry count (kernel first), 12 u32 payload bytes
 *   16  entries: name[16] caps[112] u32 offset u32 size (offset from the
 *       payload's start), then the files, each 4-byte aligned.
 * The config store is a host file read through semihosting; its path comes
 * from the boot-arguments block scripts/run loads at CF_ARGS_PHYS.
 */
#ifndef CF_LOADER_H
#define CF_LOADER_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include "bootinfo.h"
#include "console.h"
#include "elf.h"
#include "status.h"

#define CF_ROM_BYTES          0x200000u
#define CF_PAYLOAD_OFFSET     0x10000u
#define CF_PAYLOAD_MAGIC      "KHCFIMG1"
#define CF_ENTRY_BYTES        136u
#define CF_SDRAM_BASE         0x40000000u
/* SDRAM is as big as QEMU's -m says (the loader probes it, main.c): at
 * least QEMU's default 128 MiB, whose top holds the scratch below, and at
 * most what fits below the SRAM at 0x80000000. */
#define CF_SDRAM_MIN_BYTES    0x08000000u
#define CF_SDRAM_MAX_BYTES    0x40000000u
#define CF_SDRAM_STEP         0x00100000u   /* -m is whole MiB */
/* Loader scratch at the top of the first 128 MiB: boot arguments,
 * bootinfo, store. */
#define CF_SCRATCH_BASE       0x47fe0000u
#define CF_ARGS_PHYS          BOOTINFO_ARGS_PHYS_COLDFIRE
#define CF_ARGS_MAGIC         BOOTINFO_ARGS_MAGIC_COLDFIRE
#define CF_ARGS_BYTES         BOOTINFO_ARGS_BYTES_COLDFIRE
#define CF_BOOTINFO_PHYS      0x47ff0000u
#define CF_STORE_PHYS         0x47ff1000u
#define CF_SCRATCH_END        0x48000000u

struct cf_file {
	char name[BOOTINFO_NAME_BYTES];
	char caps[BOOTINFO_CAPS_BYTES];
	const uint8_t *data;
	uint32_t size;
};

/* console.c: this loader's half of common/console.h */

/* semihost.c: host file I/O (QEMU -semihosting).  Each returns -1 on error. */
int32_t semihost_open_read(const char *path);
int32_t semihost_read(int32_t fd, void *buf, uint32_t len);
void semihost_close(int32_t fd);

/* payload.c */
enum status payload_count(uint32_t *count);
enum status payload_file(uint32_t i, struct cf_file *out);

/* kernel_elf.c: validate all into *im (and the page-aligned range the
 * kernel occupies), then copy what *im says. */
enum status kernel_check(const struct cf_file *k, struct elf_image *im, uint32_t *lo,
			 uint32_t *hi);
void kernel_load(const struct cf_file *k, const struct elf_image *im);

/* config.c */
void config_choose(struct bootinfo *bi);

/* mem.c */
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);

static inline uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

#endif
