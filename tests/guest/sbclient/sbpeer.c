/*
 * sbpeer - another space bank client, for sbclient: it takes 2 frames from
 * the root and creates a sub-bank holding 3, then answers on the endpoint
 * "sbpeer": request 1 gets the sub-bank's handle (so that sbclient can try
 * it as a foreign bank); request 2 means sbclient is done: sbpeer checks
 * its bank was not touched, destroys it and answers the frames returned.
 *
 * Manifest: sbpeer console,endpoint:spacebank,endpoint:sbpeer:recv
 */
#include "kh_user.h"
#include "kh_objects.h"
#include "kh_expect.h"
#include "sbc.h"

static uint32_t peer_ep;

static void answer(struct kh_msg *m, uint64_t word)
{
	m->label = STATUS_OK;
	m->word[0] = word;
	m->len = 0;
	m->cap = KH_NO_SLOT;
	kh_expect("reply", kh_reply(peer_ep, m), STATUS_OK);
}

int main(void)
{
	uint64_t bank = 0, returned = 0;
	struct sb_info q = { 0 };
	struct kh_msg m;

	kh_expect("open", sbc_open(), STATUS_OK);
	kh_expect("find sbpeer", kh_cap_find(KH_CAP_ENDPOINT, 1, &peer_ep), STATUS_OK);
	kh_expect("root alloc", sbc_call(SB_OP_ALLOC, SB_ROOT_BANK, 2, NULL), STATUS_OK);
	kh_expect("create", sbc_call(SB_OP_CREATE, SB_ROOT_BANK, 7, &bank), STATUS_OK);
	kh_expect("alloc", sbc_call(SB_OP_ALLOC, bank, 3, NULL), STATUS_OK);
	kh_expect("recv get-bank", kh_recv(peer_ep, &m), STATUS_OK);
	kh_expect("request 1", m.label, 1);
	answer(&m, bank);
	/* sbclient calls again when done: nothing it tried may have stuck. */
	kh_expect("recv done", kh_recv(peer_ep, &m), STATUS_OK);
	kh_expect("request 2", m.label, 2);
	kh_expect("query own bank", sbc_query(bank, &q), STATUS_OK);
	kh_expect("bank untouched", q.used, 3);
	kh_expect("destroy", sbc_call(SB_OP_DESTROY, bank, 0, &returned), STATUS_OK);
	kh_expect("free root", sbc_call(SB_OP_FREE, SB_ROOT_BANK, 2, NULL), STATUS_OK);
	answer(&m, returned);
	return kh_expect_done("sbpeer");
}
