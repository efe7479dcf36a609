/* dd_tuning.c - see dd_tuning.h. */
#include "dd_tuning.h"

/* The parameters keep the public order (facts in, blob out); the copy
 * names them as tuning.h's generator wants. */
void dd_tuning_from_facts(const struct kh_bootfacts *src, struct bootcfg *dst)
{
	KH_TUNING_FIELDS(KH_TUNING_COPY_FIELD)
}
