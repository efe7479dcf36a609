/*
 * cap.h - capability types and slots.
 *
 * This issue only grants and checks types named in the manifest (a
 * process with `console` may write the console, with `reboot` may reset);
 * the slots and their invocations arrive with the capability issue.  The
 * types are listed once; enum, names and the grant mask come from the
 * list.
 */
#ifndef KERNEL_CAP_H
#define KERNEL_CAP_H

#include <stdint.h>
#include "status.h"

#define CAP_TYPE_LIST(X)                 \
	X(NULL,       "null")            \
	X(CONSOLE,    "console")         \
	X(REBOOT,     "reboot")          \
	X(BOOTINFO,   "bootinfo")        \
	X(ENDPOINT,   "endpoint")        \
	X(DEVMEM,     "devmem")          \
	X(IOPORT,     "ioport")          \
	X(FRAMEALLOC, "framealloc")      \
	X(SETTLE,     "settle")          \
	X(PROCESS,    "process")

enum cap_type {
#define CAP_TYPE_ENUM(name, text) CAP_##name,
	CAP_TYPE_LIST(CAP_TYPE_ENUM)
#undef CAP_TYPE_ENUM
	CAP_TYPE_COUNT
};

_Static_assert(CAP_TYPE_COUNT <= 32, "grant mask is 32 bits");

/* One capability slot: type, rights, the object it names and two words of
 * type-specific range (base/length of a DevMem range, port range, ...). */
struct cap {
	uint8_t  type;        /* enum cap_type */
	uint8_t  rights;
	uint16_t reserved0;
	uint32_t badge;
	uint64_t object;
	uint64_t arg0;
	uint64_t arg1;
};

_Static_assert(sizeof(struct cap) == 32, "capability slot is 32 bytes");

const char *cap_type_name(enum cap_type t);

/* Parses "console,reboot" into a bit mask (1 << type).  An empty string is
 * no grants.  NOT_FOUND for an unknown name ("null" included),
 * INVALID_ARGUMENT for an empty item or an unterminated string within
 * `max` bytes.  *mask is written only on success. */
enum status cap_parse_grants(const char *s, unsigned max, uint32_t *mask);

static inline int cap_granted(uint32_t mask, enum cap_type t)
{
	return (mask >> t) & 1u;
}

#endif
