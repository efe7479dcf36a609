/* dd_tuning.c - see dd_tuning.h. */
#include "dd_tuning.h"

void dd_tuning_from_facts(const struct kh_bootfacts *f, struct bootcfg *c)
{
	*c = (struct bootcfg){
		.generation = f->generation, .pool_frames = f->pool_frames,
		.headroom_frames = f->headroom_frames, .hard_cap_frames = f->hard_cap_frames,
		.pending_target = f->pending_target, .attempts = f->attempts,
		.boot_count = f->boot_count, .last_reason = (uint16_t)f->last_reason,
		.fingerprint = f->fingerprint, .guard_fingerprint = f->guard_fingerprint,
	};
}
