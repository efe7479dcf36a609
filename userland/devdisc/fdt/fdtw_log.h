/*
 * fdtw_log.h - the log lines of an FDT walk, written into a caller
 * buffer by the line builder (line/line.h).
 */
#ifndef DEVDISC_FDTW_LOG_H
#define DEVDISC_FDTW_LOG_H

#include <stddef.h>
#include "status.h"
#include "fdtw_walk.h"

/*
 * Log lines (each ends with '\n'; buf is NUL-terminated).  On SHORT_BUFFER
 * *len is the length needed (without the NUL) and buf holds "".
 *   devdisc: found node=<path> compatible=<str> regions=<n>
 *   devdisc: region node=<path> index=<i> addr=0x<hex> size=<bytes>
 *   devdisc: warning node=<path> what=<name> detail=<n>
 */
enum status fdtw_format_device(const struct fdtw_device *d, char *buf,
			       size_t cap, size_t *len);
enum status fdtw_format_warning(const struct fdtw_warning *w, char *buf,
				size_t cap, size_t *len);
/* Every device with its regions, then every warning, then
 * `what=truncated-warnings detail=<n>` if warnings were dropped. */
enum status fdtw_format_walk(const struct fdtw_result *r, char *buf,
			     size_t cap, size_t *len);

#endif
