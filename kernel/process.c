/*
 * process.c - the process table, ELF loading and the run queue.
 */
#include "process.h"
#include "config.h"
#include "elf.h"
#include "frame.h"
#include "heap.h"
#include "kernel.h"
#include "klib.h"
#include "log.h"
#include "objects.h"

static struct process *table;     /* KH_MAX_PROCS slots in the heap */
static struct process *current;
static uint32_t next_pid = 1;

void process_table_init(void)
{
	uint64_t pt_bytes = (uint64_t)KH_PT_FRAMES_PER_PROC * HAL_PAGE_BYTES;

	table = heap_alloc(HEAP_PART_PROCESSES, KH_MAX_PROCS * sizeof(*table),
			   _Alignof(struct process));
	for (uint32_t i = 0; i < KH_MAX_PROCS; i++) {
		struct process *p = &table[i];
		p->kstack = heap_alloc(HEAP_PART_KSTACKS, HAL_KSTACK_BYTES, 16);
		p->caps = heap_alloc(HEAP_PART_CAPS, KH_CAPS_PER_PROC * sizeof(struct cap), 8);
		p->pt_budget.next = heap_alloc_phys(HEAP_PART_USER_TABLES, pt_bytes);
		p->pt_budget.end = p->pt_budget.next + pt_bytes;
		p->slot_index = i;
	}
}

struct process *process_slot(uint32_t index)
{
	return index < KH_MAX_PROCS ? &table[index] : NULL;
}

struct process *process_by_pid(uint32_t pid)
{
	for (uint32_t i = 0; i < KH_MAX_PROCS; i++)
		if (table[i].state != PROC_FREE && table[i].pid == pid)
			return &table[i];
	return NULL;
}

struct process *process_slot_of_pid(uint32_t pid)
{
	for (uint32_t i = 0; i < KH_MAX_PROCS; i++)
		if (pid && table[i].pid == pid)
			return &table[i];
	return NULL;
}

struct process *process_current(void)
{
	return current;
}

static struct process *free_slot(void)
{
	for (uint32_t i = 0; i < KH_MAX_PROCS; i++)
		if (table[i].state == PROC_FREE)
			return &table[i];
	return NULL;
}

static void free_page(uint64_t pa, void *arg)
{
	struct process *p = arg;

	enum status st = frame_free_user(pa);
	if (st)
		panic("freeing user frame 0x%lx of pid %u: %s", (unsigned long)pa,
		      p->pid, status_name(st));
	p->frames--;
}

/* Returns everything the process holds; its slot's parts stay carved.
 * Device pages first (they are pool records, not frames), then IPC waits,
 * then the RAM frames. */
static void process_release(struct process *p)
{
	devmem_release_all(p);
	ipc_release(p);
	framealloc_release_all(p);
	hal_as_for_each_page(&p->as, free_page, p);
	KASSERT(p->frames == 0);
	memset(p->caps, 0, KH_CAPS_PER_PROC * sizeof(struct cap));
	p->as.tls_base = 0;
	p->state = PROC_FREE;
	p->started = false;
}

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

static uint64_t min_u64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
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
static enum status check_program(const struct bootinfo_program *prog,
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
	enum status st = cap_parse_grants(prog->caps, BOOTINFO_CAPS_BYTES, grants);
	if (st)
		return st;
	return elf_parse(hal_phys_to_virt(prog->phys), prog->size, &lim, im);
}

enum status process_create(const struct bootinfo_program *prog, uint32_t *pid)
{
	struct elf_image im;
	uint32_t grants;
	struct process *p = free_slot();

	enum status st = check_program(prog, &im, &grants);
	if (st)
		return st;
	if (!p)
		return STATUS_NO_MEMORY;
	p->frames = 0;
	p->fa_frames = p->fa_reserved = 0;
	p->fa_reserve_head = 0xffffffffu;
	st = load_image(p, hal_phys_to_virt(prog->phys), &im);
	if (st) {
		process_release(p);
		return st;
	}
	struct cap_grant g[KH_CAPS_PER_PROC];
	unsigned n;
	(void)grants;
	st = cap_parse_grant_list(prog->caps, BOOTINFO_CAPS_BYTES, g, KH_CAPS_PER_PROC, &n);
	if (!st)
		st = install_caps(p, g, n);
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
	kstrlcpy(p->caps_text, prog->caps, sizeof(p->caps_text));
	p->frame = hal_frame_init(p->kstack, im.entry, user_stack_top(&im), p->pid);
	p->state = PROC_READY;
	*pid = p->pid;
	return STATUS_OK;
}

/* Next ready slot after the current one, wrapping; NULL if none. */
static struct process *sched_pick(void)
{
	uint32_t start = current ? (uint32_t)(current - table) + 1 : 0;

	for (uint32_t i = 0; i < KH_MAX_PROCS; i++) {
		struct process *p = &table[(start + i) % KH_MAX_PROCS];
		if (p->state == PROC_READY)
			return p;
	}
	return NULL;
}

void sched_run_next(void)
{
	struct process *p = sched_pick();

	current = p;
	if (!p)
		hal_run_idle(kernel_idle);
	if (!p->started) {
		kprintf("kernel: process %s pid=%u caps=%s\n", p->name, p->pid, p->caps_text);
		p->started = true;
	}
	p->state = PROC_RUNNING;
	if (!p->quantum)
		p->quantum = KH_QUANTUM_TICKS;
	hal_user_enter(&p->as, p->frame);
}

void process_exit_current(uint32_t end_state)
{
	KASSERT(current);
	current->end_state = end_state;
	process_release(current);
	current = NULL;
	sched_run_next();
}

void process_stop(struct process *p)
{
	KASSERT(p != current && p->state != PROC_FREE);
	kprintf("kernel: stop pid=%u name=%s\n", p->pid, p->name);
	p->end_state = KH_PROC_STOPPED;
	process_release(p);
}

void process_block(enum proc_state state)
{
	KASSERT(current);
	current->state = state;
	current = NULL;
	sched_run_next();
}

void process_wake(struct process *p, uint64_t result)
{
	hal_syscall_set_result(p->frame, result);
	p->state = PROC_READY;
}

/* Wakes sleepers whose time has come. */
static void wake_sleepers(uint64_t now)
{
	for (uint32_t i = 0; i < KH_MAX_PROCS; i++)
		if (table[i].state == PROC_SLEEPING && table[i].wake_tick <= now)
			process_wake(&table[i], STATUS_OK);
}

void sched_tick(void)
{
	wake_sleepers(kernel_ticks());
	if (!current) {
		if (sched_pick())
			sched_run_next();   /* out of the idle loop */
		return;
	}
	if (--current->quantum)
		return;
	/* Slice over: to the back of the line (sched_pick starts after us). */
	current->state = PROC_READY;
	current->quantum = KH_QUANTUM_TICKS;
	sched_run_next();
}

/* Checks [va, va + len) page by page against the address space. */
enum status user_range_check(const struct process *p, uint64_t va, uint64_t len,
			     unsigned need)
{
	uint64_t pa;

	if (va + len < va || va + len > HAL_USER_TOP)
		return STATUS_OUT_OF_RANGE;
	for (uint64_t at = va & ~(uint64_t)(HAL_PAGE_BYTES - 1); at < va + len; at += HAL_PAGE_BYTES)
		if (hal_as_lookup(&p->as, at, need, &pa))
			return STATUS_NO_PERMISSION;
	return STATUS_OK;
}

/* Copies len bytes between kernel memory and user memory, page by page,
 * through the direct map (the range is already checked). */
static void user_copy(const struct process *p, uint64_t va, uint8_t *k, uint64_t len, bool out)
{
	while (len) {
		uint64_t pa, off = va % HAL_PAGE_BYTES;
		uint64_t n = min_u64(len, HAL_PAGE_BYTES - off);
		hal_as_lookup(&p->as, va - off, 0, &pa);
		uint8_t *u = (uint8_t *)hal_phys_to_virt(pa) + off;
		if (out)
			memcpy(u, k, n);
		else
			memcpy(k, u, n);
		va += n;
		k += n;
		len -= n;
	}
}

enum status user_copy_in(const struct process *p, void *dst, uint64_t src, uint64_t len)
{
	enum status st = user_range_check(p, src, len, 0);

	if (!st)
		user_copy(p, src, dst, len, false);
	return st;
}

enum status user_copy_out(const struct process *p, uint64_t dst, const void *src, uint64_t len)
{
	enum status st = user_range_check(p, dst, len, HAL_MAP_WRITE);

	if (!st)
		user_copy(p, dst, (uint8_t *)src, len, true);
	return st;
}
