/*
 * mkdisk - builds the x86_64 boot disk image the BIOS loader reads.
 *
 *   mkdisk --out disk.img --stage1 stage1.bin --stage2 stage2.bin
 *          --kernel kernel.elf [--manifest manifest.txt
 *          --program NAME=PATH ...]
 *   mkdisk --list disk.img
 *
 * Layout (lib/include/diskdir.h, docs/boot-x86_64.md): MBR = stage 1, the
 * directory at LBA 1..8, stage 2 from LBA 9, then the kernel and the
 * programs in manifest order, each from a sector boundary.  Every input is
 * checked before the output is opened, so a bad input leaves no image.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bootcfg.h"
#include "bootinfo.h"
#include "diskdir.h"
#include "status.h"

#define FILE_MAX_BYTES   (256u << 20)
/* Whole MiBs: SeaBIOS reads the MBR through CHS and needs one cylinder. */
#define IMAGE_ALIGN      (1u << 20)

struct blob {
	uint8_t *data;
	size_t size;
};

struct file_entry {
	char name[DISKDIR_NAME_BYTES];
	char caps[DISKDIR_CAPS_BYTES];
	uint32_t kind;
	const char *path;
	struct blob content;
};

struct layout {
	const char *out, *stage1_path, *stage2_path, *kernel_path, *manifest_path;
	struct blob stage1, stage2;
	struct file_entry files[DISKDIR_ENTRIES_MAX];
	unsigned count;
	/* --program NAME=PATH pairs, matched against the manifest */
	char *program_args[DISKDIR_ENTRIES_MAX];
	unsigned program_arg_count;
};

static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("mkdisk: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void usage(void)
{
	fputs("usage: mkdisk --out IMG --stage1 BIN --stage2 BIN --kernel ELF\n"
	      "              [--manifest FILE --program NAME=PATH ...]\n"
	      "       mkdisk --list IMG\n", stderr);
	exit(2);
}

static struct blob read_file(const char *path)
{
	struct blob b = { 0, 0 };
	FILE *f = fopen(path, "rb");
	long len;

	if (!f)
		die("cannot open %s: %s", path, strerror(errno));
	if (fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
		die("cannot size %s", path);
	if ((unsigned long)len > FILE_MAX_BYTES)
		die("%s is larger than %u bytes", path, FILE_MAX_BYTES);
	b.size = (size_t)len;
	b.data = malloc(b.size ? b.size : 1);
	if (!b.data || fread(b.data, 1, b.size, f) != b.size)
		die("cannot read %s", path);
	fclose(f);
	return b;
}

static uint32_t sectors_of(size_t bytes)
{
	return (uint32_t)((bytes + DISKDIR_SECTOR_BYTES - 1) / DISKDIR_SECTOR_BYTES);
}

/* Names become bootinfo program names and log words: keep them plain. */
static enum status check_name(const char *name)
{
	size_t len = strlen(name);

	if (len == 0 || len >= DISKDIR_NAME_BYTES)
		return STATUS_OUT_OF_RANGE;
	for (size_t i = 0; i < len; i++)
		if (!(name[i] == '_' || name[i] == '-' || name[i] == '.' ||
		      (name[i] >= 'a' && name[i] <= 'z') ||
		      (name[i] >= 'A' && name[i] <= 'Z') ||
		      (name[i] >= '0' && name[i] <= '9')))
			return STATUS_INVALID_ARGUMENT;
	return STATUS_OK;
}

static void parse_args(struct layout *l, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *opt = argv[i];
		if (i + 1 >= argc)
			usage();
		const char *val = argv[++i];
		if (!strcmp(opt, "--out"))
			l->out = val;
		else if (!strcmp(opt, "--stage1"))
			l->stage1_path = val;
		else if (!strcmp(opt, "--stage2"))
			l->stage2_path = val;
		else if (!strcmp(opt, "--kernel"))
			l->kernel_path = val;
		else if (!strcmp(opt, "--manifest"))
			l->manifest_path = val;
		else if (!strcmp(opt, "--program") &&
			 l->program_arg_count < DISKDIR_ENTRIES_MAX)
			l->program_args[l->program_arg_count++] = (char *)val;
		else if (!strcmp(opt, "--program"))
			die("too many --program options");
		else
			usage();
	}
	if (!l->out || !l->stage1_path || !l->stage2_path || !l->kernel_path)
		usage();
	if (l->program_arg_count && !l->manifest_path)
		die("--program needs --manifest (it lists names and capabilities)");
}

static const char *program_path(struct layout *l, const char *name)
{
	size_t len = strlen(name);

	for (unsigned i = 0; i < l->program_arg_count; i++) {
		const char *arg = l->program_args[i];
		if (!strncmp(arg, name, len) && arg[len] == '=')
			return arg + len + 1;
	}
	die("manifest lists program '%s' but no --program %s=PATH was given", name, name);
	return NULL;
}

static struct file_entry *add_entry(struct layout *l, const char *name,
				    const char *caps, uint32_t kind)
{
	if (kind == DISKDIR_KIND_PROGRAM && l->count - 1 >= BOOTINFO_PROGRAMS_MAX)
		die("too many programs (at most %u)", BOOTINFO_PROGRAMS_MAX);
	if (check_name(name))
		die("bad name '%s': 1..%u characters of [A-Za-z0-9_.-]", name,
		    DISKDIR_NAME_BYTES - 1);
	if (strlen(caps) >= DISKDIR_CAPS_BYTES)
		die("capability list of '%s' is longer than %u characters", name,
		    DISKDIR_CAPS_BYTES - 1);
	for (unsigned i = 0; i < l->count; i++)
		if (!strcmp(l->files[i].name, name))
			die("name '%s' appears twice", name);
	struct file_entry *e = &l->files[l->count++];
	strcpy(e->name, name);
	strcpy(e->caps, caps);
	e->kind = kind;
	return e;
}

/* One manifest line: `name caps`, '#' starts a comment, blank lines skipped. */
static void parse_manifest_line(struct layout *l, char *line, unsigned lineno)
{
	char *hash = strchr(line, '#');
	char name[64] = "", caps[256] = "", extra[8] = "";

	if (hash)
		*hash = 0;
	int n = sscanf(line, "%63s %255s %7s", name, caps, extra);
	if (n <= 0)
		return;
	if (n == 3)
		die("%s:%u: expected `name caps`, got more words", l->manifest_path, lineno);
	struct file_entry *e = add_entry(l, name, caps, DISKDIR_KIND_PROGRAM);
	e->path = program_path(l, name);
}

/* Is the NAME of a --program NAME=PATH argument listed in the manifest? */
static bool manifest_lists(const struct layout *l, const char *arg)
{
	const char *eq = strchr(arg, '=');

	for (unsigned i = 1; eq && i < l->count; i++)
		if (strlen(l->files[i].name) == (size_t)(eq - arg) &&
		    !strncmp(l->files[i].name, arg, (size_t)(eq - arg)))
			return true;
	return false;
}

static void parse_manifest(struct layout *l)
{
	FILE *f = fopen(l->manifest_path, "r");
	char line[512];
	unsigned lineno = 0;

	if (!f)
		die("cannot open %s: %s", l->manifest_path, strerror(errno));
	while (fgets(line, sizeof line, f))
		parse_manifest_line(l, line, ++lineno);
	fclose(f);
	for (unsigned i = 0; i < l->program_arg_count; i++)
		if (!manifest_lists(l, l->program_args[i]))
			die("--program %s is not in the manifest", l->program_args[i]);
}

static void load_inputs(struct layout *l)
{
	l->stage1 = read_file(l->stage1_path);
	if (l->stage1.size != DISKDIR_SECTOR_BYTES ||
	    l->stage1.data[510] != 0x55 || l->stage1.data[511] != 0xaa)
		die("%s: stage 1 must be one 512-byte sector ending in 55 aa", l->stage1_path);
	l->stage2 = read_file(l->stage2_path);
	if (l->stage2.size == 0 || l->stage2.size > DISKDIR_STAGE2_MAX)
		die("%s: stage 2 must be 1..%u bytes, is %zu", l->stage2_path,
		    DISKDIR_STAGE2_MAX, l->stage2.size);
	for (unsigned i = 0; i < l->count; i++) {
		struct file_entry *e = &l->files[i];
		e->content = read_file(e->path);
		if (e->content.size < 4 || memcmp(e->content.data, "\x7f" "ELF", 4))
			die("%s (%s) is not an ELF file", e->path, e->name);
	}
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)v);
	put16(p + 2, (uint16_t)(v >> 16));
}

static uint32_t get32(const uint8_t *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* CRC-32C of stage 2 as stage 1 loads it: whole sectors, zero-padded. */
static uint32_t stage2_crc(const struct blob *stage2)
{
	size_t padded = (size_t)sectors_of(stage2->size) * DISKDIR_SECTOR_BYTES;
	uint8_t *buf = calloc(1, padded);

	if (!buf)
		die("out of memory");
	memcpy(buf, stage2->data, stage2->size);
	uint32_t crc = crc32c(buf, padded);
	free(buf);
	return crc;
}

/* Assigns sectors in order and encodes the directory, CRC last. */
static uint32_t encode_directory(struct layout *l, uint8_t *dir)
{
	uint32_t lba = DISKDIR_STAGE2_LBA + sectors_of(l->stage2.size);

	memset(dir, 0, DISKDIR_BYTES);
	put32(dir + DISKDIR_OFF_MAGIC, DISKDIR_MAGIC);
	put16(dir + 4, DISKDIR_VERSION);
	put16(dir + DISKDIR_OFF_COUNT, (uint16_t)l->count);
	put32(dir + DISKDIR_OFF_STAGE2_LBA, DISKDIR_STAGE2_LBA);
	put32(dir + DISKDIR_OFF_STAGE2_SECTORS, sectors_of(l->stage2.size));
	put32(dir + DISKDIR_OFF_STAGE2_CRC, stage2_crc(&l->stage2));
	for (unsigned i = 0; i < l->count; i++) {
		const struct file_entry *e = &l->files[i];
		uint8_t *p = dir + DISKDIR_OFF_ENTRIES + i * DISKDIR_ENTRY_BYTES;
		memcpy(p, e->name, strlen(e->name));
		memcpy(p + DISKDIR_NAME_BYTES, e->caps, strlen(e->caps));
		put32(p + DISKDIR_ENTRY_OFF_KIND, e->kind);
		put32(p + DISKDIR_ENTRY_OFF_LBA, lba);
		put32(p + DISKDIR_ENTRY_OFF_SIZE, (uint32_t)e->content.size);
		put32(p + DISKDIR_ENTRY_OFF_CRC, crc32c(e->content.data, e->content.size));
		lba += sectors_of(e->content.size);
	}
	uint32_t total = (lba * DISKDIR_SECTOR_BYTES + IMAGE_ALIGN - 1) / IMAGE_ALIGN *
			 (IMAGE_ALIGN / DISKDIR_SECTOR_BYTES);
	put32(dir + DISKDIR_OFF_DISK_SECTORS, total);
	put32(dir + DISKDIR_OFF_CRC, crc32c(dir, DISKDIR_BYTES));
	return total;
}

static void write_at(FILE *f, uint32_t lba, const struct blob *b, const char *out)
{
	if (fseek(f, (long)lba * DISKDIR_SECTOR_BYTES, SEEK_SET) ||
	    fwrite(b->data, 1, b->size, f) != b->size)
		die("cannot write %s: %s", out, strerror(errno));
}

static void write_image(struct layout *l)
{
	uint8_t dir[DISKDIR_BYTES];
	uint32_t total = encode_directory(l, dir);
	struct blob dir_blob = { dir, sizeof dir };
	FILE *f = fopen(l->out, "wb");

	if (!f)
		die("cannot create %s: %s", l->out, strerror(errno));
	write_at(f, 0, &l->stage1, l->out);
	write_at(f, DISKDIR_LBA, &dir_blob, l->out);
	write_at(f, DISKDIR_STAGE2_LBA, &l->stage2, l->out);
	for (unsigned i = 0; i < l->count; i++)
		write_at(f, get32(dir + DISKDIR_OFF_ENTRIES + i * DISKDIR_ENTRY_BYTES +
				  DISKDIR_ENTRY_OFF_LBA), &l->files[i].content, l->out);
	/* The last byte fixes the size: the image is a whole number of blocks. */
	struct blob last = { (uint8_t *)"", 1 };
	if (fseek(f, (long)total * DISKDIR_SECTOR_BYTES - 1, SEEK_SET) ||
	    fwrite(last.data, 1, 1, f) != 1 || fclose(f))
		die("cannot write %s: %s", l->out, strerror(errno));
}

/* --list: checks an image's directory and prints it. */
static int list_image(const char *path)
{
	struct blob img = read_file(path);
	uint8_t dir[DISKDIR_BYTES];

	if (img.size < (DISKDIR_LBA + DISKDIR_SECTORS) * DISKDIR_SECTOR_BYTES)
		die("%s: too short for a directory", path);
	memcpy(dir, img.data + DISKDIR_LBA * DISKDIR_SECTOR_BYTES, sizeof dir);
	uint32_t crc = get32(dir + DISKDIR_OFF_CRC);
	put32(dir + DISKDIR_OFF_CRC, 0);
	if (get32(dir) != DISKDIR_MAGIC || crc32c(dir, sizeof dir) != crc)
		die("%s: bad directory (magic or checksum)", path);
	unsigned count = dir[6] | dir[7] << 8;
	printf("stage2 lba=%u sectors=%u entries=%u\n", get32(dir + 8), get32(dir + 12), count);
	for (unsigned i = 0; i < count && i < DISKDIR_ENTRIES_MAX; i++) {
		const uint8_t *p = dir + DISKDIR_OFF_ENTRIES + i * DISKDIR_ENTRY_BYTES;
		printf("%-15.15s kind=%s lba=%u size=%u crc=%08x caps=%.*s\n", (const char *)p,
		       get32(p + DISKDIR_ENTRY_OFF_KIND) == DISKDIR_KIND_KERNEL ? "kernel" : "program",
		       get32(p + DISKDIR_ENTRY_OFF_LBA), get32(p + DISKDIR_ENTRY_OFF_SIZE),
		       get32(p + DISKDIR_ENTRY_OFF_CRC), DISKDIR_CAPS_BYTES - 1,
		       (const char *)p + DISKDIR_NAME_BYTES);
	}
	return 0;
}

int main(int argc, char **argv)
{
	static struct layout l;

	if (argc == 3 && !strcmp(argv[1], "--list"))
		return list_image(argv[2]);
	parse_args(&l, argc, argv);
	struct file_entry *k = add_entry(&l, "kernel", "", DISKDIR_KIND_KERNEL);
	k->path = l.kernel_path;
	if (l.manifest_path)
		parse_manifest(&l);
	load_inputs(&l);
	write_image(&l);
	return 0;
}
