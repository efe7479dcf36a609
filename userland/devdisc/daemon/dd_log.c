/* dd_log.c - see dd_log.h. */
#include "dd_log.h"
#include "kh_user.h"

char dd_logbuf[DD_LOG_BYTES];

void dd_write_lines(enum status st, const char *buf, const size_t *len)
{
	size_t start = 0;

	if (st) {
		kh_printf("devdisc: error step=format status=%s\n", status_name(st));
		return;
	}
	for (size_t i = 0; i < *len; i++) {
		if (buf[i] != '\n')
			continue;
		kh_console_write(buf + start, i + 1 - start);
		start = i + 1;
	}
}

void dd_emit(enum status st, const size_t *len)
{
	dd_write_lines(st, dd_logbuf, len);
}
