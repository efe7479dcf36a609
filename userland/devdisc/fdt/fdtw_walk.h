/*
 * fdtw_walk.h - devdisc's walk over a flattened device tree (ColdFire):
 * the device table.  The need and the fingerprint are in fdtw_need.h,
 * the log lines in fdtw_log.h.
 *
 * No allocation, no libc: the same code runs in the ColdFire guest (over
 * the DTB the loader hands over) and in the host tests.  The device and
 * region tables are the caller's (FDTW_RESULT, or fdtw_result_init over
 * storage sized with fdtw_measure from the blob itself); a full table
 * is a warning and the count still goes on (dev_wanted, regions_wanted).  Uses libfdt only to validate the header and to step through
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

#define FDTW_RANGES_POOL   256   /* translated windows alive along one path */
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
	uint16_t nregions;
	struct fdtw_region *region;       /* nregions, in the result's pool */
};

#define FDTW_WARN_LIST(X)                                                     \
	X(BAD_CELLS,         "bad-cells")         /* #address/#size-cells not 1..2 */ \
	X(BAD_REG,           "bad-reg")           /* length not whole entries */  \
	X(BAD_RANGES,        "bad-ranges")        /* length not whole entries */  \
	X(UNTRANSLATABLE,    "untranslatable")    /* outside every parent range */\
	X(CLIPPED,           "clipped")           /* partly outside: part kept */ \
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
	struct fdtw_device *dev;     /* dev_cap entries, the caller's */
	struct fdtw_region *regions; /* region_cap entries, the caller's */
	uint32_t dev_cap, region_cap;
	uint32_t nregions_used;
	uint32_t dev_wanted;         /* devices found, kept or not */
	uint32_t regions_wanted;     /* regions found, kept or not */
	struct fdtw_warning warn[FDTW_MAX_WARNINGS];
	uint16_t ndev;
	uint16_t nwarn;
	uint16_t warn_dropped;   /* warnings that did not fit */
	uint16_t ndisabled;      /* subtrees skipped for status != okay */
	uint32_t nnodes;         /* nodes visited */
	uint32_t steps;          /* nodes + properties looked at */
};

/* A result over static storage of the given capacities (file scope). */
#define FDTW_RESULT(name, ndev, nreg)                                           \
	static struct fdtw_device name##_devs[ndev];                            \
	static struct fdtw_region name##_regs[nreg];                            \
	static struct fdtw_result name = { .dev = name##_devs, .regions = name##_regs, \
					   .dev_cap = (ndev), .region_cap = (nreg) }

/* The result over dev[dev_cap] and reg[reg_cap] (dev_cap <= 65535). */
void fdtw_result_init(struct fdtw_result *r, struct fdtw_device *dev, uint32_t dev_cap,
		      struct fdtw_region *reg, uint32_t reg_cap);

/* The tables the blob can fill, from its header and the pre-scan alone
 * (fdtw_scan.h): one device per node, and per region at least 8 bytes of
 * some property (a 1-cell address and size) plus one clipped piece per
 * node.  The statuses of fdtw_walk's checks. */
enum status fdtw_measure(const void *blob, size_t buf_size, uint32_t *dev_cap,
			 uint32_t *reg_cap);

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
 *   MISALIGNED / BAD_LENGTH also from the pre-scan (fdtw_scan.h): an
 *                unaligned structure block, a property length that runs
 *                past it
 *   INVALID_ARGUMENT  NULL pointers, or a result without storage
 * Otherwise OK, with warnings for every node or property skipped.  Skipped
 * silently: /cpus, memory nodes, the root's own reg, and children of a
 * bus without `ranges` (their addresses are not CPU addresses).
 */
enum status fdtw_walk(const void *blob, size_t buf_size, struct fdtw_result *out);

const char *fdtw_warn_name(enum fdtw_warn_what what);

#endif
