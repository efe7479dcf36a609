/*
 * fdtw_walk.h - devdisc's walk over a flattened device tree (ColdFire):
 * the device table.  The need and the fingerprint are in fdtw_need.h,
 * the log lines in fdtw_log.h.
 *
 * Fixed capacity, no allocation, no libc: the same code runs in the
 * ColdFire guest (over the DTB the loader hands over) and in the host
 * tests.  Uses libfdt only to validate the header and to step through
 * nodes and properties; every value is decoded here.  Prefix `fdtw_`
 * keeps clear of libfdt's own `fdt_` names.  Definitions in
 * docs/devdisc.md ("FDT walk").
 */
#ifndef DEVDISC_FDTW_WALK_H
#define DEVDISC_FDTW_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "status.h"

#define FDTW_MAX_DEVICES   64
#define FDTW_MAX_REGIONS   4     /* reg entries kept per device */
#define FDTW_MAX_RANGES    4     /* ranges entries kept per bus */
#define FDTW_MAX_WARNINGS  32
#define FDTW_MAX_DEPTH     16    /* root is depth 0 */
#define FDTW_PATH_MAX      96    /* bytes, NUL included */
#define FDTW_COMPAT_MAX    48    /* first compatible string, NUL included */
#define FDTW_MAX_STEPS     65536 /* nodes + properties looked at */
#define FDTW_FRAME_BYTES   4096u

struct fdtw_region {
	uint64_t base;           /* CPU address after every parent's ranges */
	uint64_t size;
};

/* An enabled node with at least one translatable reg entry. */
struct fdtw_device {
	char path[FDTW_PATH_MAX];
	char compatible[FDTW_COMPAT_MAX]; /* first string, "" if none */
	uint8_t depth;
	uint8_t nregions;
	struct fdtw_region region[FDTW_MAX_REGIONS];
};

#define FDTW_WARN_LIST(X)                                                     \
	X(BAD_CELLS,         "bad-cells")         /* #address/#size-cells not 1..2 */ \
	X(BAD_REG,           "bad-reg")           /* length not whole entries */  \
	X(BAD_RANGES,        "bad-ranges")        /* length not whole entries */  \
	X(UNTRANSLATABLE,    "untranslatable")    /* outside every parent range */\
	X(BAD_PROPERTY,      "bad-property")      /* unterminated string, etc. */ \
	X(BAD_STRING,        "bad-string")        /* name offset out of range */  \
	X(BAD_STRUCTURE,     "bad-structure")     /* libfdt error mid-walk */     \
	X(TOO_DEEP,          "too-deep")          /* beyond FDTW_MAX_DEPTH */     \
	X(PATH_TOO_LONG,     "path-too-long")     /* beyond FDTW_PATH_MAX */      \
	X(TRUNCATED_REGIONS, "truncated-regions") /* more reg entries than kept */\
	X(TRUNCATED_RANGES,  "truncated-ranges")  /* more ranges than kept */     \
	X(TRUNCATED_DEVICES, "truncated-devices") /* device table full */         \
	X(TRUNCATED_STEPS,   "truncated-steps")   /* FDTW_MAX_STEPS spent */

enum fdtw_warn_what {
#define FDTW_WARN_ENUM(name, text) FDTW_WARN_##name,
	FDTW_WARN_LIST(FDTW_WARN_ENUM)
#undef FDTW_WARN_ENUM
	FDTW_WARN_COUNT
};

/* A skipped thing.  detail: the bad value, entry index or libfdt error. */
struct fdtw_warning {
	char path[FDTW_PATH_MAX]; /* node path, "/" for walk-wide ones */
	uint8_t what;             /* enum fdtw_warn_what */
	uint32_t detail;
};

struct fdtw_result {
	struct fdtw_device dev[FDTW_MAX_DEVICES];
	struct fdtw_warning warn[FDTW_MAX_WARNINGS];
	uint16_t ndev;
	uint16_t nwarn;
	uint16_t warn_dropped;   /* warnings that did not fit */
	uint16_t ndisabled;      /* subtrees skipped for status != okay */
	uint32_t nnodes;         /* nodes visited */
	uint32_t steps;          /* nodes + properties looked at */
};

/*
 * Validates the blob, then walks every node in structure-block order.
 * buf_size is how many bytes the caller really has at blob, which must be
 * 8-byte aligned (libfdt refuses anything else).
 *   MISALIGNED   blob not 8-byte aligned
 *   BAD_LENGTH   buf_size below a header, or totalsize beyond buf_size
 *   BAD_MAGIC    not an FDT
 *   BAD_VERSION  a version libfdt cannot read
 *   OVERLAP      header, reserve map, structure and strings blocks overlap
 *   BAD_IMAGE    any other header fault (libfdt's check), or a structure
 *                fault met mid-walk (then `out` holds what was found
 *                before it and a bad-structure warning)
 *   INVALID_ARGUMENT  NULL pointers
 * Otherwise OK, with warnings for every node or property skipped.  Skipped
 * silently: /cpus, memory nodes, the root's own reg, and children of a
 * bus without `ranges` (their addresses are not CPU addresses).
 */
enum status fdtw_walk(const void *blob, size_t buf_size, struct fdtw_result *out);

const char *fdtw_warn_name(enum fdtw_warn_what what);

#endif
