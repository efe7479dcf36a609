/*
 * frameowner - device frames as objects, from the side that owns them (as
 * devdisc owns a device): publishes four frames (one record each, held
 * until rescinded), maps them twice (no second record), derives a
 * narrowed capability (two frames, read and write) and hands it to
 * framedriver over IPC without the grant right; once the driver has
 * mapped it (still no new record), rescinds: every mapping in both
 * processes goes, the records return to the pool, the master and every
 * copy answer `rescinded`.  Refusals: publishing frames twice, a derive
 * wider than held, a transfer with rights it lacks.
 *
 * Manifest: frameowner console,devmem:all,endpoint:frames:recv
 */
#include "kh_user.h"
#include "kh_objects.h"
#include "kh_expect.h"

#define PAGE   4096ull
#define FRAMES (0x8000000000ull + (2u << 20))
#define VA     0x10000000ull
#define VA2    0x10100000ull

static uint32_t all, ep, master, narrow;

static uint32_t used(void)
{
	struct kh_stats s;

	kh_stats(&s);
	return s.pool_used;
}

static void publish(uint32_t base)
{
	uint32_t x;

	kh_expect("publish", kh_devmem_publish(all, FRAMES, 4, 0, &master), STATUS_OK);
	kh_expect("one record per frame", used(), base + 4);
	kh_expect("publish twice", kh_devmem_publish(all, FRAMES, 4, 0, &x), STATUS_OVERLAP);
	kh_expect("publish a part", kh_devmem_publish(all, FRAMES + PAGE, 1, 0, &x), STATUS_OVERLAP);
	kh_expect("map the master", kh_devmem_map(master, FRAMES, 4, VA, 0, 0), STATUS_OK);
	kh_expect("map through devmem:all", kh_devmem_map(all, FRAMES, 4, VA2, 0, 0), STATUS_OK);
	kh_expect("mappings take no record", used(), base + 4);
	kh_expect("derive wider", kh_cap_derive(master, FRAMES, FRAMES + 5 * PAGE - 1,
						KH_RIGHT_READ, &x), STATUS_WIDER_THAN_HELD);
	kh_expect("derive rescind", kh_cap_derive(master, FRAMES, FRAMES + PAGE - 1,
						  KH_RIGHT_RESCIND, &x), STATUS_WIDER_THAN_HELD);
	kh_expect("derive narrow", kh_cap_derive(master, FRAMES + PAGE, FRAMES + 3 * PAGE - 1,
						 KH_RIGHT_READ | KH_RIGHT_WRITE | KH_RIGHT_GRANT,
						 &narrow), STATUS_OK);
}

/* The driver's first call gets the narrowed slot, without GRANT. */
static void hand_over(void)
{
	struct kh_msg m;

	kh_expect("recv hello", kh_recv(ep, &m), STATUS_OK);
	m = (struct kh_msg){ .label = 1, .cap = KH_MSG_CAP(narrow, KH_RIGHT_RESCIND) };
	kh_expect("send rescind right", kh_reply(ep, &m), STATUS_WIDER_THAN_HELD);
	m.cap = KH_MSG_CAP(narrow, KH_RIGHT_READ | KH_RIGHT_WRITE);
	kh_expect("send narrowed", kh_reply(ep, &m), STATUS_OK);
}

static void rescind(uint32_t base)
{
	struct kh_msg m;
	uint64_t frames = 0, mappings = 0;
	uint32_t x;

	kh_expect("recv mapped", kh_recv(ep, &m), STATUS_OK);
	kh_expect("driver mapped", m.label, 2);
	kh_expect("two processes, records once", used(), base + 4);
	kh_expect("rescind needs the master", kh_devmem_rescind(narrow, 0, 0), STATUS_NO_PERMISSION);
	kh_expect("rescind", kh_devmem_rescind(master, &frames, &mappings), STATUS_OK);
	kh_expect("rescinded frames", frames, 4);
	kh_expect("rescinded mappings", mappings, 3);
	kh_expect("records back", used(), base);
	kh_expect("master is dead", kh_devmem_map(master, FRAMES, 1, VA, 0, 0), STATUS_RESCINDED);
	kh_expect("copy is dead", kh_devmem_map(narrow, FRAMES + PAGE, 1, VA, 0, 0),
		  STATUS_RESCINDED);
	kh_expect("derive from the dead", kh_cap_derive(narrow, FRAMES + PAGE, FRAMES + 2 * PAGE - 1,
							KH_RIGHT_READ, &x), STATUS_RESCINDED);
	kh_expect("rescind twice", kh_devmem_rescind(master, 0, 0), STATUS_RESCINDED);
	kh_expect("own mapping gone", kh_devmem_unmap(all, VA2), STATUS_NOT_FOUND);
	kh_expect("delete the dead master", kh_cap_delete(master), STATUS_OK);
	m = (struct kh_msg){ .label = 3, .cap = KH_NO_SLOT };
	kh_expect("tell the driver", kh_reply(ep, &m), STATUS_OK);
}

int main(void)
{
	kh_expect("find devmem", kh_cap_find(KH_CAP_DEVMEM, 0, &all), STATUS_OK);
	kh_expect("find endpoint", kh_cap_find(KH_CAP_ENDPOINT, 0, &ep), STATUS_OK);
	uint32_t base = used();
	publish(base);
	hand_over();
	rescind(base);
	return kh_expect_done("frameowner");
}
