/*
 * line_settled.c - the settled line (line_settled.h).
 */
#include "line_settled.h"
#include "line.h"

enum status line_format_settled(uint32_t need, uint32_t pool, uint32_t used,
				uint32_t keep, uint64_t fingerprint,
				char *buf, size_t cap, size_t *len)
{
	struct line_buf lb = { buf, cap, 0 };

	if (!len || (!buf && cap != 0))
		return STATUS_INVALID_ARGUMENT;
	line_key_dec(&lb, "devdisc: settled need=", need);
	line_key_dec(&lb, " pool=", pool);
	line_key_dec(&lb, " used=", used);
	line_key_dec(&lb, " keep=", keep);
	line_str(&lb, " fingerprint=");
	line_hex(&lb, fingerprint, 16);
	line_char(&lb, '\n');
	return line_finish(&lb, len);
}
