/*
 * entry.S - first kernel instructions.  The loader enters here in long
 * mode on its own tables with %rdi = bootinfo (physical, identity-mapped)
 * and %rsi = BOOTINFO_MAGIC; interrupts are off.
 */
	.section .text.entry, "ax"
	.globl _start
_start:
	cli
	cld
	lea	x86_boot_stack_top(%rip), %rsp
	xor	%ebp, %ebp
	call	x86_boot		/* (bootinfo phys, magic): never returns */
1:	hlt
	jmp	1b

	.section .bss
	.balign 16
	.globl x86_boot_stack_top
x86_boot_stack:
	.skip 16384
x86_boot_stack_top:

	.section .note.GNU-stack, "", @progbits
