/*
 * sbdier - a space bank client that dies holding frames: takes half of
 * what the root bank has available and fills a sub-bank of its own, then
 * exits without giving anything back.  The space bank's death notice
 * must return all of it (sbmany spawns twenty in a row).
 *
 * Manifest: sbdier spawned (sbmany hands it its console and the
 * spacebank endpoint)
 */
#include "kh_user.h"
#include "kh_objects.h"
#include "sbc.h"

int main(void)
{
	struct sb_info info;
	uint64_t sub = 0;

	if (sbc_open() || sbc_query(SB_ROOT_BANK, &info) || info.available < 16)
		return 1;
	if (sbc_call(SB_OP_ALLOC, SB_ROOT_BANK, info.available / 2, 0) ||
	    sbc_call(SB_OP_CREATE, SB_ROOT_BANK, 8, &sub) || sbc_call(SB_OP_ALLOC, sub, 8, 0))
		return 2;
	return 0;   /* frames, root entry and sub-bank left to the death notice */
}
