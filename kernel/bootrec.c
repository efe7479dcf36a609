/*
 * bootrec.c - the boot-info record, checked and copied once.
 */
#include "bootrec.h"
#include "klib.h"
#include "log.h"

static struct bootinfo boot;      /* our copy: the loader's may be reused */

const struct bootinfo *kernel_bootinfo(void)
{
	return &boot;
}

const struct bootinfo *bootinfo_take(const struct bootinfo *bi, uint64_t magic)
{
	if (magic != BOOTINFO_MAGIC || bi->magic != BOOTINFO_MAGIC)
		panic("bootinfo: bad magic 0x%lx", (unsigned long)magic);
	if (bi->version != BOOTINFO_VERSION || bi->size != sizeof(struct bootinfo))
		panic("bootinfo: version %u size %u, want %u and %u", bi->version, bi->size,
		      BOOTINFO_VERSION, (unsigned)sizeof(struct bootinfo));
	if (bi->mmap_count > BOOTINFO_MMAP_MAX || bi->program_count > BOOTINFO_PROGRAMS_MAX)
		panic("bootinfo: %u memory entries, %u programs", bi->mmap_count,
		      bi->program_count);
	memcpy(&boot, bi, sizeof(boot));
	kprintf("kernel: bootinfo reason=%s mmap=%u programs=%u kernel=0x%lx-0x%lx\n",
		boot_reason_name((enum boot_reason)boot.boot_reason), boot.mmap_count, boot.program_count,
		(unsigned long)boot.kernel_phys_start, (unsigned long)boot.kernel_phys_end);
	return &boot;
}

void bootinfo_use_config(const struct bootinfo_config *c)
{
	if (c != &boot.config)
		memcpy(&boot.config, c, sizeof(boot.config));
}
