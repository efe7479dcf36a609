/*
 * layout_asserts.c - compiled by every freestanding sub-build so that the
 * _Static_asserts in the shared headers are checked by each target's own
 * compiler (big-endian ColdFire aligns 64-bit fields to 2 bytes, x86_64 to
 * 8; the layouts are padded by hand so both agree).
 */
#include "bootinfo.h"
#include "bootcfg.h"
#include "structpage.h"
#include "pool.h"
#include "retune_policy.h"

_Static_assert(sizeof(uint64_t) == 8 && sizeof(uint32_t) == 4, "fixed-width types");
