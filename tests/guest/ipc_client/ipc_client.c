/*
 * ipc_client - calls ipc_server on the `echo` endpoint (see there) and
 * checks the answers, the capability transfer both ways, and the errors a
 * call can get before anything is sent.
 *
 * Manifest: ipc_client console,endpoint:echo,devmem:0xfed00000-0xfed00fff
 */
#include "kh_user.h"
#include "kh_objects.h"
#include "kh_expect.h"

static uint32_t ep, dev;

static void errors(void)
{
	struct kh_msg m = { .label = 9, .cap = KH_NO_SLOT };

	kh_expect("recv without the right", kh_recv(ep, &m), STATUS_NO_PERMISSION);
	m.len = KH_MSG_BUF_BYTES + 1;
	kh_expect("message too long", kh_call(ep, &m), STATUS_BAD_LENGTH);
	m.len = 0;
	m.cap = 40;
	kh_expect("empty cap slot", kh_call(ep, &m), STATUS_BAD_SLOT);
	m.cap = KH_CAPS_MAX;
	kh_expect("cap slot past the table", kh_call(ep, &m), STATUS_BAD_SLOT);
	kh_expect("message in text", kh_invoke(ep, KH_OP_CALL, 0x400000, 0, 0, 0, 0, 0),
		  STATUS_NO_PERMISSION);
	kh_expect("message in kernel", kh_invoke(ep, KH_OP_CALL, 0xffff800000000000ull, 0, 0, 0,
						 0, 0), STATUS_OUT_OF_RANGE);
}

static void echo(void)
{
	struct kh_msg m = { .label = 1, .word = { 1, 2, 3, 4 }, .len = 4, .cap = KH_NO_SLOT };

	__builtin_memcpy(m.buf, "ping", 4);
	kh_expect("call", kh_call(ep, &m), STATUS_OK);
	kh_expect("reply label", m.label, 101);
	kh_expect("reply words", m.word[0] + m.word[3], 2 + 8);
	kh_expect("reply buffer", m.buf[0] == 'g' && m.buf[3] == 'p', 1);
	kh_expect("reply sender", m.sender != 0 && m.sender != kh_getpid(), 1);
	kh_expect("no cap back", m.cap, KH_NO_SLOT);
}

static void transfer(void)
{
	struct kh_msg m = { .label = 2, .cap = dev };
	uint32_t before = 0, after = 0;

	kh_expect("one devmem before", kh_cap_find(KH_CAP_DEVMEM, 1, &before), STATUS_NOT_FOUND);
	kh_expect("call with cap", kh_call(ep, &m), STATUS_OK);
	kh_expect("server used it", m.word[0], 0x8086);
	kh_expect("cap came back", m.cap != KH_NO_SLOT && m.cap != dev, 1);
	kh_expect("two devmem after", kh_cap_find(KH_CAP_DEVMEM, 1, &after), STATUS_OK);
	kh_expect("in the slot reported", after, m.cap);
	kh_expect("copy works", kh_devmem_map(after, 0xfed00000ull, 1, 0x20000000ull, 0, 0), STATUS_OK);
	kh_expect("copy keeps the range", kh_devmem_map(after, 0xfed01000ull, 1, 0x20001000ull, 0, 0),
		  STATUS_OUT_OF_RANGE);
}

int main(void)
{
	struct kh_msg m = { .label = 3, .cap = KH_NO_SLOT };

	kh_expect("find endpoint", kh_cap_find(KH_CAP_ENDPOINT, 0, &ep), STATUS_OK);
	kh_expect("find devmem", kh_cap_find(KH_CAP_DEVMEM, 0, &dev), STATUS_OK);
	errors();
	echo();
	transfer();
	kh_expect("last call", kh_call(ep, &m), STATUS_OK);
	kh_expect("last label", m.label, 103);
	return kh_expect_done("ipc_client");
}
