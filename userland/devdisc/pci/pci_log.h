/*
 * pci_log.h - the log lines of a PCI walk (the contract in docs/log-lines.md),
 * written into a caller buffer by the line builder (line/line.h).
 * Pure; the same code runs in the guest and in the host tests.
 */
#ifndef DEVDISC_PCI_LOG_H
#define DEVDISC_PCI_LOG_H

#include <stddef.h>
#include "status.h"
#include "pci.h"

/*
 * Log lines (each ends with '\n'; the buffer is NUL-terminated).  On
 * SHORT_BUFFER *len is the length needed (without the NUL) and buf holds
 * an empty string.
 *
 *   devdisc: found dev=<bb:dd.f> vendor=<hex> device=<hex> class=<hex>
 *            header=<n> depth=<n> bars=<n> [secondary=<n> subordinate=<n>]
 *            [slot=<n> hotplug=<0|1>]
 *   devdisc: bar dev=<bb:dd.f> index=<n> addr=0x<hex> size=<bytes>
 *            kind=<mem32|mem64|io|rom> pref=<0|1>
 *   devdisc: window dev=<bb:dd.f> kind=<mem|pref|cb-mem0|cb-mem1>
 *            base=0x<hex> limit=0x<hex>
 *   devdisc: warning dev=<bb:dd.f|none> what=<name> detail=<n>
 */
enum status pci_format_device(const struct pci_device *d, char *buf,
			      size_t cap, size_t *len);
enum status pci_format_warning(const struct pci_warning *wn, char *buf,
			       size_t cap, size_t *len);
/* Every device (with its BARs and windows), then every warning (walk-wide
 * truncation ones included), then `what=truncated-warnings detail=<n>`
 * if warnings were dropped. */
enum status pci_format_walk(const struct pci_walk_result *r, char *buf,
			    size_t cap, size_t *len);

#endif
