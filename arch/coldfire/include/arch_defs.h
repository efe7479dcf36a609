/*
 * arch_defs.h (ColdFire MCF5208, QEMU mcf5208evb) - the constants
 * hal/arch.h asks every port for, and the saved-register frame.
 *
 * No MMU: one flat physical space.  User programs are linked at fixed
 * addresses inside the user window of SDRAM and loaded there (virtual ==
 * physical); they run in user mode WITHOUT isolation from each other or
 * from the kernel.  The capability checks stay.
 *
 * Physical map:
 *   0x00000000 ..  2 MiB      boot ROM (-bios): loader + payload image
 *   0x40000000 ..             SDRAM (128 MiB default): kernel image first
 *                             (its vector table at 0x40000000: VBR needs
 *                             1 MiB alignment), then the fixed heap
 *   0x44000000 .. 0x47f00000  user window (programs' link addresses)
 *   0x47ff0000 .. 0x48000000  loader scratch (bootinfo, store copy)
 *   0x80000000 .. 16 KiB      SRAM: reboot note, loader data and stack
 *   0xfc000000 ..             on-chip peripherals
 */
#ifndef ARCH_DEFS_H
#define ARCH_DEFS_H

#include <stdint.h>

#define HAL_PAGE_BYTES        4096u
#define HAL_USER_BASE         0x44000000ull
#define HAL_USER_TOP          0x47f00000ull
/* Without an MMU the stack cannot sit at one address for every program:
 * the generic kernel places it just above each program's image
 * (process.c, !HAL_HAS_MMU).  This bound only limits the images. */
#define HAL_USER_STACK_TOP    HAL_USER_TOP
#define HAL_USER_STACK_PAGES  4u
#define HAL_ELF_MACHINE       4u      /* EM_68K */
#define HAL_ELF_CLASS64       0
#define HAL_HAS_MMU           0
#define HAL_KSTACK_BYTES      8192u

#define CF_SDRAM_BASE         0x40000000u
#define CF_SRAM_BASE          0x80000000u
#define CF_SR_S               0x2000u   /* supervisor */
#define CF_SR_IPL_MASK        0x0700u
#define CF_SR_CCR             0x001fu   /* X N Z V C */
#define CF_FORMAT_WORD        0x40000000u /* format 4, no stack adjustment */
#define CF_VECTOR_TRAP0       32u
#define CF_VECTOR_INT_BASE    64u       /* interrupt controller source n -> 64 + n */
#define CF_PIT0_SOURCE        4u

/* Saved registers, lowest address first: the trap stub pushes d0-d7,
 * a0-a6 and the user stack pointer below the exception frame the CPU
 * pushed (format/vector/SR long word, then PC). */
struct hal_frame {
	uint32_t usp;
	uint32_t d[8];
	uint32_t a[7];
	uint32_t fmt_sr;   /* format:4 fs:2 vector:8 fs:2 sr:16 */
	uint32_t pc;
};

_Static_assert(sizeof(struct hal_frame) == 72, "trap frame layout (trap.S)");

#endif
