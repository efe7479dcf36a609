/*
 * mmu.c - 4-level paging.
 *
 * Kernel half (PML4 slots 256..511, shared by every address space):
 *   slot 256: direct map of physical [0, max(RAM top, 4 GiB)), 2 MiB pages;
 *   slot 511: the kernel image, physical [0, 1 GiB) at X86_KERNEL_VBASE.
 * User half (slots 0..255): 4 KiB pages from the process's own budget.
 * The loader's identity map is gone once hal_mmu_init() switches tables,
 * so a stray kernel access to a low address faults instead of landing.
 */
#include "hal/arch.h"
#include "klib.h"
#include "x86.h"

#define PTE_P    0x001ull
#define PTE_W    0x002ull
#define PTE_U    0x004ull
#define PTE_PWT  0x008ull
#define PTE_PCD  0x010ull
#define PTE_PAT4 0x080ull                /* 4 KiB leaf: PAT entry 4 (WC, cpu.c) */
#define PTE_DEV  0x200ull                /* software bit: device page */
#define PTE_PAT_LARGE 0x1000ull          /* 2 MiB leaf: PAT entry 4 (WC) */
#define PTE_ADDR_LARGE 0x000fffffffe00000ull
#define PTE_PS   0x080ull
#define PTE_G    0x100ull
#define PTE_NX   (1ull << 63)
#define PTE_ADDR 0x000ffffffffff000ull

#define GIB          (1ull << 30)
#define TWO_MIB      (1ull << 21)
#define DIRECT_MAX   (512 * GIB)         /* one PDPT of direct map */
#define ENTRIES      512u
#define KERNEL_SLOT0 256u

static uint64_t direct_offset;           /* 0 until our tables are live */
static uint64_t kernel_root;
static uint64_t nx_bit;                  /* PTE_NX if the CPU has it */

void *hal_phys_to_virt(uint64_t pa)
{
	return (void *)(pa + direct_offset);
}

static uint64_t *table(uint64_t pa)
{
	return hal_phys_to_virt(pa & PTE_ADDR);
}

static uint64_t direct_top(uint64_t phys_top)
{
	uint64_t top = phys_top > 4 * GIB ? phys_top : 4 * GIB;

	top = (top + GIB - 1) / GIB * GIB;
	return top < DIRECT_MAX ? top : DIRECT_MAX;
}

uint64_t hal_mmu_kernel_table_frames(uint64_t phys_top)
{
	/* PML4, direct-map PDPT and one PD per GiB, kernel PDPT and PD. */
	return 4 + direct_top(phys_top) / GIB;
}

/* A zeroed table frame from the budget, or 0. */
static uint64_t take_table(struct hal_pt_budget *b)
{
	if (b->next >= b->end)
		return 0;
	uint64_t pa = b->next;
	b->next += HAL_PAGE_BYTES;
	memset(hal_phys_to_virt(pa), 0, HAL_PAGE_BYTES);
	return pa;
}

static void enable_nx(void)
{
	uint32_t a, b, c, d;

	cpuid(0x80000000u, &a, &b, &c, &d);
	if (a < 0x80000001u)
		return;
	cpuid(0x80000001u, &a, &b, &c, &d);
	if (d & (1u << 20)) {
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
		nx_bit = PTE_NX;
	}
}

/* Maps [0, top) at `pdpt` with 2 MiB pages, one PD per GiB. */
static enum status map_large(uint64_t *pdpt, uint64_t top, struct hal_pt_budget *b)
{
	for (uint64_t gib = 0; gib < top / GIB; gib++) {
		uint64_t pd_pa = take_table(b);
		if (!pd_pa)
			return STATUS_NO_MEMORY;
		uint64_t *pd = table(pd_pa);
		for (unsigned i = 0; i < ENTRIES; i++)
			pd[i] = (gib * GIB + i * TWO_MIB) | PTE_P | PTE_W | PTE_PS | PTE_G;
		pdpt[gib] = pd_pa | PTE_P | PTE_W;
	}
	return STATUS_OK;
}

enum status hal_mmu_init(uint64_t phys_top, struct hal_pt_budget *b)
{
	uint64_t root = take_table(b), direct = take_table(b), kpdpt = take_table(b);

	if (!root || !direct || !kpdpt)
		return STATUS_NO_MEMORY;
	enable_nx();
	enum status st = map_large(table(direct), direct_top(phys_top), b);
	if (!st)
		st = map_large(table(kpdpt) + 510, GIB, b);   /* -2 GiB: kernel image */
	if (st)
		return st;
	table(root)[KERNEL_SLOT0] = direct | PTE_P | PTE_W;
	table(root)[511] = kpdpt | PTE_P | PTE_W;
	kernel_root = root;
	write_cr3(root);
	direct_offset = X86_DIRECT_MAP_BASE;
	return STATUS_OK;
}

enum status hal_as_create(struct hal_as *as, struct hal_pt_budget budget)
{
	x86_fpu_init_area(as);
	as->tls_base = 0;
	as->budget = budget;
	as->root_phys = take_table(&as->budget);
	if (!as->root_phys)
		return STATUS_NO_MEMORY;
	memcpy(table(as->root_phys) + KERNEL_SLOT0, table(kernel_root) + KERNEL_SLOT0,
	       (ENTRIES - KERNEL_SLOT0) * sizeof(uint64_t));
	return STATUS_OK;
}

static unsigned index_at(uint64_t va, unsigned level)
{
	return (va >> (12 + 9 * level)) & (ENTRIES - 1);
}

/* The entry for va at `stop` (0 = 4 KiB leaf, 1 = 2 MiB directory entry),
 * creating tables if `b` is given; NULL if absent (or the budget ran out).
 * A 2 MiB page met on the way down to a 4 KiB leaf is returned instead:
 * walk_leaf() tells the two apart (PTE_PS alone cannot: it is PAT in a
 * 4 KiB entry). */
static uint64_t *walk_to(uint64_t root, uint64_t va, unsigned stop, struct hal_pt_budget *b)
{
	uint64_t *t = table(root);

	for (unsigned level = 3; level > stop; level--) {
		uint64_t *e = &t[index_at(va, level)];
		if (!(*e & PTE_P)) {
			uint64_t pa = b ? take_table(b) : 0;
			if (!pa)
				return NULL;
			*e = pa | PTE_P | PTE_W | PTE_U;
		}
		if (level == 1 && (*e & PTE_PS))
			return e;
		t = table(*e);
	}
	return &t[index_at(va, stop)];
}

static uint64_t *walk(uint64_t root, uint64_t va, struct hal_pt_budget *b)
{
	return walk_to(root, va, 0, b);
}


/* The leaf mapping va, and whether it is a 2 MiB page.  Bit 7 means PS
 * only in a directory entry: in a 4 KiB entry it is PAT (PTE_PAT4, set
 * for write-combining), so the level must decide, not the bit. */
static uint64_t *walk_leaf(uint64_t root, uint64_t va, bool *large)
{
	uint64_t *pd = walk_to(root, va, 1, NULL);

	*large = pd && (*pd & PTE_P) && (*pd & PTE_PS);
	return *large ? pd : walk(root, va, NULL);
}

static bool user_page_ok(uint64_t va)
{
	return !(va % HAL_PAGE_BYTES) && va >= HAL_USER_BASE && va < HAL_USER_TOP;
}

/* Device pages: uncached (PCD|PWT = PAT entry 3, UC), or PAT entry 4,
 * which cpu.c programs as write-combining. */
static uint64_t cache_bits(unsigned flags)
{
	if (!(flags & HAL_MAP_DEVICE))
		return 0;
	return PTE_DEV | ((flags & HAL_MAP_WC) ? PTE_PAT4 : (PTE_PCD | PTE_PWT));
}

enum status hal_as_map(struct hal_as *as, uint64_t va, uint64_t pa, unsigned flags)
{
	if (!user_page_ok(va) || (pa % HAL_PAGE_BYTES))
		return STATUS_OUT_OF_RANGE;
	uint64_t *e = walk(as->root_phys, va, &as->budget);
	if (!e)
		return STATUS_NO_MEMORY;
	if (*e & PTE_P)
		return STATUS_OVERLAP;   /* a 4 KiB page, or inside a 2 MiB one */
	*e = pa | PTE_P | PTE_U | ((flags & HAL_MAP_WRITE) ? PTE_W : 0) |
	     ((flags & HAL_MAP_EXEC) ? 0 : nx_bit) | cache_bits(flags);
	return STATUS_OK;
}

static bool table_empty(uint64_t t_pa)
{
	const uint64_t *t = table(t_pa);

	for (unsigned i = 0; i < ENTRIES; i++)
		if (t[i] & PTE_P)
			return false;
	return true;
}

enum status hal_as_map_large(struct hal_as *as, uint64_t va, uint64_t pa, unsigned flags)
{
	if (va % HAL_LARGE_PAGE_BYTES || pa % HAL_LARGE_PAGE_BYTES ||
	    !(flags & HAL_MAP_DEVICE) || !user_page_ok(va) ||
	    va + HAL_LARGE_PAGE_BYTES > HAL_USER_TOP)
		return STATUS_OUT_OF_RANGE;
	uint64_t *e = walk_to(as->root_phys, va, 1, &as->budget);
	if (!e)
		return STATUS_NO_MEMORY;
	/* An empty page table left by earlier 4 KiB maps stays in the budget. */
	if ((*e & PTE_P) && ((*e & PTE_PS) || !table_empty(*e)))
		return STATUS_OVERLAP;
	uint64_t cache = (flags & HAL_MAP_WC) ? PTE_PAT_LARGE : (PTE_PCD | PTE_PWT);
	*e = pa | PTE_P | PTE_U | PTE_PS | PTE_DEV | cache | nx_bit |
	     ((flags & HAL_MAP_WRITE) ? PTE_W : 0);
	return STATUS_OK;
}

enum status hal_as_unmap(struct hal_as *as, uint64_t va, uint64_t *pa)
{
	if (!user_page_ok(va) || !as->root_phys)
		return STATUS_NOT_FOUND;
	bool large;
	uint64_t *e = walk_leaf(as->root_phys, va, &large);
	if (!e || !(*e & PTE_P))
		return STATUS_NOT_FOUND;
	if (large) {
		/* a 2 MiB page goes at its first 4 KiB page; the rest: gone */
		if (va % HAL_LARGE_PAGE_BYTES)
			return STATUS_NOT_FOUND;
		*pa = *e & PTE_ADDR_LARGE;
	} else {
		*pa = *e & PTE_ADDR;
	}
	*e = 0;
	invlpg(va);
	return STATUS_OK;
}

enum status hal_as_lookup(const struct hal_as *as, uint64_t va, unsigned need, uint64_t *pa)
{
	if (!as->root_phys || va >= HAL_USER_TOP)
		return STATUS_NOT_FOUND;
	bool large;
	uint64_t *e = walk_leaf(as->root_phys, va, &large);
	if (!e || !(*e & PTE_P) || !(*e & PTE_U))
		return STATUS_NOT_FOUND;
	if ((need & HAL_MAP_WRITE) && !(*e & PTE_W))
		return STATUS_NOT_FOUND;
	if ((*e & PTE_DEV) && !(need & HAL_MAP_DEVICE))
		return STATUS_NOT_FOUND;
	if (large)
		*pa = (*e & PTE_ADDR_LARGE) + va % HAL_LARGE_PAGE_BYTES;
	else
		*pa = (*e & PTE_ADDR) + va % HAL_PAGE_BYTES;
	return STATUS_OK;
}

/* Visits the leaves under one table of `level` (3 = PDPT .. 0 = PT). */
static void visit(uint64_t t_pa, unsigned level, void (*fn)(uint64_t, void *), void *arg)
{
	uint64_t *t = table(t_pa);

	for (unsigned i = 0; i < ENTRIES; i++) {
		if (!(t[i] & PTE_P))
			continue;
		if (level == 0 || (t[i] & PTE_PS)) {
			/* 2 MiB pages are device memory only */
			if (!(t[i] & PTE_DEV))
				fn(t[i] & PTE_ADDR, arg);
		} else
			visit(t[i], level - 1, fn, arg);
	}
}

void hal_as_for_each_page(const struct hal_as *as, void (*fn)(uint64_t pa, void *arg), void *arg)
{
	if (!as->root_phys)
		return;
	uint64_t *root = table(as->root_phys);
	for (unsigned i = 0; i < KERNEL_SLOT0; i++)
		if (root[i] & PTE_P)
			visit(root[i], 2, fn, arg);
}

void hal_as_activate(const struct hal_as *as)
{
	if (read_cr3() != as->root_phys)
		write_cr3(as->root_phys);
}
