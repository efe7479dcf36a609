/*
 * object/settle.h - the Settle capability: KH_OP_SETTLE (keep this much
 * headroom, release the rest of the pool region to free RAM) and
 * KH_OP_POOL_GROW (headroom records onto the pool's free list).
 */
#ifndef KERNEL_OBJECT_SETTLE_H
#define KERNEL_OBJECT_SETTLE_H

#include "invoke.h"

INVOKE_HANDLER(SETTLE);

#endif
