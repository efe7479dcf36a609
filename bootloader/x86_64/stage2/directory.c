/*
 * directory.c - checks the disk directory stage 1 read and the files the
 * real-mode part staged from it, before anything is used.  The real-mode
 * part already refused to stage anything from a directory whose CRC fails
 * and any file outside the disk; here each case gets its line.
 */
#include "bootcfg.h"
#include "console.h"
#include "loader.h"

static uint8_t dir_copy[DISKDIR_BYTES];

static bool terminated(const char *s, unsigned len)
{
	for (unsigned i = 0; i < len; i++)
		if (!s[i])
			return true;
	return false;
}

/* The CRC covers the whole directory with its own field read as zero. */
static uint32_t directory_crc(const struct diskdir *dir)
{
	struct diskdir_header *h = (struct diskdir_header *)dir_copy;

	for (unsigned i = 0; i < DISKDIR_BYTES; i++)
		dir_copy[i] = ((const uint8_t *)dir)[i];
	h->crc = 0;
	return crc32c(dir_copy, DISKDIR_BYTES);
}

static struct problem header_check(const struct loader *ld, const struct diskdir_header *h,
				   const struct diskdir *dir)
{
	if (h->magic != DISKDIR_MAGIC)
		return problem(STATUS_BAD_MAGIC, "no directory");
	if (h->version != DISKDIR_VERSION)
		return problem(STATUS_BAD_VERSION, "unknown directory version");
	if (h->count == 0 || h->count > DISKDIR_ENTRIES_MAX)
		return problem(STATUS_OUT_OF_RANGE, "bad entry count");
	if (directory_crc(dir) != h->crc)
		return problem(STATUS_BAD_CHECKSUM, "directory checksum mismatch");
	if (ld->handoff->disk_sectors < h->disk_sectors)
		return problem(STATUS_OUT_OF_RANGE,
			       "disk shorter than its directory says (truncated image?)");
	return NO_PROBLEM;
}

/* The real-mode part's rule (entry.S file_in_disk): after stage 2, and
 * lba + sectors within the disk, computed without overflow. */
static bool inside_disk(const struct loader *ld, unsigned i)
{
	const struct diskdir_entry *e = &ld->dir->entries[i];
	uint64_t first = (uint64_t)ld->dir->header.stage2_lba + ld->dir->header.stage2_sectors;
	uint64_t end = (uint64_t)e->lba + ((uint64_t)e->size + DISKDIR_SECTOR_BYTES - 1) /
		       DISKDIR_SECTOR_BYTES;

	return ld->handoff->file_phys[i] != 0 && e->lba >= first &&
	       end <= ld->handoff->disk_sectors;
}

static struct problem entry_check(const struct loader *ld, unsigned i)
{
	const struct diskdir_entry *e = &ld->dir->entries[i];
	struct problem p = NO_PROBLEM;

	if (!terminated(e->name, DISKDIR_NAME_BYTES) || !e->name[0])
		p = problem(STATUS_BAD_IMAGE, "entry name not a string");
	else if (!terminated(e->caps, DISKDIR_CAPS_BYTES))
		p = problem(STATUS_BAD_IMAGE, "capability list not a string");
	else if (e->kind != DISKDIR_KIND_KERNEL && e->kind != DISKDIR_KIND_PROGRAM)
		p = problem(STATUS_WRONG_TYPE, "unknown entry kind");
	else if (e->size == 0)
		p = problem(STATUS_BAD_IMAGE, "empty file");
	else if (!inside_disk(ld, i))
		p = problem(STATUS_OUT_OF_RANGE, "file outside the disk (truncated image?)");
	else if (crc32c(file_bytes(ld, i), e->size) != e->crc)
		p = problem(STATUS_BAD_CHECKSUM, "file checksum mismatch, disk or load error");
	p.subject = e->name;
	return p;
}

/* Exactly one kernel, at most BOOTINFO_PROGRAMS_MAX programs. */
static struct problem kinds_check(const struct diskdir *dir)
{
	unsigned kernels = 0, programs = 0;

	for (unsigned i = 0; i < dir->header.count; i++) {
		if (dir->entries[i].kind == DISKDIR_KIND_KERNEL)
			kernels++;
		else
			programs++;
	}
	if (kernels != 1)
		return problem(STATUS_BAD_IMAGE, "image must hold exactly one kernel");
	if (programs > BOOTINFO_PROGRAMS_MAX)
		return problem(STATUS_OUT_OF_RANGE, "too many programs");
	return NO_PROBLEM;
}

struct problem directory_check(const struct loader *ld)
{
	struct problem p = header_check(ld, &ld->dir->header, ld->dir);

	for (unsigned i = 0; !p.status && i < ld->dir->header.count; i++)
		p = entry_check(ld, i);
	if (!p.status)
		p = kinds_check(ld->dir);
	return p;
}

void directory_report(const struct loader *ld)
{
	const struct diskdir *dir = ld->dir;

	console_printf("boot: disk files=%lu staged=[0x%lx,0x%lx)\n",
		       (unsigned long)dir->header.count,
		       (unsigned long)ld->staging.start, (unsigned long)ld->staging.end);
}
