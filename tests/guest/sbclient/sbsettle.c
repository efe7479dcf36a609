/*
 * sbsettle - conservative -> relaxed seen from a space bank client, for
 * images without devdisc: takes every frame the bank offers under the
 * conservative limit, settles (keeping no headroom), and checks that the
 * bank then serves exactly the released frames more: seen on the next
 * request without help, and confirmed by SB_OP_REFRESH (what devdisc
 * calls after its settle).
 *
 * Manifest: sbsettle console,settle,endpoint:spacebank
 */
#include "kh_user.h"
#include "kh_objects.h"
#include "kh_expect.h"
#include "sbc.h"

static struct sb_info root_info(void)
{
	struct sb_info info = { 0 };

	kh_expect("query root", sbc_query(SB_ROOT_BANK, &info), STATUS_OK);
	return info;
}

/* Everything available now, checked against what the bank said. */
static uint32_t take_all(void)
{
	struct sb_info a = root_info();
	enum status last;
	uint32_t got = sbc_alloc_until_refused(SB_ROOT_BANK, &last);

	kh_expect("refused at the end", last, STATUS_NO_MEMORY);
	kh_expect("got the available frames", got, a.available);
	kh_expect("root used", root_info().used, a.used + got);
	return got;
}

int main(void)
{
	uint32_t settle_slot, got, more;
	uint64_t records = 0, frames = 0, limit = 0, phase = 0;
	struct sb_info cons, rel;

	kh_expect("open", sbc_open(), STATUS_OK);
	kh_expect("find settle", kh_cap_find(KH_CAP_SETTLE, 0, &settle_slot), STATUS_OK);
	cons = root_info();
	kh_expect("conservative at first", cons.phase, 0);
	got = take_all();
	kh_expect("settle", kh_settle(settle_slot, 0, &records, &frames), STATUS_OK);
	kh_expect_true("frames released", frames > 0);
	rel = root_info();      /* the bank re-reads the limit on every request */
	kh_expect("relaxed phase", rel.phase, 1);
	kh_expect("relaxed = conservative + released", rel.limit, cons.limit + frames);
	kh_expect("available = released", rel.available, frames);
	kh_expect("refresh", sbc_refresh(&limit, &phase), STATUS_OK);
	kh_expect("refresh limit", limit, rel.limit);
	kh_expect("refresh phase", phase, 1);
	more = take_all();
	kh_expect("got the released frames", more, frames);
	kh_expect("free all", sbc_call(SB_OP_FREE, SB_ROOT_BANK, got + more, NULL), STATUS_OK);
	kh_expect("used back", root_info().used, cons.used);
	kh_printf("sbsettle: conservative=%u relaxed=%u released=%lu got=%u more=%u\n",
		  cons.limit, rel.limit, (unsigned long)frames, got, more);
	return kh_expect_done("sbsettle");
}
