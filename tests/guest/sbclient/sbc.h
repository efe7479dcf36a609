/*
 * sbc.h - the client side of the space bank protocol (sb_proto.h), shared
 * by the test programs of this directory.
 */
#ifndef SBC_H
#define SBC_H

#include <stdint.h>
#include "status.h"
#include "sb_proto.h"

/* Finds the `endpoint:spacebank` slot; call once before the others. */
enum status sbc_open(void);

/* One request: op with two word arguments; *r0 = reply w[0] (may be NULL).
 * Returns the space bank's status (or the kernel's if the call failed). */
enum status sbc_call(uint32_t op, uint64_t a0, uint64_t a1, uint64_t *r0);

enum status sbc_query(uint64_t bank, struct sb_info *info);

/* SB_OP_REFRESH: the limit and phase the bank serves now. */
enum status sbc_refresh(uint64_t *limit, uint64_t *phase);

/* Allocates from `bank` in shrinking steps until even one frame is
 * refused; returns the frames it got and sets *last to the refusal. */
uint32_t sbc_alloc_until_refused(uint64_t bank, enum status *last);

#endif
