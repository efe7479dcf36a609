/*
 * hal/arch.h - the seam between the generic kernel (kernel/) and a port
 * (arch/<arch>/).  Generic code includes only the hal headers; a port implements
 * every function declared in them and provides arch/<arch>/include/
 * arch_defs.h with the constants listed below.  Generic code never has an
 * arch folder on its include path: the build names that one file as
 * HAL_PORT_DEFS (kernel/seam.cmake), included here.
 *
 * Call order at boot (the port's entry code drives the first two steps):
 *   1. port entry: stack, hal_console_init(), hal_cpu_init() (segments,
 *      trap table), then kernel_main(bootinfo) from kernel/kernel.h;
 *   2. kernel_main: hal_mmu_init() once the heap is reserved,
 *      hal_timer_init(), then hal_user_enter() for the first process.
 * The kernel is single-CPU; every hal_* function runs with interrupts off
 * unless it says otherwise.
 *
 * arch_defs.h must define (and nothing else generic code may use):
 *   HAL_PAGE_BYTES        the kernel's frame size (4096 on every port)
 *   HAL_USER_BASE         lowest address a user program may occupy
 *   HAL_USER_TOP          one past the highest user address
 *   HAL_USER_STACK_TOP    initial user stack pointer (<= HAL_USER_TOP)
 *   HAL_USER_STACK_PAGES  pages of user stack mapped at start
 *   HAL_ELF_MACHINE       ELF e_machine accepted for user programs
 *   HAL_ELF_CLASS64       1 if user programs are ELF64, 0 for ELF32
 *   HAL_HAS_MMU           1 if address spaces are isolated (0 on ColdFire)
 *   HAL_FRAME_VA_BASE/TOP FrameAlloc's window of user addresses (equal to
 *                         the uapi's KH_FRAME_VA_BASE/TOP for the target);
 *                         without an MMU its frames are used at va == pa
 *   HAL_KSTACK_BYTES      kernel stack per process (16-byte multiple); the
 *                         saved user frame sits at its top
 * The saved user registers (struct hal_frame, hal/trap.h) are the port's
 * own: generic code only passes pointers to them.
 */
#ifndef HAL_ARCH_H
#define HAL_ARCH_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#ifndef HAL_PORT_DEFS
#error "HAL_PORT_DEFS must name the port's arch_defs.h (kernel/seam.cmake)"
#endif
#include HAL_PORT_DEFS
#include "hal/console.h"
#include "hal/mmu.h"
#include "hal/trap.h"
#include "hal/timer.h"
#include "hal/reset.h"
#include "hal/io.h"

/* Segments, trap/exception table, syscall entry.  Called once, early,
 * after hal_console_init() so that a fault during bring-up can print. */
void hal_cpu_init(void);

/* Stops this CPU for good with interrupts off (after a panic). */
void hal_halt(void) __attribute__((noreturn));

/* Waits for the next interrupt with interrupts on, then returns with them
 * off again.  The idle loop calls it. */
void hal_wait_for_interrupt(void);

/* Switches to the boot stack and calls idle(), which must not return.
 * The idle loop so never sits on the kernel stack of a process that has
 * ended (whose slot may be reused). */
void hal_run_idle(void (*idle)(void)) __attribute__((noreturn));

/* Dumps the saved registers of a trap frame on the console (panic path). */
void hal_dump_frame(const struct hal_frame *f);

#endif
