/* dd_common.c - see dd_common.h. */
#include "dd_common.h"
#include "kh_user.h"

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

void dd_write_lines(enum status st, const char *buf, const size_t *len)
{
	size_t start = 0;

	if (st) {
		kh_printf("devdisc: error step=format status=%s\n", status_name(st));
		return;
	}
	for (size_t i = 0; i < *len; i++) {
		if (buf[i] != '\n')
			continue;
		kh_console_write(buf + start, i + 1 - start);
		start = i + 1;
	}
}
