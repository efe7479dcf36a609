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

/* The loader validated the blobs, but the kernel does not size its heap
 * from figures it has not checked itself. */
static bool pool_in_bounds(const struct bootinfo_config *c)
{
	return c->pool_frames >= BOOTCFG_POOL_MIN && c->pool_frames <= BOOTCFG_POOL_MAX &&
	       c->headroom_frames <= BOOTCFG_HEADROOM_MAX;
}

static void defaults_config(struct bootinfo_config *dst)
{
	struct bootcfg d;
	const struct bootcfg *src = &d;

	bootcfg_defaults(&d);
	memset(dst, 0, sizeof(*dst));
	KH_TUNING_FIELDS(KH_TUNING_COPY_FIELD)
	dst->slot = BOOTCFG_SLOT_DEFAULT;
}

/* The blobs to try, best first: the chosen one, the loader's fallback
 * (the other valid slot), the built-in defaults.  Returns the count. */
static unsigned config_candidates(struct bootinfo_config *defaults,
				  const struct bootinfo_config **c)
{
	unsigned n = 0;

	defaults_config(defaults);
	if (pool_in_bounds(&boot->config))
		c[n++] = &boot->config;
	else
		kprintf("kernel: config pool=%u headroom=%u out of bounds, using defaults\n",
			boot->config.pool_frames, boot->config.headroom_frames);
	if (n && boot->fallback.slot != boot->config.slot && pool_in_bounds(&boot->fallback))
		c[n++] = &boot->fallback;
	if (n == 0 || c[n - 1]->slot != BOOTCFG_SLOT_DEFAULT)
		c[n++] = defaults;
	return n;
}

static void heap_input(uint32_t n, uint32_t h, uint64_t *phys_top, struct heap_plan_input *in)
{
	*in = (struct heap_plan_input){
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
	in->kernel_table_frames = (uint32_t)hal_mmu_kernel_table_frames(*phys_top);
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

/* The first candidate blob whose heap fits RAM; each one that does not is
 * named in one line.  The defaults fit every RAM size the kernel supports
 * (16 MiB up), so only a machine below that stops here. */
static const struct bootinfo_config *fit_heap(const struct heap_site *site, uint64_t *phys_top,
					      struct heap_plan *plan, uint64_t *base)
{
	struct bootinfo_config defaults;
	const struct bootinfo_config *c[3];
	unsigned count = config_candidates(&defaults, c);
	struct heap_plan_input in;
	enum status st = STATUS_NO_MEMORY;

	for (unsigned i = 0; i < count; i++) {
		heap_input(c[i]->pool_frames, c[i]->headroom_frames, phys_top, &in);
		st = heap_plan_fit(&in, site, plan, base);
		if (st == STATUS_OK) {
			bootinfo_use_config(c[i]);
			return &kernel_bootinfo()->config;
		}
		if (st != STATUS_NO_MEMORY)
			panic("heap plan: %s", status_name(st));
		kprintf("boot: config slot=%s rejected: heap %lu does not fit RAM %lu\n",
			bootcfg_slot_name((enum bootcfg_slot)c[i]->slot), (unsigned long)plan->total,
			(unsigned long)(in.ram_frames * HEAP_PAGE_BYTES));
	}
	panic("no room for the fixed heap of %lu bytes: %s", (unsigned long)plan->total,
	      status_name(st));
}

/* Reserves the heap in one step and moves onto the kernel's own tables. */
static void reserve_heap(void)
{
	struct heap_range busy[BUSY_MAX];
	struct heap_plan plan;
	uint64_t phys_top, base;
	uint32_t nbusy = busy_ranges(busy);
	struct heap_site site = { boot->mmap, boot->mmap_count, nbusy, busy,
				  LOW_MEMORY_END, HEAP_LIMIT };
	const struct bootinfo_config *cfg = fit_heap(&site, &phys_top, &plan, &base);
	uint32_t n = cfg->pool_frames, h = cfg->headroom_frames;
	enum status st;

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
	/* Without an MMU the frame window's frames go only to a MAP at their
	 * own address, never to RESERVE: the limit leaves them out, so the
	 * space bank is never promised a frame it cannot reserve (a MAP still
	 * counts against it: that only ever under-promises). */
	framealloc_init(fs.free_frames - frame_by_address_free());
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
