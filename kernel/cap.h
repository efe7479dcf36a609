/*
 * cap.h - capability types, slots and the manifest's grant syntax.
 *
 * The types are listed once, in uapi/kh_syscall.h (KH_CAP_TYPE_LIST):
 * enum, names, the grant parser and the invocation dispatch (invoke.c)
 * are generated from that list.
 *
 * Manifest grants (the second word of a manifest line), comma-separated:
 *   console | reboot | bootinfo | settle | process
 *   framealloc                     frames under the global limit only (no
 *                                  count of its own: arg1 = CAP_FRAMES_ANY)
 *   ioport:<first>-<last>          ports, inclusive (0x.. or decimal)
 *   devmem:all                     device BARs: every physical page that is
 *                                  not RAM and not fenced (hal_devmem_fences)
 *   devmem:<base>-<last>           inclusive byte range, whole pages
 *   endpoint:<name>[:recv]         the kernel endpoint named <name>, shared
 *                                  by every program granted it; `:recv`
 *                                  adds the right to receive on it
 * Slot i of a process holds its i-th grant.  The list `spawned` instead
 * marks an image the kernel does not start at boot: only a parent starts
 * it (KH_OP_PROC_SPAWN), with the slots the parent hands it.
 */
#ifndef KERNEL_CAP_H
#define KERNEL_CAP_H

#include <stdbool.h>
#include <stdint.h>
#include "status.h"
#include "uapi/kh_syscall.h"

#define CAP_TYPE_LIST KH_CAP_TYPE_LIST

enum cap_type {
#define CAP_TYPE_ENUM(name, text) CAP_##name = KH_CAP_##name,
	CAP_TYPE_LIST(CAP_TYPE_ENUM)
#undef CAP_TYPE_ENUM
	CAP_TYPE_COUNT
};

_Static_assert(CAP_TYPE_COUNT <= 32, "grant mask is 32 bits");

#define CAP_RIGHT_RECV    KH_RIGHT_RECV
#define CAP_NAME_BYTES    12u    /* endpoint names, NUL included */
#define CAP_DEVMEM_ALL    (~0ull)
#define CAP_FRAMES_ANY    (~0ull)   /* FrameAlloc arg1: no frame count */

/* One capability slot: type, rights, the object it names and two words of
 * type-specific range (DevMem: base and last byte; IOPort: first and last
 * port; FrameAlloc: 0 and n - 1, its holder may hold at most n frames, or
 * CAP_FRAMES_ANY; Endpoint: object = endpoint index). */
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
_Static_assert(__builtin_offsetof(struct cap, object) == 8 &&
	       __builtin_offsetof(struct cap, arg1) == 24, "capability slot layout (both ports)");

/* One parsed grant: the slot to install, plus the endpoint's name (the
 * kernel resolves it to an object). */
struct cap_grant {
	struct cap cap;
	char name[CAP_NAME_BYTES];
};

#define CAP_SPAWNED_ONLY "spawned"

const char *cap_type_name(enum cap_type t);

/* Parses a grant list into at most `max_out` grants.  Validates the whole
 * list first: NOT_FOUND for an unknown type ("null" included),
 * INVALID_ARGUMENT for an empty item, a missing or malformed argument, an
 * argument on a type that takes none, an unterminated string within `max`
 * bytes; OUT_OF_RANGE for a range that is empty, reversed, not whole pages
 * (devmem) or beyond 0xffff (ioport); NO_MEMORY for more than max_out
 * grants.  *count and out are written only on success. */
enum status cap_parse_grant_list(const char *s, unsigned max, struct cap_grant *out,
				 unsigned max_out, unsigned *count);

/* The types granted, as a mask (1 << type), with the same checks. */
enum status cap_parse_grants(const char *s, unsigned max, uint32_t *mask);

/* Does the slot's type carry a range in arg0, arg1 (DevMem, IOPort,
 * FrameAlloc)? */
bool cap_has_range(const struct cap *c);

/* May slot c be derived into [first, last] with `rights`?  WIDER_THAN_HELD
 * for a right c lacks, RESCIND, or a range beyond c's; INVALID_ARGUMENT for
 * a reversed range, a range on a type without one, or a FrameAlloc count
 * not starting at 0; MISALIGNED for DevMem not whole pages. */
enum status cap_check_derive(const struct cap *c, uint64_t first, uint64_t last,
			     uint64_t rights);

/* May a process holding `held` FrameAlloc frames take `more` through
 * slot c?  OVER_QUOTA past a counted slot's n (any other slot: OK; the
 * global limit is FrameAlloc's own check). */
enum status cap_frames_allow(const struct cap *c, uint64_t held, uint64_t more);

static inline int cap_granted(uint32_t mask, enum cap_type t)
{
	return (mask >> t) & 1u;
}

#endif
