/*
 * start.S - the first bytes of the ROM: the ColdFire vector table (QEMU
 * takes the initial PC from offset 4; the initial SP at offset 0 is set
 * again below because QEMU does not load it), then the start-up code:
 * mask interrupts, stack in SRAM, copy .data from ROM, clear .bss, C.
 * The kernel's reset jumps here too (a warm start: RAM kept).
 */
	.section .vectors, "ax"
	.long	_stack_top
	.long	_start
	.rept	254
	.long	loader_exception
	.endr

	.text
	.globl	_start
_start:
	move.w	#0x2700, %sr
	lea	_stack_top, %sp
	moveq.l	#0, %d0
	movec	%d0, %vbr		/* our table at 0 */
	lea	_data_lma, %a0
	lea	_data_start, %a1
	lea	_data_end, %a2
1:	cmpa.l	%a2, %a1
	bcc.s	2f
	move.l	(%a0)+, (%a1)+
	bra.s	1b
2:	lea	_bss_end, %a2
3:	cmpa.l	%a2, %a1
	bcc.s	4f
	clr.l	(%a1)+
	bra.s	3b
4:	jsr	loader_main
5:	bra.s	5b

/* Any exception in the loader: say which and stop. */
loader_exception:
	move.l	(%sp), %d0		/* format/vector/SR */
	move.l	4(%sp), %d1		/* PC */
	move.l	%d1, -(%sp)
	move.l	%d0, -(%sp)
	jsr	loader_trap
6:	bra.s	6b

/* enter_kernel(entry, bootinfo, magic_hi, magic_lo): a C call of the
 * kernel's entry(bootinfo, magic) that never returns. */
	.globl	enter_kernel
enter_kernel:
	move.l	4(%sp), %a0
	move.l	16(%sp), -(%sp)
	move.l	16(%sp), -(%sp)
	move.l	16(%sp), -(%sp)
	jsr	(%a0)
7:	bra.s	7b

	.section .note.GNU-stack, "", @progbits
