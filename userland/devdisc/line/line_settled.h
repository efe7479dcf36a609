/*
 * line_settled.h - the one devdisc line both bus backends write the same
 * way: what Settle kept, once discovery is over.
 */
#ifndef DEVDISC_LINE_SETTLED_H
#define DEVDISC_LINE_SETTLED_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"

/*   devdisc: settled need=<frames> pool=<N> used=<frames> keep=<frames>
 *            fingerprint=<16 hex digits>
 * (one line, '\n'-terminated; buf NUL-terminated, "" on SHORT_BUFFER with
 * *len the length needed). */
enum status line_format_settled(uint32_t need, uint32_t pool, uint32_t used,
				uint32_t keep, uint64_t fingerprint,
				char *buf, size_t cap, size_t *len);

#endif
