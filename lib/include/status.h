/*
 * status.h - the one status enum every fallible function returns.
 *
 * Listed once (X-macro); the enum and the names come from this list, so a
 * status added here is automatically printable everywhere (bootloader,
 * kernel, user programs, host tools).  Names are stable: tests and log
 * lines match them.  STATUS_OK is zero so "if (st)" means "failed".
 */
#ifndef STATUS_H
#define STATUS_H

#define STATUS_LIST(X)                                                   \
	X(OK,                 "ok")                                      \
	X(INVALID_ARGUMENT,   "invalid-argument")                        \
	X(SHORT_BUFFER,       "short-buffer")                            \
	/* boot-config blob and store */                                 \
	X(EMPTY,              "empty")                                   \
	X(BAD_MAGIC,          "bad-magic")                               \
	X(BAD_VERSION,        "bad-version")                             \
	X(BAD_LENGTH,         "bad-length")                              \
	X(BAD_CHECKSUM,       "bad-checksum")                            \
	X(BAD_RESERVED,       "bad-reserved")                            \
	X(BAD_GENERATION,     "bad-generation")                          \
	X(BAD_POOL,           "bad-pool")                                \
	X(BAD_HEADROOM,       "bad-headroom")                            \
	X(BAD_HARD_CAP,       "bad-hard-cap")                            \
	X(BAD_PENDING,        "bad-pending")                             \
	X(BAD_ATTEMPTS,       "bad-attempts")                            \
	X(BAD_REASON,         "bad-reason")                              \
	X(BAD_SEQUENCE,       "bad-sequence")                            \
	X(NO_VALID_SLOT,      "no-valid-slot")                           \
	/* StructPage pool */                                            \
	X(POOL_EXHAUSTED,     "pool-exhausted")                          \
	X(HEADROOM_EXHAUSTED, "headroom-exhausted")                      \
	X(DOUBLE_RELEASE,     "double-release")                          \
	X(NOT_IN_POOL,        "not-in-pool")                             \
	X(ALREADY_SETTLED,    "already-settled")                         \
	/* kernel objects and loaders */                                 \
	X(OUT_OF_RANGE,       "out-of-range")                            \
	X(MISALIGNED,         "misaligned")                              \
	X(OVERLAP,            "overlap")                                 \
	X(NO_MEMORY,          "no-memory")                               \
	X(BAD_IMAGE,          "bad-image")                               \
	X(BAD_SLOT,           "bad-slot")                                \
	X(WRONG_TYPE,         "wrong-type")                              \
	X(NO_PERMISSION,      "no-permission")                           \
	X(NOT_FOUND,          "not-found")                               \
	X(IO_ERROR,           "io-error")                                \
	X(NOT_SUPPORTED,      "not-supported")                           \
	X(BUSY,               "busy")                                    \
	/* capabilities (docs/capabilities.md) */                        \
	X(FENCED,             "fenced")                                  \
	X(RESCINDED,          "rescinded")                               \
	X(WIDER_THAN_HELD,    "wider-than-held")                         \
	X(NOT_CHILD,          "not-child")                               \
	X(OVER_QUOTA,         "over-quota")

enum status {
#define STATUS_ENUM(name, text) STATUS_##name,
	STATUS_LIST(STATUS_ENUM)
#undef STATUS_ENUM
	STATUS_COUNT
};

/* Stable lower-case name of a status ("bad-checksum"); "unknown" if out of
 * range.  Never NULL. */
const char *status_name(enum status st);

#endif
