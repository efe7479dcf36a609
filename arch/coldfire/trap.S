/*
 * trap.S - one entry for every exception, interrupt and TRAP: saves the
 * registers below the CPU's frame (struct hal_frame), calls cf_trap(),
 * and leaves by cf_resume, which also starts a process for the first time.
 * The RTE restores the interrupted SR, and with it the interrupt mask.
 * ColdFire's movem has no predecrement mode, hence lea + movem.
 */
	.text
	.globl	cf_exception
cf_exception:
	/* The kernel runs with interrupts masked (as on x86_64): a TRAP keeps
	 * the user's IPL 0, and a timer tick taken inside a system call would
	 * switch processes in the middle of it. */
	move.w	#0x2700, %sr
	lea	-60(%sp), %sp
	movem.l	%d0-%d7/%a0-%a6, (%sp)
	move.l	%usp, %a0
	move.l	%a0, -(%sp)
	move.l	%sp, -(%sp)
	jsr	cf_trap
	addq.l	#4, %sp
	bra.s	resume_here

/* cf_resume(frame): the frame sits at the top of a kernel stack, so after
 * the RTE the supervisor stack is empty again, ready for the next trap. */
	.globl	cf_resume
cf_resume:
	move.l	4(%sp), %sp
resume_here:
	move.l	(%sp)+, %a0
	move.l	%a0, %usp
	movem.l	(%sp), %d0-%d7/%a0-%a6
	lea	60(%sp), %sp
	rte

/* cf_call_on_stack(sp, fn): runs fn (which never returns) on stack sp. */
	.globl	cf_call_on_stack
cf_call_on_stack:
	move.l	4(%sp), %d0
	move.l	8(%sp), %a0
	move.l	%d0, %sp
	jsr	(%a0)
1:	bra.s	1b

	.section .note.GNU-stack, "", @progbits
