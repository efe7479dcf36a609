/*
 * hal/mmu.h - address spaces.
 *
 * The kernel owns physical memory; the port only builds translation
 * structures.  Every table frame the port needs comes from the caller
 * (struct hal_pt_budget), never from an allocator of the port's own, so
 * all of it is counted in the fixed heap.
 *
 * Without an MMU (ColdFire, HAL_HAS_MMU 0) the port keeps the same calls:
 * an address space is the list of pages the process was given, kept in
 * its budget's frames; hal_as_map() records a page and requires va == pa
 * (INVALID_ARGUMENT otherwise), hal_as_lookup() checks the list.  The
 * generic kernel then loads programs at their link addresses and maps
 * DevMem at the device's physical address.  Isolation is by convention
 * (docs/coldfire.md), the capability checks stay.
 */
#ifndef HAL_MMU_H
#define HAL_MMU_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include "status.h"

/* Frames a port may use for translation tables: [next, end) physical,
 * page-aligned, handed out front to back. */
struct hal_pt_budget {
	uint64_t next;
	uint64_t end;
};
_Static_assert(sizeof(struct hal_pt_budget) == 16, "table budget: two physical addresses");

/* Mapping permissions for hal_as_map(). */
#define HAL_MAP_WRITE  0x1u
#define HAL_MAP_EXEC   0x2u
#define HAL_MAP_DEVICE 0x4u   /* device memory: uncached, never a RAM frame */
#define HAL_MAP_WC     0x8u   /* with HAL_MAP_DEVICE: write-combining */

/* One user address space: the port's root table and the budget its tables
 * come from.  Opaque to generic code apart from being passed around. */
struct hal_as {
	uint64_t root_phys;
	struct hal_pt_budget budget;
	uint64_t tls_base;     /* x86_64: FS base the program set (musl's TLS) */
	/* x86_64: the program's x87/SSE registers (FXSAVE image) while another
	 * program owns the FPU; musl's libc.a uses SSE. */
	uint8_t  fpu[512] __attribute__((aligned(16)));
};
_Static_assert(__builtin_offsetof(struct hal_as, fpu) % 16 == 0 && _Alignof(struct hal_as) >= 16,
	       "FXSAVE/FXRSTOR need a 16-byte aligned area (heap_alloc uses _Alignof)");

/* Frames the port's own kernel tables need to map physical memory
 * [0, phys_top) and the kernel image; the heap planner reserves them. */
uint64_t hal_mmu_kernel_table_frames(uint64_t phys_top);

/* Builds the kernel's tables from `budget` (kernel image in the higher
 * half, all of [0, phys_top) through the direct map, nothing in the user
 * half) and switches to them.  After it returns, hal_phys_to_virt() uses
 * the direct map.  Precondition: the budget holds
 * hal_mmu_kernel_table_frames(phys_top) frames, zeroed or not. */
enum status hal_mmu_init(uint64_t phys_top, struct hal_pt_budget *budget);

/* Kernel virtual address of physical address `pa` (valid before and after
 * hal_mmu_init for RAM the boot tables map). */
void *hal_phys_to_virt(uint64_t pa);

/* Empty user address space sharing the kernel half.  NO_MEMORY if the
 * budget is exhausted. */
enum status hal_as_create(struct hal_as *as, struct hal_pt_budget budget);

/* Maps one user page va -> pa.  va must be page-aligned and inside
 * [HAL_USER_BASE, HAL_USER_TOP): OUT_OF_RANGE otherwise; OVERLAP if va is
 * already mapped; NO_MEMORY if a table frame is needed and the budget is
 * exhausted (nothing mapped then). */
enum status hal_as_map(struct hal_as *as, uint64_t va, uint64_t pa, unsigned flags);

/* Maps one 2 MiB device page (HAL_MAP_DEVICE required) va -> pa, both
 * 2 MiB-aligned: big BARs need no page table per 2 MiB.  OUT_OF_RANGE for
 * a bad address, OVERLAP if anything is mapped there, NO_MEMORY if a table
 * is needed and the budget is exhausted.  A port without large pages
 * returns NOT_SUPPORTED and the caller maps 4 KiB pages. */
#define HAL_LARGE_PAGE_BYTES  0x200000ull
enum status hal_as_map_large(struct hal_as *as, uint64_t va, uint64_t pa, unsigned flags);

/* Removes the mapping of user page va; *pa is what it mapped.  NOT_FOUND
 * if va is not mapped.  A 2 MiB page is removed whole by its first 4 KiB
 * page's address (its other pages are then NOT_FOUND). */
enum status hal_as_unmap(struct hal_as *as, uint64_t va, uint64_t *pa);

/* Physical address behind user address va, if mapped with at least
 * `need` permissions (HAL_MAP_WRITE).  NOT_FOUND otherwise.  Device pages
 * are found only when `need` has HAL_MAP_DEVICE: the kernel never copies
 * through them. */
enum status hal_as_lookup(const struct hal_as *as, uint64_t va, unsigned need,
			  uint64_t *pa);

/* Calls fn(pa, arg) for every user RAM page mapped (to free the frames;
 * device pages are skipped: their owner unmaps them).
 * The tables themselves go back with the budget. */
void hal_as_for_each_page(const struct hal_as *as,
			  void (*fn)(uint64_t pa, void *arg), void *arg);

/* Physical ranges DevMem maps only for a capability that names exactly
 * that range (inclusive bytes): interrupt controllers, timers and the PCI
 * configuration window, which `devmem:all` (device BARs) must not reach.
 * The port finds them once, at the first call; ColdFire has none. */
struct hal_fence {
	uint64_t base, last;
	const char *what;
};
unsigned hal_devmem_fences(const struct hal_fence **out);

/* Makes `as` the current user address space. */
void hal_as_activate(const struct hal_as *as);

#endif
