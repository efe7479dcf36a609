/*
 * object/console.h - the Console capability: writing bytes of the
 * caller's memory to the kernel console (KH_OP_CONSOLE_WRITE, and the
 * KH_SYS_CONSOLE_WRITE system call for a process granted `console`).
 */
#ifndef KERNEL_OBJECT_CONSOLE_H
#define KERNEL_OBJECT_CONSOLE_H

#include <stdint.h>
#include "invoke.h"

/* At most KH_CONSOLE_WRITE_MAX bytes from user address buf; the whole
 * range is checked first, so a bad buffer prints nothing. */
enum status console_write(struct process *p, uint64_t buf, uint64_t len);

INVOKE_HANDLER(CONSOLE);

#endif
