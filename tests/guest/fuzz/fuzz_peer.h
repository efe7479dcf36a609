/*
 * fuzz_peer.h - what the system-call fuzzer and its IPC peer agree on.
 */
#ifndef FUZZ_PEER_H
#define FUZZ_PEER_H

#define FUZZ_PEER_QUIT 0x7175697400000000ull   /* label "quit": answer, then exit */

#endif
