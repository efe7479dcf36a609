/*
 * fdtw_log.h - the log lines of an FDT walk, written into a caller
 * buffer by the line builder (line/line.h).
 */
#ifndef DEVDISC_FDTW_LOG_H
#define DEVDISC_FDTW_LOG_H

#include <stddef.h>
#include "status.h"
#include "fdtw_walk.h"

/* Each writes its lines into buf as line_format() does (line.h): every
 * line ends with '\n', buf is NUL-terminated, and on SHORT_BUFFER *len is
 * the length needed and buf holds "". */

/*   devdisc: found node=<path> compatible=<str> regions=<n>
 * then for each region
 *   devdisc: region node=<path> index=<i> addr=0x<hex> size=<bytes>  */
enum status fdtw_format_device(const struct fdtw_device *d, char *buf, size_t cap, size_t *len);

/*   devdisc: warning node=<path> what=<name> detail=<n>  */
enum status fdtw_format_warning(const struct fdtw_warning *w, char *buf, size_t cap, size_t *len);

/* Every device with its regions, then every warning, then
 * `what=truncated-warnings detail=<n>` if warnings were dropped. */
enum status fdtw_format_walk(const struct fdtw_result *r, char *buf, size_t cap, size_t *len);

#endif
