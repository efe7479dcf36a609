/*
 * memmap.c - the E820 map the real-mode part collected, as the kernel gets
 * it (types unchanged), and the question every placement check asks: is
 * this range entirely usable RAM?
 */
#include "console.h"
#include "loader.h"

struct e820_entry {
	uint64_t base;
	uint64_t length;
	uint32_t type;
	uint32_t acpi_attributes;   /* bit 0 clear: the BIOS says ignore it */
};
_Static_assert(sizeof(struct e820_entry) == 24, "E820 entry");

static bool entry_valid(const struct e820_entry *e)
{
	return e->length != 0 && (e->acpi_attributes & 1) &&
	       e->base + e->length > e->base;
}

struct problem memmap_collect(struct loader *ld)
{
	const struct e820_entry *raw = (const struct e820_entry *)LOWMEM_E820;
	struct bootinfo *info = ld->info;
	uint64_t usable = 0;

	for (uint32_t i = 0; i < ld->handoff->e820_count && i < LOWMEM_E820_MAX; i++) {
		if (!entry_valid(&raw[i]) || info->mmap_count == BOOTINFO_MMAP_MAX)
			continue;
		struct bootinfo_mem *m = &info->mmap[info->mmap_count++];
		m->base = raw[i].base;
		m->length = raw[i].length;
		m->type = raw[i].type;
		if (m->type == BOOTINFO_MEM_USABLE)
			usable += m->length;
	}
	if (info->mmap_count == 0)
		return problem(STATUS_NOT_FOUND, "BIOS gave no E820 memory map");
	console_printf("boot: e820 entries=%lu usable_kib=%lu\n",
		       (unsigned long)info->mmap_count, (unsigned long)(usable >> 10));
	return NO_PROBLEM;
}

bool memmap_usable(const struct loader *ld, struct range r)
{
	const struct bootinfo *info = ld->info;

	if (r.end < r.start)
		return false;
	for (uint32_t i = 0; i < info->mmap_count; i++) {
		const struct bootinfo_mem *m = &info->mmap[i];
		if (m->type == BOOTINFO_MEM_USABLE &&
		    r.start >= m->base && r.end <= m->base + m->length)
			return true;
	}
	return false;
}
