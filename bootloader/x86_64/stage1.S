/*
 * stage1.S - the MBR.  SeaBIOS loads it at 0x7c00 and jumps to it with the
 * boot drive in DL.  It reads the disk directory (LBA 1..8) to check the
 * image and find stage 2, loads stage 2 at 0x10000 with int 13h extended
 * reads, checks the CRC-32C of the sectors it loaded against the
 * directory's, and jumps to it (CS = 0x1000, IP = 0, DL = boot drive).  On
 * any failure it prints `boot: error stage1: ...` on COM1 and halts.  A
 * BIOS without int 13h extensions fails the first read (ah=0x01).
 * (Stage 2 checks the directory's own CRC before it stages any file.)
 */
#include "lowmem.h"
#include "diskdir.h"
#include "realmode_entry.inc"

#define COM1 0x3f8

	.code16
	.text
	.globl _start
_start:
	REALMODE_ENTRY
	ljmp	$0, $1f			/* some BIOSes enter at 07c0:0000 */
1:	sti
	cld
	mov	%dl, boot_drive
	call	serial_init

	/* The directory says where stage 2 is and how long it is. */
	movl	$DISKDIR_LBA, dap_lba
	movw	$DISKDIR_SECTORS, dap_count
	movw	$LOWMEM_DIR, dap_off
	call	read_sectors
	cmpl	$DISKDIR_MAGIC, LOWMEM_DIR + DISKDIR_OFF_MAGIC
	jne	bad_dir
	mov	LOWMEM_DIR + DISKDIR_OFF_STAGE2_LBA, %eax
	mov	%eax, dap_lba
	mov	LOWMEM_DIR + DISKDIR_OFF_STAGE2_SECTORS, %ecx
	jecxz	bad_dir
	cmp	$(DISKDIR_STAGE2_MAX / 512), %ecx
	ja	bad_dir
	movw	$0, dap_off
	movw	$LOWMEM_STAGE2_SEG, dap_seg
	or	$-1, %edx		/* CRC-32C state of what is loaded */

	/* At most 64 sectors (32 KiB) per call, advancing the segment. */
load_loop:
	mov	$64, %ax
	cmp	%ax, %cx
	jae	1f
	mov	%cx, %ax
1:	mov	%ax, dap_count
	call	read_sectors
	sub	%ax, %cx
	movzwl	%ax, %ebx
	add	%ebx, dap_lba
	push	%cx
	mov	%ax, %cx
	shl	$9, %cx			/* sectors -> bytes, at most 32 KiB */
	call	crc_chunk
	shl	$5, %bx			/* sectors -> paragraphs */
	add	%bx, dap_seg
	pop	%cx
	test	%cx, %cx
	jnz	load_loop

	not	%edx
	cmp	LOWMEM_DIR + DISKDIR_OFF_STAGE2_CRC, %edx
	jne	bad_stage2
	mov	boot_drive, %dl
	ljmp	$LOWMEM_STAGE2_SEG, $0

/* Reads dap_count sectors; halts with a message on error.  Keeps registers. */
read_sectors:
	pusha
	mov	$dap, %si
	mov	boot_drive, %dl
	mov	$0x42, %ah
	int	$0x13
	jc	read_failed
	popa
	ret
read_failed:
	push	%ax
	mov	$msg_read, %si
	call	die_message
	pop	%ax
	mov	%ah, %al
	call	print_hex8
	jmp	halt

bad_stage2:
	mov	$msg_stage2, %si
	jmp	die
bad_dir:
	mov	$msg_dir, %si
die:
	call	die_message
halt:
	mov	$msg_nl, %si
	call	print
1:	cli
	hlt
	jmp	1b

/* `boot: error stage1: ` then the message at SI. */
die_message:
	push	%si
	mov	$msg_error, %si
	call	print
	pop	%si
	jmp	print

/* COM1: 115200 8N1, FIFOs on; the table is (register offset, value). */
serial_init:
	mov	$serial_table, %si
	mov	$7, %cx
1:	lodsw
	mov	$COM1, %dx
	add	%al, %dl
	mov	%ah, %al
	out	%al, %dx
	loop	1b
	ret

/* The CRC-32C state EDX over CX bytes at dap_seg:0.  Clobbers AX, CX, SI. */
crc_chunk:
	push	%ds
	mov	dap_seg, %ds
	xor	%si, %si
	call	crc32c_bytes
	pop	%ds
	ret

#include "realmode_crc.inc"

#include "realmode_print.inc"

serial_table:
	.byte 1, 0x00, 3, 0x80, 0, 0x01, 1, 0x00, 3, 0x03, 2, 0xc7, 4, 0x03
msg_error: .asciz "boot: error stage1: "
msg_stage2: .asciz "stage 2 crc mismatch"
msg_dir:  .asciz "bad disk directory"
msg_read: .asciz "read error ah=0x"
msg_nl:   .asciz "\r\n"

	.balign 4
dap:	.byte 16, 0
dap_count: .word 0
dap_off:   .word 0
dap_seg:   .word 0
dap_lba:   .long 0, 0
boot_drive: .byte 0

	.section .note.GNU-stack, "", @progbits
