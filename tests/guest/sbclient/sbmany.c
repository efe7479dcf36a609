/*
 * sbmany - twenty space bank clients die holding frames (sbdier, spawned
 * one after the other, each taking half of what is available and a
 * sub-bank); each finds the frames of the one before it back, more than
 * the bank's sixteen root entries are used over time, and at the end this
 * client gets everything they had.
 *
 * Manifest: sbmany console,process,endpoint:spacebank
 */
#include "kh_user.h"
#include "kh_objects.h"
#include "kh_expect.h"
#include "sbc.h"

#define DIERS 20

static uint32_t proc, slots[2];

/* Spawns one sbdier and waits until it has ended; its exit status. */
static int64_t one_dies(void)
{
	struct kh_procinfo pi = { 0 };
	uint32_t pid = 0;

	kh_expect("spawn", kh_proc_spawn(proc, "sbdier", slots, 2, &pid), STATUS_OK);
	for (int i = 0; i < 200 && !kh_proc_info(proc, pid, &pi) && pi.state == KH_PROC_LIVE; i++)
		kh_sleep_ms(10);
	kh_expect("ended by exit", pi.state, KH_PROC_EXITED);
	return pi.exit_status;
}

int main(void)
{
	struct sb_info before, after;

	kh_expect("find process", kh_cap_find(KH_CAP_PROCESS, 0, &proc), STATUS_OK);
	kh_expect("find console", kh_cap_find(KH_CAP_CONSOLE, 0, &slots[0]), STATUS_OK);
	kh_expect("find spacebank", kh_cap_find(KH_CAP_ENDPOINT, 0, &slots[1]), STATUS_OK);
	kh_expect("open", sbc_open(), STATUS_OK);
	kh_expect("query before", sbc_query(SB_ROOT_BANK, &before), STATUS_OK);
	for (int i = 0; i < DIERS; i++)
		kh_expect("a client got its frames", (uint64_t)one_dies(), 0);
	kh_sleep_ms(20);
	kh_expect("query after", sbc_query(SB_ROOT_BANK, &after), STATUS_OK);
	kh_expect("nothing held after the deaths", after.used, before.used);
	kh_expect("everything available again", after.available, before.available);
	kh_expect("a new client gets their frames",
		  sbc_call(SB_OP_ALLOC, SB_ROOT_BANK, after.available, 0), STATUS_OK);
	kh_printf("sbmany: diers=%u available=%u\n", DIERS, (unsigned)after.available);
	return kh_expect_done("sbmany");
}
