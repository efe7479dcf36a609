/*
 * log.h - console output and the kernel's stop path.
 *
 * kprintf is the shared formatter (lib/include/fmt.h) over the console:
 * %s %c %d %u %x, a zero-padded width ("%03u"), the l/ll/z length
 * modifiers, nothing else: enough for log lines, small enough to trust
 * inside a panic.
 */
#ifndef KERNEL_LOG_H
#define KERNEL_LOG_H

#include <stdarg.h>

void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kvprintf(const char *fmt, va_list ap);

/* Prints `kernel: panic <message>` and halts.  Tests fail on that line. */
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* An invariant the kernel relies on; a failure is a kernel bug. */
#define KASSERT(cond)                                                   \
	do {                                                            \
		if (!(cond))                                            \
			panic("assertion failed: %s at %s:%d", #cond,   \
			      __FILE__, __LINE__);                      \
	} while (0)

#endif
