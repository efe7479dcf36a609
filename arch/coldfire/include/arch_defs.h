/*
 * arch_defs.h (ColdFire MCF5208, QEMU mcf5208evb) - the constants
 * hal/arch.h asks every port for, nothing else: generic code sees this
 * file (HAL_PORT_DEFS); the port's own constants and its saved-register
 * frame are in cf.h.
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
 *   0x44000000 .. 0x47f00000  user window: programs' link addresses from
 *                             the bottom, 1 MiB apart; its top 15 MiB
 *   0x47000000 .. 0x47f00000  the FrameAlloc window (frames at va == pa)
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
 * (exec.c, !HAL_HAS_MMU).  This bound only limits the images. */
#define HAL_USER_STACK_TOP    HAL_USER_TOP
#define HAL_USER_STACK_PAGES  4u
#define HAL_ELF_MACHINE       4u      /* EM_68K */
#define HAL_ELF_CLASS64       0
#define HAL_HAS_MMU           0
/* FrameAlloc's window (uapi KH_FRAME_VA_BASE..TOP, the same numbers): the
 * top 15 MiB of the user window, 3840 frames, clear of the programs (48
 * link slots below it; userland/lib/arch/coldfire/runtime.cmake stops
 * there) and below the loader's scratch; 32-bit, as the system-call
 * registers are.  A frame there is mapped at its own address. */
#define HAL_FRAME_VA_BASE     0x47000000ull
#define HAL_FRAME_VA_TOP      0x47f00000ull
#define HAL_KSTACK_BYTES      8192u

#endif
