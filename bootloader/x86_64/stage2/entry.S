/*
 * entry.S - stage 2's real-mode part and the way into long mode.
 *
 * Stage 1 jumps here with CS = 0x1000, IP = 0 (stage 2 is linked at
 * 0x10000) and DL = the boot drive.  Everything that needs the BIOS is done
 * here, before leaving real mode, into fixed buffers below 1 MiB (see
 * lowmem.h): the E820 map, the config store from the other hard disk, and
 * every file of the disk directory, copied to the staging area at 4 MiB
 * through a bounce buffer in unreal mode.  Then protected mode, the page
 * tables of the boot contract, long mode, and loader_main() in C.
 *
 * DS = ES = SS = 0 throughout, so the low buffers are plain addresses.
 * Stage 2's own symbols lie above 64 KiB: 16-bit code reaches them only as
 * CS-relative offsets, OFF(symbol), which the assembler resolves because
 * they are all in this one section.
 */
#include "lowmem.h"
#include "diskdir.h"
#include "realmode_entry.inc"

#define OFF(sym)	((sym) - stage2_start)
#define COM1		0x3f8
#define SEL_CODE32	0x08
#define SEL_DATA	0x10
#define SEL_CODE64	0x18
#define HANDOFF(f)	(LOWMEM_HANDOFF + HANDOFF_##f)

	.section .entry, "ax"
	.code16
	.globl stage2_start
stage2_start:
	REALMODE_ENTRY
	sti
	cld
	mov	%dl, HANDOFF(BOOT_DRIVE)
	mov	$OFF(msg_hello), %si
	call	print

	call	enable_a20
	call	read_e820
	call	read_store
	call	disk_size
	call	load_files
	jmp	enter_long_mode

/* Fast A20 (port 0x92); bit 0 would reset the machine, keep it clear. */
enable_a20:
	in	$0x92, %al
	or	$2, %al
	and	$0xfe, %al
	out	%al, $0x92
	ret

/* E820 map into LOWMEM_E820; the count goes to the hand-off (0 = none). */
read_e820:
	xor	%ebx, %ebx
	xor	%bp, %bp
	mov	$LOWMEM_E820, %di
1:	movl	$1, 20(%di)		/* ACPI 3 attributes: "valid" if untouched */
	mov	$0xe820, %eax
	mov	$24, %ecx
	mov	$0x534d4150, %edx	/* "SMAP" */
	int	$0x15
	jc	2f
	cmp	$0x534d4150, %eax
	jne	2f
	inc	%bp
	add	$24, %di
	cmp	$LOWMEM_E820_MAX, %bp
	jae	2f
	test	%ebx, %ebx
	jnz	1b
2:	movzwl	%bp, %eax
	mov	%eax, HANDOFF(E820_COUNT)
	ret

/*
 * The config store is the first hard disk that is not the boot disk.  A
 * missing disk or a failed read is not fatal: the error goes to the
 * hand-off (0xff: no such disk) and the C code boots on defaults.
 */
read_store:
	mov	$0x80, %al
	cmp	HANDOFF(BOOT_DRIVE), %al
	jne	1f
	inc	%al
1:	mov	%al, HANDOFF(STORE_DRIVE)
	movb	$0xff, HANDOFF(STORE_ERROR)
	mov	%al, %ah
	and	$0x7f, %ah
	cmp	0x475, %ah		/* BDA: number of hard disks */
	jae	2f
	movw	$LOWMEM_STORE_SECTORS, LOWMEM_DAP + 2
	movw	$LOWMEM_STORE, LOWMEM_DAP + 4
	movw	$0, LOWMEM_DAP + 6
	xor	%ebx, %ebx
	mov	%al, %dl
	call	disk_read
	mov	%ah, HANDOFF(STORE_ERROR)
2:	ret

/* The boot disk's sector count from int 13h AH=48h, capped at the
 * directory's disk_sectors, into the hand-off (0xffffffff: unknown). */
disk_size:
	movw	$0x1e, LOWMEM_EDD
	mov	$LOWMEM_EDD, %si
	mov	HANDOFF(BOOT_DRIVE), %dl
	mov	$0x48, %ah
	int	$0x13
	mov	$0xffffffff, %eax
	jc	1f
	cmpl	$0, LOWMEM_EDD + 0x14	/* more than 2^32 sectors: not ours */
	jne	1f
	mov	LOWMEM_EDD + 0x10, %eax
1:	mov	LOWMEM_DIR + DISKDIR_OFF_DISK_SECTORS, %edx
	cmp	%edx, %eax
	jbe	2f
	mov	%edx, %eax
2:	mov	%eax, HANDOFF(DISK_SECTORS)
	ret

/* ZF set if the directory's CRC-32C (its crc field read as zero) matches,
 * checked before any file is staged.  Clobbers EAX, ECX, EDX, SI. */
check_directory:
	mov	LOWMEM_DIR + DISKDIR_OFF_CRC, %eax
	push	%eax
	movl	$0, LOWMEM_DIR + DISKDIR_OFF_CRC
	or	$-1, %edx
	mov	$LOWMEM_DIR, %si
	mov	$DISKDIR_BYTES, %cx
	call	crc32c_bytes
	not	%edx
	pop	%eax
	mov	%eax, LOWMEM_DIR + DISKDIR_OFF_CRC
	cmp	%eax, %edx
	ret

/* CF clear if the file of the entry at SI lies inside the disk:
 * lba + sectors(size) <= HANDOFF(DISK_SECTORS), without overflow. */
file_in_disk:
	mov	DISKDIR_ENTRY_OFF_SIZE(%si), %edx
	add	$511, %edx
	jc	1f
	shr	$9, %edx
	add	DISKDIR_ENTRY_OFF_LBA(%si), %edx
	jc	1f
	cmp	HANDOFF(DISK_SECTORS), %edx
	ja	1f
	clc
	ret
1:	stc
	ret

/*
 * Copies every directory entry's file to the staging area, page-aligned,
 * recording where each went; the cursor lives in HANDOFF(STAGING_END).
 * A directory whose CRC fails, or with a bad entry count, stages nothing;
 * a file outside the disk is not read (file_phys 0): the C code reports
 * each.  A failed read stops here.
 */
load_files:
	movl	$STAGING_FILES, HANDOFF(STAGING_END)
	call	check_directory
	jne	3f			/* a bad directory stages nothing */
	movzwl	LOWMEM_DIR + DISKDIR_OFF_COUNT, %ecx
	cmp	$DISKDIR_ENTRIES_MAX, %ecx
	ja	3f
	xor	%bx, %bx
	mov	$(LOWMEM_DIR + DISKDIR_OFF_ENTRIES), %si
1:	cmp	%cx, %bx
	jae	3f
	mov	HANDOFF(STAGING_END), %edi
	call	file_in_disk
	sbb	%eax, %eax		/* -1 outside the disk, else 0 */
	not	%eax
	and	%edi, %eax		/* where the file goes, or 0 */
	push	%bx
	shl	$2, %bx
	mov	%eax, HANDOFF(FILE_PHYS)(%bx)
	pop	%bx
	test	%eax, %eax
	jz	4f
	pushal
	mov	DISKDIR_ENTRY_OFF_LBA(%si), %eax
	mov	DISKDIR_ENTRY_OFF_SIZE(%si), %ecx
	call	read_to_high
	add	$4095, %edi
	and	$~4095, %edi
	mov	%edi, HANDOFF(STAGING_END)
	popal
4:	inc	%bx
	add	$DISKDIR_ENTRY_BYTES, %si
	jmp	1b
3:	ret

/* Reads ECX bytes from LBA EAX of the boot disk to linear EDI, leaving EDI
 * past the last sector copied.  Clobbers the other general registers. */
read_to_high:
	add	$511, %ecx
	shr	$9, %ecx
1:	jecxz	3f
	mov	$LOWMEM_BOUNCE_SECTORS, %edx
	cmp	%edx, %ecx
	jae	2f
	mov	%ecx, %edx
2:	mov	%dx, LOWMEM_DAP + 2
	movw	$0, LOWMEM_DAP + 4
	movw	$LOWMEM_BOUNCE_SEG, LOWMEM_DAP + 6
	push	%eax
	push	%ecx
	push	%edx
	push	%edi
	mov	%eax, %ebx
	mov	HANDOFF(BOOT_DRIVE), %dl
	call	disk_read
	jc	file_read_failed
	call	enter_unreal		/* the BIOS call may have reset the limits */
	pop	%edi
	pop	%edx
	mov	$LOWMEM_BOUNCE, %esi
	mov	%edx, %ecx
	shl	$7, %ecx		/* sectors -> dwords */
	addr32 rep movsl
	sti
	pop	%ecx
	pop	%eax
	add	%edx, %eax
	sub	%edx, %ecx
	jmp	1b
3:	ret

file_read_failed:
	mov	%ah, HANDOFF(FILE_ERROR)
	mov	$OFF(msg_file), %si
	call	print
	mov	HANDOFF(FILE_ERROR), %al
	call	print_hex8
	mov	$OFF(msg_nl), %si
	call	print
9:	cli
	hlt
	jmp	9b

/* int 13h AH=42h with the packet at LOWMEM_DAP (count, buffer already set),
 * LBA EBX, drive DL.  CF and AH as the BIOS returns them (AH = 0 on success). */
disk_read:
	movb	$16, LOWMEM_DAP
	movb	$0, LOWMEM_DAP + 1
	mov	%ebx, LOWMEM_DAP + 8
	movl	$0, LOWMEM_DAP + 12
	mov	$LOWMEM_DAP, %si
	mov	$0x42, %ah
	int	$0x13
	jc	1f
	xor	%ah, %ah
1:	ret

/* DS and ES with 4 GiB limits, base 0; returns with interrupts off so no
 * BIOS handler reloads them before the copy. */
enter_unreal:
	cli
	lgdtl	%cs:OFF(gdt_ptr)
	mov	%cr0, %eax
	or	$1, %al
	mov	%eax, %cr0
	mov	$SEL_DATA, %bx
	mov	%bx, %ds
	mov	%bx, %es
	and	$0xfe, %al
	mov	%eax, %cr0
	xor	%bx, %bx
	mov	%bx, %ds
	mov	%bx, %es
	ret

#include "realmode_print.inc"
#include "realmode_crc.inc"

/* Real mode -> 32-bit protected mode -> page tables -> long mode. */
enter_long_mode:
	cli
	lgdtl	%cs:OFF(gdt_ptr)
	mov	%cr0, %eax
	or	$1, %al
	mov	%eax, %cr0
	ljmpl	$SEL_CODE32, $protected32

	.code32
protected32:
	mov	$SEL_DATA, %ax
	mov	%ax, %ds
	mov	%ax, %es
	mov	%ax, %ss
	mov	%ax, %fs
	mov	%ax, %gs
	mov	$LOWMEM_STACK64_TOP, %esp
	call	build_page_tables
	mov	%cr4, %eax
	or	$0x20, %eax		/* PAE */
	mov	%eax, %cr4
	mov	$LOWMEM_PAGE_TABLES, %eax
	mov	%eax, %cr3
	mov	$0xc0000080, %ecx	/* EFER */
	rdmsr
	or	$0x100, %eax		/* LME */
	wrmsr
	mov	%cr0, %eax
	or	$0x80000000, %eax	/* PG: long mode becomes active */
	mov	%eax, %cr0
	ljmp	$SEL_CODE64, $long64

/*
 * The contract's tables, 2 MiB pages: PML4[0] -> PDPT low, whose four
 * entries map [0, 4 GiB) identity through four page directories;
 * PML4[511] -> PDPT high, whose entries 510 and 511 reuse the first two
 * directories, so BOOTINFO_KERNEL_VBASE (-2 GiB) maps physical [0, 2 GiB).
 */
#define PML4		LOWMEM_PAGE_TABLES
#define PDPT_LOW	(LOWMEM_PAGE_TABLES + 0x1000)
#define PDPT_HIGH	(LOWMEM_PAGE_TABLES + 0x2000)
#define PD0		(LOWMEM_PAGE_TABLES + 0x3000)
#define PTE_P_RW	0x003
#define PTE_LARGE	0x083
build_page_tables:
	mov	$PML4, %edi
	mov	$(7 * 1024), %ecx
	xor	%eax, %eax
	rep stosl
	movl	$(PDPT_LOW + PTE_P_RW), PML4
	movl	$(PDPT_HIGH + PTE_P_RW), PML4 + 511 * 8
	movl	$(PD0 + 0x0000 + PTE_P_RW), PDPT_LOW + 0 * 8
	movl	$(PD0 + 0x1000 + PTE_P_RW), PDPT_LOW + 1 * 8
	movl	$(PD0 + 0x2000 + PTE_P_RW), PDPT_LOW + 2 * 8
	movl	$(PD0 + 0x3000 + PTE_P_RW), PDPT_LOW + 3 * 8
	movl	$(PD0 + 0x0000 + PTE_P_RW), PDPT_HIGH + 510 * 8
	movl	$(PD0 + 0x1000 + PTE_P_RW), PDPT_HIGH + 511 * 8
	mov	$PD0, %edi
	mov	$PTE_LARGE, %eax
	mov	$2048, %ecx
1:	mov	%eax, (%edi)
	add	$0x200000, %eax
	add	$8, %edi
	loop	1b
	ret

	.code64
long64:
	mov	$SEL_DATA, %ax
	mov	%ax, %ds
	mov	%ax, %es
	mov	%ax, %ss
	mov	$LOWMEM_STACK64_TOP, %rsp
	lea	__bss_start(%rip), %rdi
	lea	__bss_end(%rip), %rcx
	sub	%rdi, %rcx
	xor	%eax, %eax
	rep stosb
	call	loader_main
9:	cli
	hlt
	jmp	9b

/* enter_kernel(entry, bootinfo, magic): the contract's register state. */
	.globl enter_kernel
enter_kernel:
	cli
	cld
	mov	%rdi, %rax
	mov	%rsi, %rdi
	mov	%rdx, %rsi
	jmp	*%rax

	.balign 8
gdt:
	.quad	0
	.quad	0x00cf9a000000ffff	/* 0x08: 32-bit code, flat */
	.quad	0x00cf92000000ffff	/* 0x10: data, flat */
	.quad	0x00af9a000000ffff	/* 0x18: 64-bit code */
gdt_end:
gdt_ptr:
	.word	gdt_end - gdt - 1
	.long	gdt

msg_hello: .asciz "boot: stage2 real mode\r\n"
msg_file:  .asciz "boot: error reading a file from the boot disk ah=0x"
msg_nl:    .asciz "\r\n"

	.section .note.GNU-stack, "", @progbits
