/*
 * object/reboot.h - the Reboot capability: restarting the machine with a
 * reason the next boot sees (KH_OP_REBOOT, and the KH_SYS_REBOOT system
 * call for a process granted `reboot`).
 */
#ifndef KERNEL_OBJECT_REBOOT_H
#define KERNEL_OBJECT_REBOOT_H

#include <stdint.h>
#include "invoke.h"

/* Logs and resets with `reason` (enum boot_reason, not COLD); returns
 * INVALID_ARGUMENT for any other value, else never. */
enum status do_reboot(struct process *p, uint64_t reason);

INVOKE_HANDLER(REBOOT);

#endif
