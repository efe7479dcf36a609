/*
 * framehog - takes every frame FrameAlloc's limit has left (reserved,
 * unmapped) and holds them, so that the programs started after it find
 * the limit exhausted (tests/qemu/test_devdisc_tables.py, case
 * exhausted: devdisc's tables keep their seeds).  It never ends: frames
 * held by an ended program go back.
 *
 * Manifest: framehog console,framealloc
 *   framehog: reserved=<frames> status=<status> left=<frames>
 */
#include "kh_user.h"
#include "kh_objects.h"

int main(void)
{
	uint64_t limit = 0, used = 0, held = 0, after = 0;
	uint32_t slot;
	enum status st = kh_cap_find(KH_CAP_FRAMEALLOC, 0, &slot);

	if (!st)
		st = kh_frame_limit(slot, &limit, &used, NULL);
	if (!st)
		st = kh_frame_reserve(slot, limit - used, &held);
	if (!st)
		st = kh_frame_limit(slot, &limit, &after, NULL);
	kh_printf("framehog: reserved=%lu status=%s left=%lu\n", (unsigned long)held,
		  status_name(st), (unsigned long)(limit - after));
	for (;;)
		kh_sleep_ms(1000);
}
