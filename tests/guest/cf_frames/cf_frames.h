/*
 * cf_frames.h - what cf_frames and cf_frameholder agree on: the frame the
 * holder keeps (a page of the ColdFire FrameAlloc window) and the words
 * at its start that are their handshake.  Without an MMU both programs
 * see the same memory, so the holder's frame is readable and writable by
 * cf_frames at its address without being mapped by it.
 */
#ifndef CF_FRAMES_H
#define CF_FRAMES_H

#include "kh_user.h"
#include "kh_objects.h"
#include <stdbool.h>

#define CF_PAGE       4096u
#define CF_HELD_VA    (KH_FRAME_VA_BASE + 8u * CF_PAGE)
#define CF_HOLDING    0x484f4c44u        /* word 0: the holder has it mapped */
#define CF_RELEASE    0x52454c53u        /* word 1: cf_frames asks it back */
#define CF_WAIT_MS    10000u

/* The handshake words, at the held frame's address. */
static inline volatile uint32_t *cf_held_words(void)
{
	return (volatile uint32_t *)(uintptr_t)CF_HELD_VA;
}

#endif
