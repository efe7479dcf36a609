/*
 * fmt.h - the one printf-style formatter behind every freestanding printer
 * (the loader's console, the kernel's kprintf, the user runtime's
 * kh_printf).  Each printer supplies only where a character goes.
 *
 * Conversions: %s %c %d %u %x %%, with an optional zero-padded width
 * ("%08x") and the length modifiers l, ll and z.  An unknown conversion is
 * printed as written, so a bad format shows up in the log instead of
 * silently eating arguments.  No floating point, no malloc, no 64-bit
 * division (ColdFire links without libgcc).
 */
#ifndef FMT_H
#define FMT_H

#include <stdarg.h>

struct fmt_sink {
	void (*put)(struct fmt_sink *sink, char c);
};

void fmt_vformat(struct fmt_sink *sink, const char *fmt, va_list ap);

#endif
