/*
 * crt0.S (musl) - entry of programs linked with musl's libc.a.  The kernel
 * starts us with the stack set and no argv/envp/auxv, so we lay out an
 * empty set (argv[0] = NULL, envp[0] = NULL, auxv = AT_NULL) and enter
 * musl's __libc_start_main, which sets up its thread pointer (arch_prctl,
 * the one Linux call the kernel implements) and calls kh_musl_main.  That
 * calls main() and leaves through KH_SYS_EXIT: musl's own exit path ends
 * in exit_group, which this kernel answers with ENOSYS.
 */
	.text
	.globl _start
_start:
	xor	%ebp, %ebp
	and	$-16, %rsp
	pushq	$0			/* auxv[1] */
	pushq	$0			/* auxv[0] = AT_NULL */
	pushq	$0			/* envp[0] */
	pushq	$0			/* argv[0] */
	lea	kh_musl_main(%rip), %rdi
	xor	%esi, %esi		/* argc = 0 */
	mov	%rsp, %rdx		/* argv */
	xor	%ecx, %ecx
	xor	%r8d, %r8d
	xor	%r9d, %r9d
	call	__libc_start_main
	ud2
	.section .note.GNU-stack, "", @progbits
