/*
 * trap.S - exception/interrupt stubs, the syscall entry and the one way
 * back to user mode.  Every entry builds a struct hal_frame (arch_defs.h)
 * on the kernel stack; every exit to user mode is x86_trap_return.
 */
#define SEL_UDATA 0x1b
#define SEL_UCODE 0x23
#define VECTOR_SYSCALL 0x100

.macro SAVE_REGS
	push	%rax
	push	%rbx
	push	%rcx
	push	%rdx
	push	%rsi
	push	%rdi
	push	%rbp
	push	%r8
	push	%r9
	push	%r10
	push	%r11
	push	%r12
	push	%r13
	push	%r14
	push	%r15
.endm

.macro RESTORE_REGS
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%r11
	pop	%r10
	pop	%r9
	pop	%r8
	pop	%rbp
	pop	%rdi
	pop	%rsi
	pop	%rdx
	pop	%rcx
	pop	%rbx
	pop	%rax
.endm

/* Vectors whose exceptions push an error code; the others get a 0 so the
 * frame has one shape. */
.macro VECTOR n
	.balign 16
x86_vector_\n:
	.if (\n == 8) || (\n >= 10 && \n <= 14) || (\n == 17) || (\n == 21) || (\n == 29) || (\n == 30)
	.else
	pushq	$0
	.endif
	pushq	$\n
	jmp	trap_common
.endm

	.text
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
	VECTOR \n
	.endr

trap_common:
	SAVE_REGS
	mov	%rsp, %rdi
	call	x86_trap
	/* fall through: resume what was interrupted */
	.globl x86_trap_return
x86_trap_return:
	RESTORE_REGS
	add	$16, %rsp		/* vector, error */
	iretq

/* x86_resume(frame): drop onto a saved frame and leave through it. */
	.globl x86_resume
x86_resume:
	mov	%rdi, %rsp
	jmp	x86_trap_return

/* x86_switch_stack_and_call(top, fn) */
	.globl x86_switch_stack_and_call
x86_switch_stack_and_call:
	mov	%rdi, %rsp
	call	*%rsi
	ud2

/*
 * SYSCALL: rcx = user rip, r11 = user rflags, interrupts masked by
 * SFMASK, still on the user stack.  The kernel is single-CPU and runs
 * with interrupts off, so one scratch word holds the user rsp.
 */
	.globl x86_syscall_entry
x86_syscall_entry:
	mov	%rsp, x86_user_rsp(%rip)
	mov	x86_kstack_top(%rip), %rsp
	pushq	$SEL_UDATA
	pushq	x86_user_rsp(%rip)
	push	%r11
	pushq	$SEL_UCODE
	push	%rcx
	pushq	$0
	pushq	$VECTOR_SYSCALL
	SAVE_REGS
	mov	%rsp, %rdi
	call	x86_syscall
	jmp	x86_trap_return

	.section .rodata
	.balign 8
	.globl x86_vectors
x86_vectors:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
	.quad	x86_vector_\n
	.endr

	.section .bss
	.balign 8
	.globl x86_kstack_top
x86_kstack_top:
	.skip 8
x86_user_rsp:
	.skip 8

	.section .note.GNU-stack, "", @progbits
