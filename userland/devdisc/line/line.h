/*
 * line.h - the line builder behind every devdisc log line that a pure
 * core formats (pci/, pcihp/, fdt/ and the settled line): text into a
 * caller buffer, no stdio, no allocation, no system call.
 *
 * The builder keeps counting past the end of the buffer, so one pass
 * gives the text or, on overflow, the length needed.  Decimal output
 * divides by 10 in 16-bit steps: no 64-bit division, which 32-bit
 * ColdFire would need libgcc for.
 */
#ifndef DEVDISC_LINE_H
#define DEVDISC_LINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "status.h"

struct line_buf {
	char *buf;
	size_t cap;
	size_t len;              /* bytes produced, even beyond cap */
};

void line_char(struct line_buf *lb, char c);
void line_str(struct line_buf *lb, const char *s);
/* `digits` = minimum width, zero-padded (1: no padding). */
void line_hex(struct line_buf *lb, uint64_t v, unsigned digits);
void line_dec(struct line_buf *lb, uint64_t v);
/* `key` then v in decimal, e.g. line_key_dec(lb, " pool=", n). */
void line_key_dec(struct line_buf *lb, const char *key, uint64_t v);

/* NUL-terminates and sets *len; on overflow leaves an empty string and
 * reports in *len the length needed (SHORT_BUFFER). */
enum status line_finish(struct line_buf *lb, size_t *len);

/* What every formatter of one object does: checks the arguments (obj
 * and len not NULL, buf NULL only when cap is 0: INVALID_ARGUMENT), has
 * put() write obj's lines, then line_finish(). */
typedef void line_put_fn(struct line_buf *lb, const void *obj);
enum status line_format(line_put_fn *put, const void *obj, char *buf, size_t cap,
			size_t *len);

/* names[i] of a small table of n names, "unknown" beyond it:
 *   static const char *const names[] = { "mem", "pref" };
 * (an enum declared from an X-macro list gets its name function from
 * lib/include/names.h instead). */
const char *line_name(const char *const *names, unsigned n, unsigned i);

#endif
