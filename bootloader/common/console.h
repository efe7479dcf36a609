/*
 * console.h - both loaders' console: printf through the shared formatter
 * (lib/include/fmt.h) and the one failure routine (common/console.c),
 * over what each loader provides: its UART's character output, how it
 * halts, and the words around a failure line.
 */
#ifndef BOOT_COMMON_CONSOLE_H
#define BOOT_COMMON_CONSOLE_H

/* Each loader's console.c. */
void console_init(void);
void console_putc(char c);               /* one raw character, polled */
_Noreturn void loader_halt(void);        /* stop for good, interrupts masked */
extern const char boot_fail_prefix[];    /* before a failure's text */
extern const char boot_fail_suffix[];    /* after it */

/* Lines end in "\r\n" on the wire (QEMU's stdio serial is raw). */
void console_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints prefix, the text, suffix, and halts the machine for good. */
_Noreturn void boot_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
