/*
 * object/framealloc.h - the FrameAlloc capability: RAM frames mapped in
 * the frame window (KH_FRAME_VA_BASE..TOP) or reserved unmapped, under
 * one limit for all holders, and the phase of that limit (conservative
 * at the seal, relaxed after Settle).
 */
#ifndef KERNEL_OBJECT_FRAMEALLOC_H
#define KERNEL_OBJECT_FRAMEALLOC_H

#include <stdint.h>
#include "invoke.h"

void framealloc_init(uint64_t conservative_limit);  /* at the seal */
void framealloc_release_all(struct process *p);    /* a holder dies */
void framealloc_get(uint64_t *limit, uint64_t *used, uint32_t *phase);

/* Settle gave `frames` back to free RAM: the limit grows by as many and
 * the phase becomes relaxed.  Returns the new limit. */
uint64_t framealloc_relax(uint64_t frames);

INVOKE_HANDLER(FRAMEALLOC);

#endif
