/*
 * sbclient - checks the space bank from a client (docs/spacebank.md):
 * allocating from the root until refused gets exactly what the bank said
 * was available (its limit minus what others hold); a sub-bank's quota
 * holds at two depths; destroy returns everything; bad requests, and
 * requests on another client's bank (sbpeer's), get the right statuses
 * and change nothing.
 *
 * Manifest: sbclient console,endpoint:spacebank,endpoint:sbpeer
 * (sbpeer must be in the same image: see sbpeer.c).
 */
#include "kh_user.h"
#include "kh_objects.h"
#include "kh_expect.h"
#include "sbc.h"

#define PEER_GET_BANK 1u
#define PEER_DONE     2u

static uint32_t peer_slot;
static uint64_t peer_bank;    /* sbpeer's sub-bank, asked for first */

static struct sb_info root_info(void)
{
	struct sb_info info = { 0 };

	kh_expect("query root", sbc_query(SB_ROOT_BANK, &info), STATUS_OK);
	return info;
}

static uint64_t peer_call(uint64_t label)
{
	struct kh_msg m = { .label = label, .cap = KH_NO_SLOT };

	kh_expect("call sbpeer", kh_call(peer_slot, &m), STATUS_OK);
	kh_expect("sbpeer answer", m.label, STATUS_OK);
	return m.word[0];
}

static void alloc_to_limit(void)
{
	struct sb_info a = root_info(), b;
	enum status last;
	uint32_t got;

	kh_expect("conservative phase", a.phase, 0);
	kh_expect_true("others hold root frames (sbpeer)", a.used > 0);
	got = sbc_alloc_until_refused(SB_ROOT_BANK, &last);
	kh_expect("refusal", last, STATUS_NO_MEMORY);
	kh_expect("got the available frames", got, a.available);
	kh_expect("got = limit - used - others", got, a.limit - a.used - a.others);
	b = root_info();
	kh_expect("root used after", b.used, a.used + got);
	kh_expect("nothing available", b.available, 0);
	kh_expect("mine", b.mine, got);
	kh_expect("one more refused", sbc_call(SB_OP_ALLOC, SB_ROOT_BANK, 1, NULL),
		  STATUS_NO_MEMORY);
	kh_expect("refusal changed nothing", root_info().used, b.used);
	kh_expect("free more than mine", sbc_call(SB_OP_FREE, SB_ROOT_BANK, got + 1, NULL),
		  STATUS_OUT_OF_RANGE);
	kh_expect("free all", sbc_call(SB_OP_FREE, SB_ROOT_BANK, got, NULL), STATUS_OK);
	kh_expect("root used back", root_info().used, a.used);
	kh_printf("sbclient: limit=%u got=%u used_by_others=%u others=%u\n",
		  a.limit, got, a.used, a.others);
}

static void quota_holds(void)
{
	uint32_t base = root_info().used;
	uint64_t bank = 0, inner = 0, r = 0;
	struct sb_info q = { 0 };

	kh_expect("create", sbc_call(SB_OP_CREATE, SB_ROOT_BANK, 100, &bank), STATUS_OK);
	kh_expect("alloc 60", sbc_call(SB_OP_ALLOC, bank, 60, NULL), STATUS_OK);
	kh_expect("alloc 41 over quota", sbc_call(SB_OP_ALLOC, bank, 41, NULL), STATUS_NO_MEMORY);
	kh_expect("alloc 40", sbc_call(SB_OP_ALLOC, bank, 40, &r), STATUS_OK);
	kh_expect("bank holds", r, 100);
	kh_expect("alloc 1 over quota", sbc_call(SB_OP_ALLOC, bank, 1, NULL), STATUS_NO_MEMORY);
	kh_expect("query bank", sbc_query(bank, &q), STATUS_OK);
	kh_expect("quota", q.quota, 100);
	kh_expect("depth", q.depth, 1);
	kh_expect("available", q.available, 0);
	kh_expect("inner above quota", sbc_call(SB_OP_CREATE, bank, 101, NULL), STATUS_OUT_OF_RANGE);
	kh_expect("create inner", sbc_call(SB_OP_CREATE, bank, 50, &inner), STATUS_OK);
	kh_expect("inner: parent full", sbc_call(SB_OP_ALLOC, inner, 1, NULL), STATUS_NO_MEMORY);
	kh_expect("free 10", sbc_call(SB_OP_FREE, bank, 10, NULL), STATUS_OK);
	kh_expect("inner alloc 10", sbc_call(SB_OP_ALLOC, inner, 10, NULL), STATUS_OK);
	kh_expect("inner alloc 1 more", sbc_call(SB_OP_ALLOC, inner, 1, NULL), STATUS_NO_MEMORY);
	kh_expect("inner frees parent's", sbc_call(SB_OP_FREE, inner, 11, NULL), STATUS_OUT_OF_RANGE);
	kh_expect("query inner", sbc_query(inner, &q), STATUS_OK);
	kh_expect("inner used", q.used, 10);
	kh_expect("inner depth", q.depth, 2);
	kh_expect("root sees 100", root_info().used, base + 100);
	kh_expect("destroy", sbc_call(SB_OP_DESTROY, bank, 0, &r), STATUS_OK);
	kh_expect("destroy returned all", r, 100);
	kh_expect("root used back", root_info().used, base);
	kh_expect("inner gone too", sbc_query(inner, &q), STATUS_NOT_FOUND);
	kh_expect("stale handle", sbc_call(SB_OP_ALLOC, bank, 1, NULL), STATUS_NOT_FOUND);
}

static void bad_requests(void)
{
	struct sb_info a = root_info();

	kh_expect("alloc 0", sbc_call(SB_OP_ALLOC, SB_ROOT_BANK, 0, NULL), STATUS_INVALID_ARGUMENT);
	kh_expect("alloc 2^32", sbc_call(SB_OP_ALLOC, SB_ROOT_BANK, 1ull << 32, NULL),
		  STATUS_OUT_OF_RANGE);
	kh_expect("alloc limit+1", sbc_call(SB_OP_ALLOC, SB_ROOT_BANK, a.limit + 1ull, NULL),
		  STATUS_NO_MEMORY);
	kh_expect("free 0", sbc_call(SB_OP_FREE, SB_ROOT_BANK, 0, NULL), STATUS_INVALID_ARGUMENT);
	kh_expect("free what others took", sbc_call(SB_OP_FREE, SB_ROOT_BANK, 1, NULL),
		  STATUS_OUT_OF_RANGE);
	kh_expect("destroy root", sbc_call(SB_OP_DESTROY, SB_ROOT_BANK, 0, NULL),
		  STATUS_NO_PERMISSION);
	kh_expect("quota 0", sbc_call(SB_OP_CREATE, SB_ROOT_BANK, 0, NULL), STATUS_INVALID_ARGUMENT);
	kh_expect("unknown op", sbc_call(SB_OP_LAST + 1, 0, 0, NULL), STATUS_INVALID_ARGUMENT);
	kh_expect("never-made bank", sbc_call(SB_OP_ALLOC, 0x7705, 1, NULL), STATUS_NOT_FOUND);
	kh_expect("handle over 32 bits", sbc_call(SB_OP_ALLOC, 1ull << 40, 1, NULL),
		  STATUS_NOT_FOUND);
	kh_expect("nothing changed", root_info().used, a.used);
}

static void foreign_bank(void)
{
	uint64_t bank = peer_bank;
	uint32_t before = root_info().used;
	struct sb_info q;

	kh_expect("query foreign", sbc_query(bank, &q), STATUS_NO_PERMISSION);
	kh_expect("alloc foreign", sbc_call(SB_OP_ALLOC, bank, 1, NULL), STATUS_NO_PERMISSION);
	kh_expect("free foreign", sbc_call(SB_OP_FREE, bank, 1, NULL), STATUS_NO_PERMISSION);
	kh_expect("create under foreign", sbc_call(SB_OP_CREATE, bank, 1, NULL),
		  STATUS_NO_PERMISSION);
	kh_expect("destroy foreign", sbc_call(SB_OP_DESTROY, bank, 0, NULL), STATUS_NO_PERMISSION);
	kh_expect("foreign refusals changed nothing", root_info().used, before);
	/* sbpeer checks its bank was untouched and destroys it. */
	kh_expect("peer got its frames back", peer_call(PEER_DONE), 3);
}

int main(void)
{
	kh_expect("open", sbc_open(), STATUS_OK);
	kh_expect("find sbpeer", kh_cap_find(KH_CAP_ENDPOINT, 1, &peer_slot), STATUS_OK);
	/* Returns once sbpeer holds its frames: they are "others" below. */
	peer_bank = peer_call(PEER_GET_BANK);
	alloc_to_limit();
	quota_holds();
	bad_requests();
	foreign_bank();
	return kh_expect_done("sbclient");
}
