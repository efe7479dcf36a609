/*
 * object/bootinfo.c - BootInfo: the kernel's copy of the boot-info record
 * and the frame count, as struct kh_bootfacts in the caller's memory.
 */
#include "object/bootinfo.h"
#include "bootrec.h"
#include "frame.h"
#include "klib.h"
#include "usercopy.h"

/* The chosen blob's tuning fields, generated from tuning.h's one list. */
static void tuning_from_bootinfo(struct kh_bootfacts *dst, const struct bootinfo_config *src)
{
	KH_TUNING_FIELDS(KH_TUNING_COPY_FIELD)
}

static void fill_bootfacts(struct kh_bootfacts *b)
{
	const struct bootinfo *bi = kernel_bootinfo();
	const struct bootinfo_config *c = &bi->config;
	struct frame_stats fs;

	frame_get_stats(&fs);
	memset(b, 0, sizeof(*b));
	b->boot_reason = bi->boot_reason;
	b->config_slot = c->slot;
	tuning_from_bootinfo(b, c);
	b->program_count = bi->program_count;
	b->ram_frames = fs.ram_frames;
	b->dtb_phys = bi->dtb_phys;
	b->dtb_size = bi->dtb_size;
}

enum status invoke_BOOTINFO(struct process *p, struct cap *c, uint32_t op,
			    const uint64_t *a, uint64_t *reply)
{
	struct kh_bootfacts b;

	(void)c; (void)reply;
	if (op != KH_OP_BOOTINFO_READ)
		return STATUS_INVALID_ARGUMENT;
	if (a[1] != sizeof(b))
		return STATUS_BAD_LENGTH;
	fill_bootfacts(&b);
	return user_copy_out(p, a[0], &b, sizeof(b));
}
