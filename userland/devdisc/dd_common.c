/* dd_common.c - see dd_common.h. */
#include "dd_common.h"
#include "kh_user.h"

/* The parameters keep the public order (facts in, blob out); the copy
 * names them as tuning.h's generator wants. */
void dd_tuning_from_facts(const struct kh_bootfacts *src, struct bootcfg *dst)
{
	KH_TUNING_FIELDS(KH_TUNING_COPY_FIELD)
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
