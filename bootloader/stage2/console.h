/* console.h - COM1 output for the 64-bit part of stage 2. */
#ifndef STAGE2_CONSOLE_H
#define STAGE2_CONSOLE_H

#include <stdint.h>

void console_init(void);
/* A small printf: %s, %c, %u (unsigned long), %x (unsigned long, hex). */
void console_printf(const char *fmt, ...);
/* Prints `boot: error <what>` and halts the machine for good. */
_Noreturn void boot_fail(const char *fmt, ...);

#endif
