/*
 * fuzz_peer - the other end of the system-call fuzzer's IPC: receives on
 * the `fuzzipc` endpoint and answers every message with a random label,
 * random words and length, and a random capability of its own (or the
 * one it was just sent), so that the fuzzer's calls carry capabilities
 * both ways.  It stops on label FUZZ_PEER_QUIT.  It never invokes what it
 * is given.
 *
 * Manifest: fuzz_peer console,endpoint:fuzzipc:recv
 */
#include "kh_user.h"
#include "kh_objects.h"
#include "kh_expect.h"
#include "fuzz_peer.h"

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* A random answer: sometimes a capability back (the received one or any
 * slot), sometimes an oversized length the kernel must refuse. */
static void scramble(struct kh_msg *m)
{
	uint64_t r = next();

	m->label = next();
	for (int i = 0; i < 4; i++)
		m->word[i] = next();
	m->len = r % 8 ? (uint32_t)(r >> 8) % (KH_MSG_BUF_BYTES + 1) : (uint32_t)(r >> 16);
	switch ((r >> 32) % 4) {
	case 0:  break;                                     /* keep what came */
	case 1:  m->cap = (uint32_t)(r >> 40) % 70; break;  /* any slot */
	default: m->cap = KH_NO_SLOT; break;
	}
}

int main(void)
{
	struct kh_msg m;
	uint32_t ep, served = 0, refused = 0;

	kh_expect("find endpoint", kh_cap_find(KH_CAP_ENDPOINT, 0, &ep), STATUS_OK);
	for (;;) {
		if (kh_recv(ep, &m) != STATUS_OK)
			continue;
		if (m.label == FUZZ_PEER_QUIT) {
			m.cap = KH_NO_SLOT;
			m.len = 0;
			kh_expect("reply to quit", kh_reply(ep, &m), STATUS_OK);
			break;
		}
		served++;
		scramble(&m);
		if (kh_reply(ep, &m) != STATUS_OK) {
			refused++;
			m.len = 0;
			m.cap = KH_NO_SLOT;
			kh_reply(ep, &m);   /* a bad reply must not leave the caller stuck */
		}
	}
	kh_printf("fuzz_peer: served=%u refused=%u\n", served, refused);
	return kh_expect_done("fuzz_peer");
}
