/*
 * ipc_server - receives on the `echo` endpoint and answers three requests:
 *   label 1: the buffer reversed, the words doubled;
 *   label 2: carries a DevMem capability: map the HPET through the slot it
 *            landed in, answer its vendor id and send the capability back;
 *   label 3: answer, then exit.
 *
 * Manifest: ipc_server console,endpoint:echo:recv
 */
#include "kh_user.h"
#include "kh_objects.h"
#include "kh_expect.h"

#define HPET 0xfed00000ull
#define VA   0x10000000ull

static uint32_t ep;

static void echo(struct kh_msg *m)
{
	for (uint32_t i = 0; i < m->len / 2; i++) {
		uint8_t c = m->buf[i];
		m->buf[i] = m->buf[m->len - 1 - i];
		m->buf[m->len - 1 - i] = c;
	}
	for (int i = 0; i < 4; i++)
		m->word[i] *= 2;
	m->cap = KH_NO_SLOT;
}

static void use_cap(struct kh_msg *m)
{
	uint32_t slot = m->cap;

	kh_expect("cap arrived", slot != KH_NO_SLOT, 1);
	kh_expect("map through received cap", kh_devmem_map(slot, HPET, 1, VA, 0, 0), STATUS_OK);
	m->word[0] = *(volatile uint32_t *)VA >> 16;
	kh_expect("unmap", kh_devmem_unmap(slot, VA), STATUS_OK);
	m->cap = slot;          /* a copy goes back */
	m->len = 0;
}

int main(void)
{
	struct kh_msg m;

	kh_expect("find endpoint", kh_cap_find(KH_CAP_ENDPOINT, 0, &ep), STATUS_OK);
	kh_expect("reply before receive", kh_reply(ep, &m), STATUS_NOT_FOUND);
	for (int served = 0; served < 3; served++) {
		kh_expect("recv", kh_recv(ep, &m), STATUS_OK);
		kh_expect("recv busy", kh_recv(ep, &m), STATUS_BUSY);
		uint64_t label = m.label;
		if (label == 1)
			echo(&m);
		else if (label == 2)
			use_cap(&m);
		else
			m.cap = KH_NO_SLOT;
		m.label = label + 100;
		kh_expect("reply", kh_reply(ep, &m), STATUS_OK);
	}
	return kh_expect_done("ipc_server");
}
