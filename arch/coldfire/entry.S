/*
 * entry.S - the kernel's vector table and first instructions.
 *
 * The loader calls _start like a C function entry(bootinfo, magic) in
 * supervisor mode with interrupts masked: 4(%sp) = bootinfo (physical ==
 * virtual), 8(%sp)/12(%sp) = BOOTINFO_MAGIC (64-bit, high word first).
 */
	.section .text.vectors, "ax"
	.globl	cf_vectors
	.balign	4
cf_vectors:			/* VBR points here: every vector to one stub */
	.rept	256
	.long	cf_exception
	.endr

	.text
	.globl	_start
_start:
	move.w	#0x2700, %sr
	move.l	4(%sp), %d0
	move.l	8(%sp), %d1
	move.l	12(%sp), %d2
	lea	cf_boot_stack_top, %sp
	move.l	%d2, -(%sp)
	move.l	%d1, -(%sp)
	move.l	%d0, -(%sp)
	jsr	cf_boot		/* never returns */
1:	bra.s	1b

	.section .bss
	.balign	16
cf_boot_stack:
	.skip	16384
	.globl	cf_boot_stack_top
cf_boot_stack_top:

	.section .note.GNU-stack, "", @progbits
