/*
 * main.c - stage 2 in long mode: check what the real-mode part loaded,
 * fill the boot-info record, load the kernel and jump to it.  Order:
 * decode and validate everything first, then copy the kernel, then go.
 */
#include "console.h"
#include "loader.h"
#include "mem.h"
#include "reboot_note.h"

void fail_on(struct problem p, const char *context)
{
	if (!p.status)
		return;
	boot_fail("%s%s%s: %s (%s)\n", context, p.subject ? " " : "",
		  p.subject ? p.subject : "", p.what, status_name(p.status));
}

static void loader_init(struct loader *ld)
{
	ld->handoff = (const struct rm_handoff *)LOWMEM_HANDOFF;
	ld->dir = (const struct diskdir *)LOWMEM_DIR;
	ld->info = (struct bootinfo *)STAGING_BASE;
	ld->staging.start = STAGING_BASE;
	ld->staging.end = ld->handoff->staging_end;
	memset(ld->info, 0, sizeof(*ld->info));
	ld->info->magic = BOOTINFO_MAGIC;
	ld->info->version = BOOTINFO_VERSION;
	ld->info->size = sizeof(struct bootinfo);
	ld->info->loader_phys_start = ld->staging.start;
	ld->info->loader_phys_end = ld->staging.end;
}

static unsigned kernel_index(const struct loader *ld)
{
	unsigned i = 0;

	while (ld->dir->entries[i].kind != DISKDIR_KIND_KERNEL)
		i++;
	return i;
}

static void copy_string(char *dst, const char *src, unsigned len)
{
	unsigned i;

	for (i = 0; i + 1 < len && src[i]; i++)
		dst[i] = src[i];
	dst[i] = 0;
}

/* Programs stay where they were staged; the kernel parses them. */
static void list_programs(struct loader *ld)
{
	for (unsigned i = 0; i < ld->dir->header.count; i++) {
		const struct diskdir_entry *e = &ld->dir->entries[i];
		if (e->kind != DISKDIR_KIND_PROGRAM)
			continue;
		struct problem p = program_check(file_bytes(ld, i), e->size);
		p.subject = e->name;
		fail_on(p, "program");
		struct bootinfo_program *bp = &ld->info->programs[ld->info->program_count++];
		copy_string(bp->name, e->name, BOOTINFO_NAME_BYTES);
		copy_string(bp->caps, e->caps, BOOTINFO_CAPS_BYTES);
		bp->phys = ld->handoff->file_phys[i];
		bp->size = e->size;
		console_printf("boot: program %s phys=0x%lx size=%lu caps=%s\n", bp->name,
			       (unsigned long)bp->phys, (unsigned long)bp->size, bp->caps);
	}
}

void loader_main(void)
{
	struct loader ld;

	console_init();
	console_printf("boot: stage2 long mode\n");
	loader_init(&ld);
	fail_on(memmap_collect(&ld), "memory map");
	if (!memmap_usable(&ld, ld.staging))
		boot_fail("staging area [0x%lx,0x%lx) is not usable RAM (too little memory?)\n",
			  (unsigned long)ld.staging.start, (unsigned long)ld.staging.end);
	fail_on(directory_check(&ld), "disk");
	directory_report(&ld);
	ld.info->boot_reason = boot_reboot_note_take(BOOTINFO_REBOOT_NOTE_PHYS);
	config_choose(&ld);

	unsigned k = kernel_index(&ld);
	const uint8_t *kernel = file_bytes(&ld, k);
	struct elf_image image;
	fail_on(kernel_check(&ld, kernel, ld.dir->entries[k].size, &image), "kernel");
	list_programs(&ld);
	kernel_load(&ld, kernel, &image);

	console_printf("boot: entering kernel bootinfo=0x%lx\n", (unsigned long)STAGING_BASE);
	enter_kernel(image.entry, STAGING_BASE, BOOTINFO_MAGIC);
}
