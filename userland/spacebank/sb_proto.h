/*
 * sb_proto.h - the space bank's IPC protocol (endpoint "spacebank").
 *
 * The space bank holds the receive right; every client holds
 * `endpoint:spacebank`.  A request is one CALL whose msg.label is an
 * SB_OP_*; the reply's label is an enum status (lib/include/status.h).
 * Word arguments and results travel in msg.w[] (see each op).
 *
 * Banks are named by handles (ledger.h): SB_ROOT_BANK is the root, which
 * every client may allocate from; a sub-bank belongs to the client that
 * created it, and any other client naming it gets NO_PERMISSION.  Frame
 * counts travel as words but must fit in 32 bits (else OUT_OF_RANGE).
 * Every refused request changes nothing.  docs/spacebank.md has the rest.
 */
#ifndef SB_PROTO_H
#define SB_PROTO_H

#include <stdint.h>

#define SB_ENDPOINT_NAME   "spacebank"
#define SB_ROOT_BANK       0u

/* Re-read the kernel's FrameAlloc limit now (devdisc calls this right after
 * settle so the relaxed limit is logged and served at once).  No arguments;
 * reply w[0] = limit, w[1] = phase (0 conservative, 1 relaxed). */
#define SB_OP_REFRESH      1u

/* w[0] = bank, w[1] = n: n frames from the bank (reserved in the kernel).
 * Reply w[0] = frames the bank and its sub-banks hold now.
 * INVALID_ARGUMENT (n = 0), OUT_OF_RANGE (n >= 2^32), NOT_FOUND (stale
 * bank), NO_PERMISSION (another client's bank), NO_MEMORY (a quota, the
 * limit, or frames other FrameAlloc holders took). */
#define SB_OP_ALLOC        2u

/* w[0] = bank, w[1] = n: n frames back.  Reply w[0] as ALLOC.  From the
 * root a client may free only what it took from the root (OUT_OF_RANGE). */
#define SB_OP_FREE         3u

/* w[0] = bank.  Reply w[0] = limit, w[1] = used (bank + sub-banks),
 * w[2] = available (one ALLOC here could get), w[3] = phase; and
 * msg.buf = struct sb_info, msg.len = its size. */
#define SB_OP_QUERY        4u

/* w[0] = parent, w[1] = quota.  Reply w[0] = the new bank's handle.
 * INVALID_ARGUMENT (quota 0), OUT_OF_RANGE (above a sub-bank parent's
 * quota, or >= 2^32), NO_MEMORY (no free bank). */
#define SB_OP_CREATE       5u

/* w[0] = bank: destroys it and its sub-banks; their frames go back.
 * Reply w[0] = frames returned.  NO_PERMISSION for the root. */
#define SB_OP_DESTROY      6u

#define SB_OP_LAST         SB_OP_DESTROY

/* QUERY's full answer (msg.buf). */
struct sb_info {
	uint32_t limit;          /* the bank's current limit (the kernel's) */
	uint32_t quota;          /* this bank's quota (the limit for the root) */
	uint32_t used;           /* frames this bank and its sub-banks hold */
	uint32_t available;      /* what one ALLOC here could get now */
	uint32_t others;         /* frames other FrameAlloc holders have */
	uint32_t phase;          /* 0 conservative, 1 relaxed */
	uint32_t depth;          /* 0 for the root */
	uint32_t mine;           /* frames this client took from the root */
};

#endif
