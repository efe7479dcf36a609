/*
 * epchild - a child of epparent (never started at boot: `epchild
 * spawned`).  Given [console, endpoint] it serves EP_* calls there
 * (epproto.h), identifying itself by its pid; given [console, framealloc]
 * it maps frames through that slot until one is refused and prints
 * `epchild: frames pid=<n> held=<n> refused=<status>` (the QEMU test
 * compares held with the count the slot was derived to); given [console,
 * process] it takes all its own endpoints and ends.
 *
 * Manifest: epchild spawned
 */
#include "kh_user.h"
#include "kh_objects.h"
#include "kh_expect.h"
#include "epproto.h"

/* Maps frames through fa until refused; frees them again. */
static uint32_t map_until_refused(uint32_t fa, enum status *refused)
{
	uint32_t n = 0;
	uint64_t pa;

	*refused = STATUS_OK;
	while (n < EP_TRIES && !(*refused = kh_frame_map(fa, EP_WIN + n * EP_PAGE, &pa)))
		n++;
	for (uint32_t i = 0; i < n; i++)
		kh_expect("free", kh_frame_free(fa, EP_WIN + i * EP_PAGE), STATUS_OK);
	return n;
}

static void frames(uint32_t fa)
{
	enum status refused;
	uint32_t x;
	uint64_t held = 0;

	uint32_t n = map_until_refused(fa, &refused);
	kh_printf("epchild: frames pid=%u held=%u refused=%s\n", kh_getpid(), n,
		  status_name(refused));
	kh_expect("reserve past the count", kh_frame_reserve(fa, n + 1, &held), STATUS_OVER_QUOTA);
	kh_expect("derive a larger count", kh_cap_derive(fa, 0, n, KH_RIGHT_READ, &x),
		  STATUS_WIDER_THAN_HELD);
}

/* One call: true while the parent wants more. */
static int serve_one(uint32_t ep, struct kh_msg *m)
{
	enum status refused = STATUS_BAD_SLOT;
	uint64_t label = m->label, ms = m->word[0];

	if (label == EP_FRAMES) {
		m->word[0] = m->cap == KH_NO_SLOT ? 0 : map_until_refused(m->cap, &refused);
		m->word[1] = refused;
	} else {
		m->word[1] = m->word[0];
		m->word[0] = kh_getpid();
	}
	m->len = 0;
	m->cap = KH_NO_SLOT;
	kh_expect("reply", kh_reply(ep, m), STATUS_OK);
	if (label != EP_QUIT)
		return 1;
	kh_sleep_ms(ms);
	return 0;
}

static void serve(uint32_t ep)
{
	struct kh_msg m;

	do
		kh_expect("receive", kh_recv(ep, &m), STATUS_OK);
	while (serve_one(ep, &m));
}

/* Takes every own endpoint it may have, then ends: the kernel takes them
 * back, or epparent's later children would find the table full. */
static void own_all(uint32_t proc)
{
	uint32_t slot;

	for (uint32_t k = 0; k < KH_OWN_ENDPOINTS; k++)
		kh_expect("own endpoint", kh_proc_endpoint(proc, k, &slot), STATUS_OK);
}

int main(void)
{
	uint32_t slot;

	if (!kh_cap_find(KH_CAP_PROCESS, 0, &slot))
		own_all(slot);
	else if (!kh_cap_find(KH_CAP_ENDPOINT, 0, &slot))
		serve(slot);
	else if (!kh_cap_find(KH_CAP_FRAMEALLOC, 0, &slot))
		frames(slot);
	return kh_expect_done("epchild");
}
