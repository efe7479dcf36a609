/*
 * main.c - the generic boot sequence: take the boot-info, size and reserve
 * the fixed heap, switch to the kernel's own tables, build the records and
 * tables, load the programs, seal the heap, run.  Nothing here runs after
 * the first user instruction: run-time events are trap.c's and
 * syscall.c's, the idle loop idle.c's.
 */
#include "hal/arch.h"
#include "bootcfg.h"
#include "bootrec.h"
#include "cap.h"
#include "config.h"
#include "devpool.h"
#include "exec.h"
#include "frame.h"
#include "heap.h"
#include "kernel.h"
#include "klib.h"
#include "log.h"
#include "proc.h"
#include "sched.h"
#include "object/devmem.h"
#include "object/endpoint.h"
#include "object/framealloc.h"

#define LOW_MEMORY_END   0x100000ull         /* BIOS, loader stacks, reboot note */
#define HEAP_LIMIT       0x100000000ull      /* the loader's identity map ends here */
#define BUSY_MAX         (4 + BOOTINFO_PROGRAMS_MAX)

static const struct bootinfo *boot;   /* bootrec.c's copy */

/* N and H from the blob; the loader validated them, but the kernel does
 * not size its heap from figures it has not checked itself. */
static void pool_figures(uint32_t *n, uint32_t *h)
{
	*n = boot->config.pool_frames;
	*h = boot->config.headroom_frames;
	if (*n < BOOTCFG_POOL_MIN || *n > BOOTCFG_POOL_MAX || *h > BOOTCFG_HEADROOM_MAX) {
		kprintf("kernel: config pool=%u headroom=%u out of bounds, using defaults\n", *n, *h);
		*n = BOOTCFG_DEFAULT_POOL;
		*h = BOOTCFG_DEFAULT_HEADROOM;
	}
}

static void plan_heap(uint32_t n, uint32_t h, uint64_t *phys_top, struct heap_plan *plan)
{
	struct heap_plan_input in = {
		.ram_frames = frame_count_usable(boot->mmap, boot->mmap_count, phys_top),
		.pool_n = n, .headroom = h,
		.max_procs = KH_MAX_PROCS, .caps_per_proc = KH_CAPS_PER_PROC,
		.max_endpoints = KH_MAX_ENDPOINTS,
		.pt_frames_per_proc = KH_PT_FRAMES_PER_PROC,
		.kstack_bytes = HAL_KSTACK_BYTES,
		.ram_record_bytes = sizeof(struct StructPageRam),
		.proc_record_bytes = sizeof(struct process),
		.cap_record_bytes = sizeof(struct cap),
		.endpoint_record_bytes = sizeof(struct endpoint),
		.devmap_record_bytes = DEVMEM_RECORD_BYTES,
	};
	in.kernel_table_frames = (uint32_t)hal_mmu_kernel_table_frames(*phys_top);
	enum status st = heap_plan_compute(&in, plan);
	if (st)
		panic("heap plan: %s", status_name(st));
}

/* Physical ranges that are not free RAM at boot. */
static uint32_t busy_ranges(struct heap_range *r)
{
	uint32_t n = 0;

	r[n++] = (struct heap_range){ 0, LOW_MEMORY_END };
	r[n++] = (struct heap_range){ boot->kernel_phys_start, boot->kernel_phys_end };
	r[n++] = (struct heap_range){ boot->loader_phys_start, boot->loader_phys_end };
	for (uint32_t i = 0; i < boot->program_count; i++)
		r[n++] = (struct heap_range){ boot->programs[i].phys,
					      boot->programs[i].phys + boot->programs[i].size };
	return n;
}

/* Every kernel record, from the heap's parts (after the switch to the
 * kernel's tables, so that the pointers are direct-map addresses). */
static void carve_heap(const struct heap_range *busy, uint32_t nbusy, uint32_t n, uint32_t h)
{
	frame_init(boot->mmap, boot->mmap_count, busy, nbusy);
	devpool_init(n, h);
	devmem_init(n + h);
	process_table_init();
	ipc_init();
}

/* Reserves the heap in one step and moves onto the kernel's own tables. */
static void reserve_heap(void)
{
	struct heap_range busy[BUSY_MAX];
	struct heap_plan plan;
	uint64_t phys_top, base;
	uint32_t n, h, nbusy = busy_ranges(busy);

	pool_figures(&n, &h);
	plan_heap(n, h, &phys_top, &plan);
	enum status st = heap_place(boot->mmap, boot->mmap_count, busy, nbusy,
				    LOW_MEMORY_END, HEAP_LIMIT, plan.total, &base);
	if (st)
		panic("no room for the fixed heap of %lu bytes: %s",
		      (unsigned long)plan.total, status_name(st));
	heap_reserve(&plan, base, n, h, plan.bytes[HEAP_PART_RAM_RECORDS] / sizeof(struct StructPageRam));
	uint64_t tables = plan.bytes[HEAP_PART_KERNEL_TABLES];
	struct hal_pt_budget budget = { heap_alloc_phys(HEAP_PART_KERNEL_TABLES, tables), 0 };
	budget.end = budget.next + tables;
	if ((st = hal_mmu_init(phys_top, &budget)))
		panic("kernel page tables: %s", status_name(st));
	carve_heap(busy, nbusy, n, h);
}

static void start_timer(void)
{
	const char *name;
	uint64_t mhz = hal_timer_init(KH_TIMER_HZ, &name);

	kprintf("kernel: timer %s hz=%lu.%03lu\n", name, (unsigned long)(mhz / 1000),
		(unsigned long)(mhz % 1000));
}

static void load_programs(void)
{
	for (uint32_t i = 0; i < boot->program_count; i++) {
		const struct bootinfo_program *prog = &boot->programs[i];
		char name[BOOTINFO_NAME_BYTES];
		uint32_t pid;
		kstrlcpy(name, prog->name, sizeof(name));
		if (!memcmp(prog->caps, CAP_SPAWNED_ONLY, sizeof(CAP_SPAWNED_ONLY))) {
			kprintf("kernel: image %s start=by-parent\n", name);
			continue;
		}
		enum status st = process_create(prog, &pid);
		if (st)
			kprintf("kernel: skip program %s reason=%s\n", name, status_name(st));
	}
}

static void seal_heap(void)
{
	struct heap_stats hs;
	struct frame_stats fs;

	heap_seal();
	heap_get_stats(&hs);
	frame_get_stats(&fs);
	kprintf("kernel: heap sealed bytes=%lu used=%lu ram_frames=%lu free_frames=%lu user_frames=%lu\n",
		(unsigned long)hs.bytes, (unsigned long)hs.used, (unsigned long)fs.ram_frames,
		(unsigned long)fs.free_frames, (unsigned long)fs.user_frames);
	framealloc_init(fs.free_frames);
}

void kernel_main(const struct bootinfo *bi, uint64_t magic)
{
	kprintf("kernel: starting\n");
	boot = bootinfo_take(bi, magic);
	reserve_heap();
	start_timer();
	load_programs();
	seal_heap();
	sched_run_next();
}
