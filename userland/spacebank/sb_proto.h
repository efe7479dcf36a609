/*
 * sb_proto.h - the space bank's IPC protocol (endpoint "spacebank").
 *
 * The space bank holds the receive right; every client holds
 * `endpoint:spacebank`.  A request is one CALL whose msg.label is an
 * SB_OP_*; the reply's label is an enum status (lib/include/status.h).
 * Word arguments and results travel in msg.w[] (see each op).
 */
#ifndef SB_PROTO_H
#define SB_PROTO_H

#define SB_ENDPOINT_NAME   "spacebank"

/* Re-read the kernel's FrameAlloc limit now (devdisc calls this right after
 * settle so the relaxed limit is logged and served at once).  No arguments;
 * reply w[0] = limit, w[1] = phase (0 conservative, 1 relaxed). */
#define SB_OP_REFRESH      1u

/* Further operations (allocate, free, query, sub-banks) are numbered from
 * SB_OP_REFRESH + 1 on by the space bank's engineer. */

#endif
