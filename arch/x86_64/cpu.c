/*
 * cpu.c - segments (GDT + TSS), the interrupt table, SYSCALL set-up and
 * the C side of the entry.
 */
#include "hal/arch.h"
#include "kernel.h"
#include "klib.h"
#include "x86.h"

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

_Static_assert(sizeof(struct tss) == 104, "TSS layout (Intel SDM vol. 3 7.7)");

struct idt_gate {
	uint16_t offset_lo;
	uint16_t selector;
	uint8_t  ist;
	uint8_t  type_attr;
	uint16_t offset_mid;
	uint32_t offset_hi;
	uint32_t reserved;
};

_Static_assert(sizeof(struct idt_gate) == 16, "IDT gate layout");

struct table_pointer {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

_Static_assert(sizeof(struct table_pointer) == 10, "LGDT/LIDT operand layout");

/* null, kernel code, kernel data, user data, user code, TSS (2 slots):
 * the order SYSCALL/SYSRET derive selectors from (arch_defs.h). */
static uint64_t gdt[7] = {
	0,
	0x00af9a000000ffffull,  /* kernel code: long mode, DPL 0 */
	0x00cf92000000ffffull,  /* kernel data */
	0x00cff2000000ffffull,  /* user data, DPL 3 */
	0x00affa000000ffffull,  /* user code: long mode, DPL 3 */
	0, 0,                   /* TSS, filled at run time */
};

static struct tss tss;
static struct idt_gate idt[256];
static uint8_t fault_stack[4096] __attribute__((aligned(16)));

#define IST_FAULT 1u   /* double fault and NMI run on a known-good stack */

static void gdt_set_tss(void)
{
	uint64_t base = (uint64_t)&tss, limit = sizeof(tss) - 1;

	gdt[5] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ull << 40) |
		 (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	gdt[6] = base >> 32;
}

/* Loads the GDT, reloads every segment register (CS through a far
 * return) and the task register. */
void x86_gdt_init(void)
{
	struct table_pointer p = { sizeof(gdt) - 1, (uint64_t)gdt };

	tss.iomap_base = sizeof(tss);   /* no I/O bitmap: ring 3 gets no ports */
	tss.ist[IST_FAULT - 1] = (uint64_t)(fault_stack + sizeof(fault_stack));
	gdt_set_tss();
	__asm__ volatile("lgdt %0\n\t"
			 "mov %1, %%ds\n\tmov %1, %%es\n\tmov %1, %%ss\n\t"
			 "xor %%eax, %%eax\n\tmov %%eax, %%fs\n\tmov %%eax, %%gs\n\t"
			 "pushq %2\n\tlea 1f(%%rip), %%rax\n\tpushq %%rax\n\tlretq\n1:\n\t"
			 "ltr %w3"
			 : : "m"(p), "r"((uint64_t)X86_SEL_KDATA), "i"(X86_SEL_KCODE),
			   "r"((uint16_t)X86_SEL_TSS)
			 : "rax", "memory");
}

void x86_set_kernel_stack(uint64_t top)
{
	tss.rsp[0] = top;
	x86_kstack_top = top;
}

static void idt_set(unsigned vector, uint64_t handler, uint8_t ist)
{
	struct idt_gate *g = &idt[vector];

	g->offset_lo = handler & 0xffff;
	g->selector = X86_SEL_KCODE;
	g->ist = ist;
	g->type_attr = 0x8e;    /* present, DPL 0, interrupt gate: IF cleared */
	g->offset_mid = (handler >> 16) & 0xffff;
	g->offset_hi = (uint32_t)(handler >> 32);
}

void x86_idt_init(void)
{
	struct table_pointer p = { sizeof(idt) - 1, (uint64_t)idt };

	for (unsigned v = 0; v < X86_VECTOR_COUNT; v++)
		idt_set(v, x86_vectors[v], (v == 2 || v == 8) ? IST_FAULT : 0);
	__asm__ volatile("lidt %0" : : "m"(p));
}

/* SYSCALL enters at x86_syscall_entry with IF, DF, TF and AC cleared. */
void x86_syscall_init(void)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	wrmsr(MSR_STAR, ((uint64_t)X86_SEL_KDATA << 48) | ((uint64_t)X86_SEL_KCODE << 32));
	wrmsr(MSR_LSTAR, (uint64_t)x86_syscall_entry);
	wrmsr(MSR_SFMASK, RFLAGS_IF | (1u << 10) | (1u << 8) | (1u << 18));
}

/* PAT entry 4 becomes write-combining (mmu.c maps prefetchable device
 * memory through it); entries 0-3 keep their reset values WB, WT, UC-, UC,
 * which the PCD/PWT bits alone select. */
static void pat_init(void)
{
	wrmsr(MSR_PAT, 0x0007040100070406ull);
}

uint32_t hal_port_in(uint16_t port, unsigned width)
{
	switch (width) {
	case 1:  return inb(port);
	case 2:  return inw(port);
	default: return inl(port);
	}
}

void hal_port_out(uint16_t port, unsigned width, uint32_t value)
{
	switch (width) {
	case 1:  outb(port, (uint8_t)value); break;
	case 2:  outw(port, (uint16_t)value); break;
	default: outl(port, value); break;
	}
}

#define CR0_MP          (1ull << 1)
#define CR0_EM          (1ull << 2)
#define CR4_OSFXSR      (1ull << 9)
#define CR4_OSXMMEXCPT  (1ull << 10)
#define FXSAVE_FCW      0
#define FXSAVE_MXCSR    24

/* Whose registers are in the FPU now; switched lazily, only when another
 * address space enters user mode (the kernel itself never uses the FPU:
 * it is built with -mgeneral-regs-only). */
static const struct hal_as *fpu_owner;

static void fpu_enable(void)
{
	uint64_t cr0, cr4;

	__asm__ volatile("mov %%cr0, %0" : "=r"(cr0));
	__asm__ volatile("mov %0, %%cr0" : : "r"((cr0 & ~CR0_EM) | CR0_MP));
	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	__asm__ volatile("mov %0, %%cr4" : : "r"(cr4 | CR4_OSFXSR | CR4_OSXMMEXCPT));
	__asm__ volatile("fninit");
}

void x86_fpu_init_area(struct hal_as *as)
{
	memset(as->fpu, 0, sizeof(as->fpu));
	*(uint16_t *)(as->fpu + FXSAVE_FCW) = 0x037f;      /* x87 reset control word */
	*(uint32_t *)(as->fpu + FXSAVE_MXCSR) = 0x1f80;    /* SSE exceptions masked */
	if (fpu_owner == as)
		fpu_owner = NULL;
}

void x86_fpu_switch(struct hal_as *as)
{
	if (fpu_owner == as)
		return;
	if (fpu_owner)
		__asm__ volatile("fxsave64 (%0)" : : "r"(fpu_owner->fpu) : "memory");
	__asm__ volatile("fxrstor64 (%0)" : : "r"(as->fpu) : "memory");
	fpu_owner = as;
}

void hal_cpu_init(void)
{
	fpu_enable();
	pat_init();
	x86_gdt_init();
	x86_idt_init();
	x86_syscall_init();
}

void hal_halt(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

void hal_wait_for_interrupt(void)
{
	/* sti takes effect after the next instruction, so no interrupt can
	 * slip in between the two and leave us asleep. */
	__asm__ volatile("sti; hlt; cli" : : : "memory");
}

/* Called by entry.S on the boot stack. */
void x86_boot(uint64_t bootinfo_phys, uint64_t magic)
{
	hal_console_init();
	hal_cpu_init();
	kernel_main((const struct bootinfo *)bootinfo_phys, magic);
}
