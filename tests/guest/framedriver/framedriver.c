/*
 * framedriver - device frames as objects, from a driver's side: receives a
 * narrowed DevMem capability (two of frameowner's four frames, read and
 * write, no grant) and cannot widen it, map outside it or pass it on; maps
 * it; after frameowner rescinds, the capability answers `rescinded` and
 * the next access to the old mapping faults (the QEMU test reads the
 * `kernel: fault` line naming its address).
 *
 * Manifest: framedriver console,endpoint:frames
 */
#include "kh_user.h"
#include "kh_objects.h"
#include "kh_expect.h"

#define PAGE   4096ull
#define FRAMES (0x8000000000ull + (2u << 20))
#define DVA    0x20000000ull

static uint32_t ep;

static uint32_t receive(void)
{
	struct kh_msg m = { .label = 1, .cap = KH_NO_SLOT };

	kh_expect("call hello", kh_call(ep, &m), STATUS_OK);
	kh_expect_true("got a slot", m.cap != KH_NO_SLOT && !(m.flags & KH_MSG_CAP_LOST));
	return m.cap;
}

static void narrowed(uint32_t dev)
{
	struct kh_msg m = { .label = 9, .cap = dev };
	uint32_t x;

	kh_expect("map outside", kh_devmem_map(dev, FRAMES, 1, DVA, 0, 0), STATUS_OUT_OF_RANGE);
	kh_expect("map past", kh_devmem_map(dev, FRAMES + PAGE, 3, DVA, 0, 0), STATUS_OUT_OF_RANGE);
	kh_expect("wc without the right", kh_devmem_map(dev, FRAMES + PAGE, 1, DVA, KH_MAP_WC, 0),
		  STATUS_NO_PERMISSION);
	kh_expect("widen", kh_cap_derive(dev, FRAMES, FRAMES + 3 * PAGE - 1, KH_RIGHT_READ, &x),
		  STATUS_WIDER_THAN_HELD);
	kh_expect("add grant", kh_cap_derive(dev, FRAMES + PAGE, FRAMES + 2 * PAGE - 1,
					     KH_RIGHT_GRANT, &x), STATUS_WIDER_THAN_HELD);
	kh_expect("pass it on", kh_call(ep, &m), STATUS_NO_PERMISSION);
	kh_expect("map", kh_devmem_map(dev, FRAMES + PAGE, 2, DVA, 0, 0), STATUS_OK);
	(void)*(volatile uint32_t *)DVA;
}

int main(void)
{
	kh_expect("find endpoint", kh_cap_find(KH_CAP_ENDPOINT, 0, &ep), STATUS_OK);
	uint32_t dev = receive();
	narrowed(dev);
	struct kh_msg m = { .label = 2, .cap = KH_NO_SLOT };
	kh_expect("call mapped", kh_call(ep, &m), STATUS_OK);
	kh_expect("told rescinded", m.label, 3);
	kh_expect("capability dead", kh_devmem_map(dev, FRAMES + PAGE, 1, DVA, 0, 0),
		  STATUS_RESCINDED);
	kh_expect_done("framedriver");
	kh_printf("framedriver: touching the rescinded mapping\n");
	(void)*(volatile uint32_t *)DVA;
	kh_printf("framedriver: the mapping survived the rescind\n");
	return 1;
}
