/*
 * dd_log.h - how the daemon writes what a pure formatter produced: the
 * shared line buffer, and one console write per line so that no other
 * writer splits a line.
 */
#ifndef DEVDISC_DD_LOG_H
#define DEVDISC_DD_LOG_H

#include <stddef.h>
#include "status.h"

/* One device's lines at most (a PCI function with 7 BARs and 2 windows
 * is near 1 KiB).  The ColdFire build sets 1024 (guest.cmake): its
 * nodes' lines are short, and every page of a program there is RAM the
 * space bank does not get. */
#ifndef DD_LOG_BYTES
#define DD_LOG_BYTES 4096u
#endif
extern char dd_logbuf[DD_LOG_BYTES];

/* Writes what a formatter put in buf; an error status becomes one error
 * line.  `len` by pointer: it must be read after the formatter has run. */
void dd_write_lines(enum status st, const char *buf, const size_t *len);

/* dd_write_lines() of dd_logbuf (st, len are a formatter's results). */
void dd_emit(enum status st, const size_t *len);

#endif
