/*
 * exec.c - loading a program: check the manifest entry (name, grants,
 * ELF), take a free slot, map its segments and stack page by page from
 * fresh frames, install its capabilities, lay out its first user frame.
 */
#include "exec.h"
#include "config.h"
#include "elf.h"
#include "exit.h"
#include "frame.h"
#include "klib.h"
#include "proc.h"
#include "object/endpoint.h"
#include "capops.h"

static uint32_t next_pid = 1;

/* Frame behind user page va, mapping a fresh zeroed one if needed. */
static enum status user_page(struct process *p, uint64_t va, unsigned flags, uint64_t *pa)
{
	if (!hal_as_lookup(&p->as, va, 0, pa))
		return STATUS_OK;    /* shared with the previous segment */
	/* Without an MMU a program sees physical memory: the frame must be
	 * the one at its link address. */
	enum status st = HAL_HAS_MMU ? frame_alloc_user(pa) : frame_alloc_user_at(va, pa);
	if (st)
		return st;
	p->frames++;
	st = hal_as_map(&p->as, va, *pa, flags);
	if (st) {
		frame_free_user(*pa);
		p->frames--;
	}
	return st;
}

/* Copies the file bytes of `seg` that fall in page [va, va + page). */
static void fill_page(uint8_t *page, uint64_t va, const uint8_t *file,
		      const struct elf_segment *seg)
{
	uint64_t file_end = seg->vaddr + seg->filesz;
	uint64_t from = seg->vaddr > va ? seg->vaddr : va;
	uint64_t to = min_u64(file_end, va + HAL_PAGE_BYTES);

	if (from < to)
		memcpy(page + (from - va), file + seg->offset + (from - seg->vaddr), to - from);
}

static enum status load_segment(struct process *p, const uint8_t *file,
				const struct elf_segment *seg)
{
	uint64_t va = seg->vaddr & ~(uint64_t)(HAL_PAGE_BYTES - 1);
	uint64_t end = seg->vaddr + seg->memsz;

	for (; va < end; va += HAL_PAGE_BYTES) {
		uint64_t pa;
		enum status st = user_page(p, va, seg->flags, &pa);
		if (st)
			return st;
		fill_page(hal_phys_to_virt(pa), va, file, seg);
	}
	return STATUS_OK;
}

/* Where the user stack ends.  With an MMU every program has it at
 * HAL_USER_STACK_TOP; without one, programs share one space, so each gets
 * its stack in the pages just above its own image. */
static uint64_t user_stack_top(const struct elf_image *im)
{
	uint64_t end = 0;

	if (HAL_HAS_MMU)
		return HAL_USER_STACK_TOP;
	for (uint32_t i = 0; i < im->segment_count; i++)
		if (im->segment[i].vaddr + im->segment[i].memsz > end)
			end = im->segment[i].vaddr + im->segment[i].memsz;
	end = (end + HAL_PAGE_BYTES - 1) & ~(uint64_t)(HAL_PAGE_BYTES - 1);
	return end + HAL_USER_STACK_PAGES * HAL_PAGE_BYTES;
}

static enum status map_stack(struct process *p, uint64_t top)
{
	uint64_t pa;

	for (uint32_t i = 1; i <= HAL_USER_STACK_PAGES; i++) {
		enum status st = user_page(p, top - i * HAL_PAGE_BYTES,
					   HAL_MAP_WRITE, &pa);
		if (st)
			return st;
	}
	return STATUS_OK;
}

static enum status load_image(struct process *p, const uint8_t *file,
			      const struct elf_image *im)
{
	enum status st = hal_as_create(&p->as, p->pt_budget);

	for (uint32_t i = 0; !st && i < im->segment_count; i++)
		st = load_segment(p, file, &im->segment[i]);
	if (!st)
		st = map_stack(p, user_stack_top(im));
	return st;
}

/* Fills the slots from the grants; endpoints are named objects shared by
 * every program granted the same name. */
static enum status install_caps(struct process *p, const struct cap_grant *g, unsigned n)
{
	uint32_t mask = 0;

	memset(p->caps, 0, KH_CAPS_PER_PROC * sizeof(struct cap));
	for (unsigned i = 0; i < n; i++) {
		p->caps[i] = g[i].cap;
		p->caps[i].rights |= KH_RIGHTS_GRANTED;
		if (g[i].cap.type == CAP_ENDPOINT) {
			uint32_t ep;
			enum status st = ipc_endpoint_named(g[i].name, &ep);
			if (st)
				return st;
			p->caps[i].object = ep;
		}
		mask |= 1u << g[i].cap.type;
	}
	p->grants = mask;
	return STATUS_OK;
}

/* Checks the manifest entry before anything is allocated. */
static enum status check_program(const struct bootinfo_program *prog, bool spawned,
				 struct elf_image *im, uint32_t *grants)
{
	static const struct elf_limits lim = {
		.machine = HAL_ELF_MACHINE,
		.user_base = HAL_USER_BASE,
		.user_top = HAL_USER_STACK_TOP - HAL_USER_STACK_PAGES * HAL_PAGE_BYTES,
		.elf32 = !HAL_ELF_CLASS64,
	};

	if (kstrnlen(prog->name, BOOTINFO_NAME_BYTES) == BOOTINFO_NAME_BYTES || !prog->name[0])
		return STATUS_INVALID_ARGUMENT;
	enum status st = spawned ? STATUS_OK
				 : cap_parse_grants(prog->caps, BOOTINFO_CAPS_BYTES, grants);
	if (st)
		return st;
	return elf_parse(hal_phys_to_virt(prog->phys), prog->size, &lim, im);
}

/* A spawned child's slots: the parent's copies, and their text for the
 * `kernel: process` line. */
static void install_given(struct process *p, const struct cap *caps, unsigned n)
{
	unsigned at = 0;

	memset(p->caps, 0, KH_CAPS_PER_PROC * sizeof(struct cap));
	p->caps_text[0] = '\0';
	for (unsigned i = 0; i < n; i++) {
		p->caps[i] = caps[i];
		if (at + 2 < sizeof(p->caps_text)) {
			if (i)
				p->caps_text[at++] = ',';
			cap_format(&caps[i], p->caps_text + at, sizeof(p->caps_text) - at);
			at += (unsigned)kstrnlen(p->caps_text + at, sizeof(p->caps_text) - at);
		}
	}
	cap_recount(p);
}

static enum status install_manifest(struct process *p, const struct bootinfo_program *prog)
{
	struct cap_grant g[KH_CAPS_PER_PROC];
	unsigned n;

	enum status st = cap_parse_grant_list(prog->caps, BOOTINFO_CAPS_BYTES, g,
					      KH_CAPS_PER_PROC, &n);
	if (!st)
		st = install_caps(p, g, n);
	kstrlcpy(p->caps_text, prog->caps, sizeof(p->caps_text));
	return st;
}

static enum status create(const struct bootinfo_program *prog, const struct cap *given,
			  unsigned n, uint32_t parent, uint32_t *pid)
{
	struct elf_image im;
	uint32_t grants;
	struct process *p = process_free_slot();

	enum status st = check_program(prog, given != NULL, &im, &grants);
	if (st)
		return st;
	if (!p)
		return STATUS_NO_MEMORY;
	p->frames = 0;
	p->parent = 0;            /* set once it exists: a failed start wakes no one */
	p->death_unseen = false;
	p->fa_frames = p->fa_reserved = 0;
	p->fa_reserve_head = 0xffffffffu;
	st = load_image(p, hal_phys_to_virt(prog->phys), &im);
	if (st) {
		process_release(p);
		return st;
	}
	(void)grants;
	if (given)
		install_given(p, given, n);
	else
		st = install_manifest(p, prog);
	if (st) {
		process_release(p);
		return st;
	}
	p->pid = next_pid++;
	p->end_state = KH_PROC_LIVE;
	p->exit_status = 0;
	p->reply_to = PROC_NONE;
	p->next = PROC_NONE;
	p->quantum = KH_QUANTUM_TICKS;
	kstrlcpy(p->name, prog->name, sizeof(p->name));
	p->parent = parent;
	p->frame = hal_frame_init(p->kstack, im.entry, user_stack_top(&im), p->pid);
	p->state = PROC_READY;
	*pid = p->pid;
	return STATUS_OK;
}


enum status process_create(const struct bootinfo_program *prog, uint32_t *pid)
{
	return create(prog, NULL, 0, 0, pid);
}

enum status process_spawn_image(const struct bootinfo_program *prog, const struct cap *caps,
				unsigned n, uint32_t parent, uint32_t *pid)
{
	static const struct cap none;

	return create(prog, n ? caps : &none, n, parent, pid);
}
