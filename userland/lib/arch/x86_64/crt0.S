/*
 * crt0.S - user entry: the kernel starts us at _start with the stack set
 * and %rdi = our pid.  Calls main() and exits with its result.
 */
	.text
	.globl _start
_start:
	xor	%ebp, %ebp
	and	$-16, %rsp
	call	main
	movslq	%eax, %rdi
	call	kh_exit
	ud2

	.section .note.GNU-stack, "", @progbits
