/*
 * crt0.S (ColdFire) - user entry: the kernel starts us at _start in user
 * mode with the stack set just above our image and d0 = our pid.  Calls
 * main() and exits with its result.
 */
	.text
	.globl	_start
_start:
	jsr	main
	move.l	%d0, -(%sp)
	jsr	kh_exit
1:	bra.s	1b

	.section .note.GNU-stack, "", @progbits
