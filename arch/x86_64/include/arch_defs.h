/*
 * arch_defs.h (x86_64) - the constants hal/arch.h asks every port for,
 * nothing else: generic code sees this file (HAL_PORT_DEFS); the port's
 * own constants and its saved-register frame are in x86.h.
 *
 * Virtual memory map:
 *   0x0000000000400000 .. 0x00007fffffffffff  user (lower half)
 *   0xffff800000000000 ..                     direct map of physical memory
 *   0xffffffff80000000 ..                     kernel image (phys + this)
 */
#ifndef ARCH_DEFS_H
#define ARCH_DEFS_H

#include <stdint.h>

#define HAL_PAGE_BYTES        4096u
#define HAL_USER_BASE         0x0000000000400000ull
#define HAL_USER_TOP          0x0000800000000000ull
#define HAL_USER_STACK_TOP    0x00007ffffff00000ull
#define HAL_USER_STACK_PAGES  4u
#define HAL_ELF_MACHINE       62u     /* EM_X86_64 */
#define HAL_ELF_CLASS64       1
#define HAL_HAS_MMU           1
/* FrameAlloc's window (uapi KH_FRAME_VA_BASE..TOP): 16..32 TiB. */
#define HAL_FRAME_VA_BASE     0x0000100000000000ull
#define HAL_FRAME_VA_TOP      0x0000200000000000ull
#define HAL_KSTACK_BYTES      8192u

#endif
