/*
 * hal/reset.h - restarting the machine.
 *
 * x86_64: writes the reboot note (bootinfo.h) then resets through port
 * 0xCF9, the keyboard controller, and a triple fault as last resort.
 * ColdFire: quiesces timers and interrupts and jumps to the boot ROM's
 * reset vector.
 */
#ifndef HAL_RESET_H
#define HAL_RESET_H

#include "bootinfo.h"

/* Never returns.  `reason` reaches the next boot's bootinfo.boot_reason. */
void hal_reset(enum boot_reason reason) __attribute__((noreturn));

#endif
