/*
 * main.c - the ColdFire loader: console, reboot note, config store, then
 * the payload: check the kernel and every program before copying
 * anything, fill the boot-info record, enter the kernel.
 */
#include "bootcfg.h"
#include "loader.h"
#include "reboot_note.h"

_Static_assert(CF_STORE_PHYS + BOOTCFG_STORE_BYTES <= CF_SCRATCH_END, "store copy fits");
_Static_assert(CF_BOOTINFO_PHYS + sizeof(struct bootinfo) <= CF_STORE_PHYS, "bootinfo fits");

void enter_kernel(uint32_t entry, const struct bootinfo *bi, uint32_t magic_hi,
		  uint32_t magic_lo) __attribute__((noreturn));
void loader_main(void) __attribute__((noreturn));

/* Does the word at addr keep what is written?  Memory QEMU has nothing
 * behind reads as 0 and drops writes (no fault on this board); the word
 * is given back. */
static bool is_ram(uint32_t addr)
{
	volatile uint32_t *w = (volatile uint32_t *)(uintptr_t)addr;
	uint32_t keep = *w;
	bool ram;

	*w = 0x6b686561u;
	ram = *w == 0x6b686561u;
	*w = ~0x6b686561u;
	ram = ram && *w == ~0x6b686561u;
	*w = keep;
	return ram;
}

/* SDRAM from its base, in whole MiB: as much as QEMU was given (-m), so
 * every table the kernel sizes from RAM is the machine's. */
static uint32_t sdram_bytes(void)
{
	uint32_t bytes = CF_SDRAM_MIN_BYTES;

	if (!is_ram(CF_SDRAM_BASE + CF_SDRAM_MIN_BYTES - 4u))
		boot_fail("sdram: less than %lu MiB (QEMU -m %luM at least)\n",
			  (unsigned long)(CF_SDRAM_MIN_BYTES >> 20),
			  (unsigned long)(CF_SDRAM_MIN_BYTES >> 20));
	while (bytes < CF_SDRAM_MAX_BYTES && is_ram(CF_SDRAM_BASE + bytes))
		bytes += CF_SDRAM_STEP;
	return bytes;
}

static struct bootinfo *bootinfo_init(void)
{
	struct bootinfo *bi = (struct bootinfo *)CF_BOOTINFO_PHYS;
	uint32_t sdram = sdram_bytes();

	memset(bi, 0, sizeof(*bi));
	bi->magic = BOOTINFO_MAGIC;
	bi->version = BOOTINFO_VERSION;
	bi->size = sizeof(*bi);
	bi->loader_phys_start = CF_SCRATCH_BASE;
	bi->loader_phys_end = CF_SCRATCH_END;
	bi->mmap_count = 1;
	bi->mmap[0] = (struct bootinfo_mem){ CF_SDRAM_BASE, sdram, BOOTINFO_MEM_USABLE, 0 };
	console_printf("boot: memory sdram=[0x%lx,0x%lx) scratch=[0x%lx,0x%lx)\n",
		       (unsigned long)CF_SDRAM_BASE, (unsigned long)(CF_SDRAM_BASE + sdram),
		       (unsigned long)CF_SCRATCH_BASE, (unsigned long)CF_SCRATCH_END);
	return bi;
}

static void add_program(struct bootinfo *bi, const struct cf_file *f)
{
	struct bootinfo_program *p;

	if (bi->program_count == BOOTINFO_PROGRAMS_MAX)
		boot_fail("program %s: more than %u programs\n", f->name,
			  (unsigned)BOOTINFO_PROGRAMS_MAX);
	p = &bi->programs[bi->program_count++];
	memcpy(p->name, f->name, BOOTINFO_NAME_BYTES);
	memcpy(p->caps, f->caps, BOOTINFO_CAPS_BYTES);
	p->phys = (uint32_t)f->data;     /* stays in ROM: the kernel copies it */
	p->size = f->size;
	console_printf("boot: program %s phys=0x%lx size=%lu caps=%s\n", p->name,
		       (unsigned long)p->phys, (unsigned long)p->size, p->caps);
}

/* Programs and the DTB (a file named "dtb"); the kernel parses programs. */
static void list_files(struct bootinfo *bi, uint32_t count)
{
	for (uint32_t i = 1; i < count; i++) {
		struct cf_file f;
		enum status st = payload_file(i, &f);
		if (st)
			boot_fail("payload entry %lu: %s\n", (unsigned long)i, status_name(st));
		if (!memcmp(f.name, "dtb", 4)) {
			bi->dtb_phys = (uint32_t)f.data;
			bi->dtb_size = f.size;
			console_printf("boot: dtb phys=0x%lx size=%lu\n", (unsigned long)bi->dtb_phys,
				       (unsigned long)f.size);
			continue;
		}
		if (f.data[0] != 0x7f || memcmp(f.data, "\177ELF", 4))
			boot_fail("program %s: not an ELF file\n", f.name);
		add_program(bi, &f);
	}
}

static void check_kernel(struct bootinfo *bi, struct cf_file *k, struct elf_image *im)
{
	uint32_t lo, hi;
	enum status st = payload_file(0, k);

	if (!st && memcmp(k->name, "kernel", 7))
		st = STATUS_BAD_IMAGE;
	if (!st)
		st = kernel_check(k, im, &lo, &hi);
	if (st)
		boot_fail("kernel: %s\n", status_name(st));
	bi->kernel_phys_start = lo;
	bi->kernel_phys_end = hi;
	console_printf("boot: kernel phys=[0x%lx,0x%lx) entry=0x%lx\n", (unsigned long)lo,
		       (unsigned long)hi, (unsigned long)im->entry);
}

void loader_main(void)
{
	struct cf_file kernel;
	struct elf_image image;
	uint32_t count;

	console_init();
	console_printf("boot: coldfire loader (mcf5208evb)\n");
	struct bootinfo *bi = bootinfo_init();
	bi->boot_reason = boot_reboot_note_take((uintptr_t)BOOTINFO_REBOOT_NOTE_PHYS_COLDFIRE);
	config_choose(bi);
	enum status st = payload_count(&count);
	if (st)
		boot_fail("payload at 0x%lx: %s\n", (unsigned long)CF_PAYLOAD_OFFSET, status_name(st));
	check_kernel(bi, &kernel, &image);
	list_files(bi, count);
	kernel_load(&kernel, &image);
	console_printf("boot: no MMU: user programs run without isolation\n");
	console_printf("boot: entering kernel bootinfo=0x%lx\n", (unsigned long)CF_BOOTINFO_PHYS);
	enter_kernel((uint32_t)image.entry, bi, (uint32_t)(BOOTINFO_MAGIC >> 32),
		     (uint32_t)BOOTINFO_MAGIC);
}
