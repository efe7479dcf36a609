/* console.h - COM1 output for the 64-bit part of stage 2. */
#ifndef STAGE2_CONSOLE_H
#define STAGE2_CONSOLE_H

#include <stdint.h>

void console_init(void);
/* printf over COM1 with the shared formatter (lib/include/fmt.h). */
void console_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints `boot: error <what>` and halts the machine for good. */
_Noreturn void boot_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
