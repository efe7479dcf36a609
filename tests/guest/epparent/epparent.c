/*
 * epparent - a parent driving several children at once, and a FrameAlloc
 * slot narrowed to a frame count (docs/capabilities.md):
 *
 * - Process.ENDPOINT(k): k = 0, 1, 2 are three endpoints, ENDPOINT(1)
 *   twice is the same one, k = 8 (or 2^32: no truncation) is
 *   out-of-range.  Three epchild children each hold one; every call
 *   reaches the child of its endpoint (the reply names its pid).  A call
 *   waiting on k = 2 outlives another child's end and ends not-found only
 *   when the child holding k = 2 ends.
 * - FrameAlloc derived to n = 2: the third map and a reserve past it are
 *   over-quota, after a free a map works again, n = 3 cannot be derived
 *   from it; sent over IPC and given to spawned children it stays bounded
 *   (the children print what they could map; the QEMU test reads those
 *   lines and the children's `kernel: process` lines).
 * - Ten children in turn take all 8 own endpoints each and end (80 > the
 *   table's 64 records): an ended owner's endpoints go back to the table.
 * - Then it waits for the status key (Ctrl-T) with both slots held.
 *
 * Manifest: epparent console,process,framealloc (its children: epchild)
 */
#include "kh_user.h"
#include "kh_objects.h"
#include "kh_expect.h"
#include "epproto.h"

#define WIN  EP_WIN
#define PAGE EP_PAGE

static uint32_t con, proc, fa;

static uint32_t own(uint32_t k)
{
	uint32_t slot = KH_NO_SLOT;

	kh_expect("own endpoint", kh_proc_endpoint(proc, k, &slot), STATUS_OK);
	return slot;
}

static uint32_t child(uint32_t second)
{
	uint32_t caps[2] = { con, second }, pid = 0;

	kh_expect("spawn", kh_proc_spawn(proc, "epchild", caps, 2, &pid), STATUS_OK);
	return pid;
}

/* One call on ep; the reply's pid (0 if the call failed). */
static uint32_t ask(uint32_t ep, uint64_t label, uint64_t word, uint32_t cap, uint64_t *w1)
{
	struct kh_msg m = { .label = label, .word = { word }, .cap = cap };

	if (kh_call(ep, &m))
		return 0;
	if (w1)
		*w1 = m.word[1];
	return m.sender == m.word[0] || label == EP_FRAMES ? (uint32_t)m.word[0] : 0;
}

static void endpoints(uint32_t *ep, uint32_t *pid)
{
	uint32_t again = KH_NO_SLOT;
	uint64_t token = 0;

	for (uint32_t k = 0; k < 3; k++)
		ep[k] = own(k);
	again = own(1);
	kh_expect_true("new slots", ep[0] != ep[1] && ep[1] != ep[2] && again != ep[1]);
	kh_expect("k = 8", kh_proc_endpoint(proc, KH_OWN_ENDPOINTS, &again), STATUS_OUT_OF_RANGE);
	kh_expect("k = 2^32", kh_invoke(proc, KH_OP_PROC_ENDPOINT, 1ull << 32, 0, 0, 0, 0, 0),
		  STATUS_OUT_OF_RANGE);
	for (uint32_t k = 0; k < 3; k++)
		pid[k] = child(ep[k]);
	/* k = 1 first: with one shared endpoint the first child to wait
	 * would answer */
	for (uint64_t round = 1; round <= 3; round++) {
		kh_expect("k = 1 reaches its child", ask(ep[1], EP_ECHO, round, KH_NO_SLOT, &token),
			  pid[1]);
		kh_expect("token back", token, round);
		kh_expect("k = 0 reaches its child", ask(ep[0], EP_ECHO, round, KH_NO_SLOT, 0), pid[0]);
		kh_expect("k = 2 reaches its child", ask(ep[2], EP_ECHO, round, KH_NO_SLOT, 0), pid[2]);
		kh_expect("ENDPOINT(1) again is the same endpoint",
			  ask(again, EP_ECHO, round, KH_NO_SLOT, 0), pid[1]);
	}
}

/* A call waiting on k = 2 ends not-found when its child ends, not when
 * the child of k = 0 ends first. */
static void endings(const uint32_t *ep, const uint32_t *pid)
{
	struct kh_procinfo pi;
	struct kh_msg m = { .label = EP_ECHO, .cap = KH_NO_SLOT };

	kh_expect("child 0 quits in 30 ms", ask(ep[0], EP_QUIT, 30, KH_NO_SLOT, 0), pid[0]);
	kh_expect("child 2 quits in 300 ms", ask(ep[2], EP_QUIT, 300, KH_NO_SLOT, 0), pid[2]);
	uint64_t t0 = kh_clock_ms();
	kh_expect("call on k = 2 ends with its child", kh_call(ep[2], &m), STATUS_NOT_FOUND);
	kh_expect_true("not before it", kh_clock_ms() - t0 >= 200);
	kh_expect("info child 2", kh_proc_info(proc, pid[2], &pi), STATUS_OK);
	kh_expect("child 2 has ended", pi.state, KH_PROC_EXITED);
	kh_expect("info child 0", kh_proc_info(proc, pid[0], &pi), STATUS_OK);
	kh_expect("child 0 has ended", pi.state, KH_PROC_EXITED);
	kh_expect("child 1 still answers", ask(ep[1], EP_ECHO, 7, KH_NO_SLOT, 0), pid[1]);
}

static enum status map(uint32_t slot, uint64_t i)
{
	uint64_t pa;

	return kh_frame_map(slot, WIN + i * PAGE, &pa);
}

/* n = 2 through slot two; frames held through any slot count. */
static void counted(uint32_t two)
{
	uint64_t held = 0, limit, used;
	uint32_t phase, x, one;

	kh_expect("map 1 of 2", map(two, 0), STATUS_OK);
	kh_expect("map 2 of 2", map(two, 1), STATUS_OK);
	kh_expect("third map", map(two, 2), STATUS_OVER_QUOTA);
	kh_expect("reserve past it", kh_frame_reserve(two, 1, &held), STATUS_OVER_QUOTA);
	kh_expect("free one", kh_frame_free(two, WIN), STATUS_OK);
	kh_expect("map after the free", map(two, 2), STATUS_OK);
	kh_expect("derive n = 3", kh_cap_derive(two, 0, 2, KH_RIGHTS_GRANTED, &x),
		  STATUS_WIDER_THAN_HELD);
	kh_expect("derive from 1", kh_cap_derive(two, 1, 1, KH_RIGHT_READ, &x),
		  STATUS_INVALID_ARGUMENT);
	kh_expect("derive n = 1", kh_cap_derive(two, 0, 0, KH_RIGHT_READ, &one), STATUS_OK);
	kh_expect("n = 1 with two held", map(one, 3), STATUS_OVER_QUOTA);
	kh_expect("free another", kh_frame_free(two, WIN + PAGE), STATUS_OK);
	kh_expect("reserve the second", kh_frame_reserve(two, 1, &held), STATUS_OK);
	kh_expect("reserve a third", kh_frame_reserve(two, 1, &held), STATUS_OVER_QUOTA);
	kh_expect("reserve a lot", kh_frame_reserve(two, ~0ull, &held), STATUS_OVER_QUOTA);
	kh_expect("map with one reserved", map(two, 0), STATUS_OVER_QUOTA);
	kh_expect("manifest grant: no count", map(fa, 0), STATUS_OK);
	kh_expect("unreserve", kh_frame_unreserve(two, 1, &held), STATUS_OK);
	kh_expect("still two held", map(two, 1), STATUS_OVER_QUOTA);
	kh_frame_limit(fa, &limit, &used, &phase);
	kh_expect("the global limit says no-memory", kh_frame_reserve(fa, limit - used + 1, &held),
		  STATUS_NO_MEMORY);
	kh_expect("free", kh_frame_free(fa, WIN), STATUS_OK);
	kh_expect("free", kh_frame_free(two, WIN + 2 * PAGE), STATUS_OK);
	kh_expect("delete n = 1", kh_cap_delete(one), STATUS_OK);
}

static void wait_ended(uint32_t pid)
{
	struct kh_procinfo pi = { .state = KH_PROC_LIVE };

	for (int i = 0; i < 500 && pi.state == KH_PROC_LIVE; i++) {
		kh_sleep_ms(10);
		kh_proc_info(proc, pid, &pi);
	}
	kh_expect("child exited", pi.state, KH_PROC_EXITED);
}

/* The count travels with the slot: over IPC and into spawned children. */
static void handed_on(uint32_t two, uint32_t ep1)
{
	uint64_t refused = 0;
	uint32_t one = KH_NO_SLOT;

	kh_expect("over IPC: two frames", ask(ep1, EP_FRAMES, 0, two, &refused), 2);
	kh_expect("over IPC: then over-quota", refused, STATUS_OVER_QUOTA);
	wait_ended(child(two));
	kh_expect("n = 1 with grant", kh_cap_derive(fa, 0, 0, KH_RIGHT_READ | KH_RIGHT_WRITE |
						    KH_RIGHT_GRANT, &one), STATUS_OK);
	wait_ended(child(one));
}

/* Children taking all their own endpoints, more of them in turn than the
 * endpoint table has records: an ended owner's endpoints go back. */
static void come_and_go(void)
{
	for (int i = 0; i < 10; i++)
		wait_ended(child(proc));
}

int main(void)
{
	uint32_t ep[3], pid[3], two = KH_NO_SLOT;

	kh_expect("find console", kh_cap_find(KH_CAP_CONSOLE, 0, &con), STATUS_OK);
	kh_expect("find process", kh_cap_find(KH_CAP_PROCESS, 0, &proc), STATUS_OK);
	kh_expect("find framealloc", kh_cap_find(KH_CAP_FRAMEALLOC, 0, &fa), STATUS_OK);
	endpoints(ep, pid);
	endings(ep, pid);
	kh_expect("derive n = 2", kh_cap_derive(fa, 0, 1, KH_RIGHTS_GRANTED, &two), STATUS_OK);
	counted(two);
	handed_on(two, ep[1]);
	come_and_go();
	kh_expect("child 1 quits", ask(ep[1], EP_QUIT, 0, KH_NO_SLOT, 0), pid[1]);
	kh_expect_done("epparent");
	kh_printf("epparent: status key slot=%u\n", two);
	kh_sleep_ms(3000);     /* the QEMU test types Ctrl-T now */
	return 0;
}
