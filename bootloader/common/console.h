/*
 * console.h - both loaders' console: printf through the shared formatter
 * (lib/include/fmt.h) and the one failure routine (common/console.c),
 * over what each loader provides: its UART's character output and how it
 * halts.
 */
#ifndef BOOT_COMMON_CONSOLE_H
#define BOOT_COMMON_CONSOLE_H

/* Each loader's console.c. */
void console_init(void);
void console_putc(char c);               /* one raw character, polled */
_Noreturn void loader_halt(void);        /* stop for good, interrupts masked */

/* Lines end in "\r\n" on the wire (QEMU's stdio serial is raw). */
void console_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* `boot: error <text>` (text ends in "\n"), `boot: halted`, and halts the
 * machine for good: the same two lines on every loader. */
_Noreturn void boot_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
