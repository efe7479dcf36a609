/*
 * fdtw_scan.h - the bounded pre-scan of a DTB's structure block, run by
 * fdtw_walk() after the header checks and before libfdt steps through a
 * single node.
 *
 * Why: libfdt 1.6.1 (Debian's, and linux-source-6.1's copy that the
 * ColdFire build uses) adds a property's length to its offset without an
 * overflow check, so a length of 0xfffffff4 wraps the offset backwards
 * and fdt_next_node() never ends; a length of 0xfffffffc in `reg` or
 * `ranges` hands back a value that runs past the blob.  Upstream fixed
 * it later ("libfdt: prevent integer overflow in fdt_next_tag"); the
 * walker must not depend on which copy it links.
 */
#ifndef DEVDISC_FDTW_SCAN_H
#define DEVDISC_FDTW_SCAN_H

#include <stdint.h>
#include "status.h"

/* What the scan counted: upper bounds the walk's tables may be sized by. */
struct fdtw_scan {
	uint32_t nodes;        /* BEGIN_NODE tags */
	uint32_t props;        /* PROP tags */
	uint32_t prop_bytes;   /* sum of property lengths */
};

/*
 * blob: a header fdt_check_header() accepted and whose blocks lie inside
 * totalsize.  Walks the structure block tag by tag, every offset checked
 * against the block's end by this code; each step advances at least 4
 * bytes, so it ends after at most size_dt_struct / 4 steps.
 *   MISALIGNED  the structure block's offset is not 4-byte aligned
 *   BAD_LENGTH  a property's header or value runs past the block (a
 *               negative or oversized length)
 * A tag libfdt would refuse (unknown, or the block ending without
 * FDT_END) ends the scan with OK: the walk then meets it where it is and
 * reports it as before (BAD_IMAGE, a bad-structure warning).
 */
enum status fdtw_prescan(const void *blob, struct fdtw_scan *out);

#endif
