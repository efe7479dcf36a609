/*
 * heap_plan.h - how big the fixed kernel heap is, and where it goes.
 *
 * Pure functions (no hardware, no globals) so that the host tests can walk
 * them: the kernel calls them once at boot with the machine's figures and
 * then reserves the result in one step (heap.h).
 *
 * The heap is a sequence of parts, each starting on a page boundary:
 *
 *   ram_records    one StructPageRam per usable RAM frame
 *   processes      max_procs process records
 *   caps           max_procs * caps_per_proc capability slots
 *   endpoints      max_endpoints endpoint records
 *   user_tables    max_procs * pt_frames_per_proc page-table frames
 *   kstacks        max_procs kernel stacks
 *   kernel_tables  the kernel's own page tables (direct map, image)
 *   pool           N + H StructPageDev records (pool.h), N and H from the
 *                  blob; last, so that settle gives back the heap's tail
 *
 * bytes = sum over parts of round_up(part bytes, page).
 */
#ifndef KERNEL_HEAP_PLAN_H
#define KERNEL_HEAP_PLAN_H

#include <stdint.h>
#include "status.h"
#include "bootinfo.h"

#define HEAP_PAGE_BYTES 4096u

#define HEAP_PART_LIST(X)                      \
	X(RAM_RECORDS,   "ram_records")        \
	X(PROCESSES,     "processes")          \
	X(CAPS,          "caps")               \
	X(ENDPOINTS,     "endpoints")          \
	X(USER_TABLES,   "user_tables")        \
	X(KSTACKS,       "kstacks")            \
	X(KERNEL_TABLES, "kernel_tables")      \
	X(DEVMAPS,       "devmaps") /* one word per pool record (object/devmem.c) */ \
	X(POOL,          "pool")    /* last: settle shrinks the heap at its end */

enum heap_part {
#define HEAP_PART_ENUM(name, text) HEAP_PART_##name,
	HEAP_PART_LIST(HEAP_PART_ENUM)
#undef HEAP_PART_ENUM
	HEAP_PART_COUNT
};

const char *heap_part_name(enum heap_part part);

/* Everything the size depends on.  Record sizes are inputs (the kernel
 * passes sizeof of its own structs) so the planner stays pure. */
struct heap_plan_input {
	uint64_t ram_frames;           /* usable RAM frames (records to keep) */
	uint32_t pool_n;               /* N from the blob */
	uint32_t headroom;             /* H from the blob */
	uint32_t max_procs;
	uint32_t caps_per_proc;
	uint32_t max_endpoints;
	uint32_t pt_frames_per_proc;   /* page-table budget of one process */
	uint32_t kstack_bytes;         /* per process */
	uint32_t kernel_table_frames;  /* from hal_mmu_kernel_table_frames() */
	uint32_t ram_record_bytes;
	uint32_t proc_record_bytes;
	uint32_t cap_record_bytes;
	uint32_t endpoint_record_bytes;
	/* DevMem bookkeeping per pool record (N + H of them): a mapping is
	 * known by its run's head record, so mappings never outnumber the
	 * records and no per-process table caps them.  0: no such part. */
	uint32_t devmap_record_bytes;
};

struct heap_plan {
	uint64_t offset[HEAP_PART_COUNT];  /* from the heap's base, page-aligned */
	uint64_t bytes[HEAP_PART_COUNT];   /* exact bytes the part needs */
	uint64_t total;                    /* whole heap, page-aligned */
};

/* Sizes every part.  INVALID_ARGUMENT for a zero capacity or record size,
 * BAD_POOL if N + H exceed what the pool can index, OUT_OF_RANGE if a
 * figure overflows.  *out is written only on success. */
enum status heap_plan_compute(const struct heap_plan_input *in, struct heap_plan *out);

/* A physical range [base, end) the heap must not overlap. */
struct heap_range {
	uint64_t base;
	uint64_t end;
};

/* Lowest page-aligned base in usable RAM such that [base, base + bytes)
 * lies in one usable region, inside [floor, limit), and overlaps none of
 * `avoid`.  NO_MEMORY if there is none; INVALID_ARGUMENT for bytes == 0. */
enum status heap_place(const struct bootinfo_mem *mmap, uint32_t mmap_count,
		       const struct heap_range *avoid, uint32_t avoid_count,
		       uint64_t floor, uint64_t limit, uint64_t bytes, uint64_t *base);

/* Where the heap may go: the memory map, what it must avoid, [floor, limit). */
struct heap_site {
	const struct bootinfo_mem *mmap;
	uint32_t mmap_count;
	uint32_t avoid_count;
	const struct heap_range *avoid;
	uint64_t floor;
	uint64_t limit;
};

/* heap_plan_compute() then heap_place() on `site`: the question the boot
 * asks of every candidate blob before it trusts one (a blob can be valid
 * and still not fit the machine's RAM).  NO_MEMORY if the plan does not
 * fit; *plan is written whenever the plan could be computed, *base only on
 * success. */
enum status heap_plan_fit(const struct heap_plan_input *in, const struct heap_site *site,
			  struct heap_plan *plan, uint64_t *base);

#endif
