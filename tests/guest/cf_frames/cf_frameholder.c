/*
 * cf_frameholder - the other process of cf_frames' test (cf_frames.h):
 * maps the frame at CF_HELD_VA, says so in the frame's first word, keeps
 * it until cf_frames writes the release word, then frees it (and a second
 * free is NOT_FOUND).  Booted before cf_frames (coldfire-frames.img).
 */
#include "cf_frames.h"

static int failures;

static void expect(const char *what, enum status got, enum status want)
{
	if (got == want)
		return;
	kh_printf("cf_frameholder: FAIL %s: %s, want %s\n", what, status_name(got),
		  status_name(want));
	failures++;
}

/* Sleeps until cf_frames asks the frame back; false after CF_WAIT_MS. */
static bool wait_release(void)
{
	for (uint32_t ms = 0; ms < CF_WAIT_MS; ms++) {
		if (cf_held_words()[1] == CF_RELEASE)
			return true;
		kh_sleep_ms(1);
	}
	return false;
}

int main(void)
{
	uint32_t fa;
	uint64_t pa = 0;

	if (kh_cap_find(KH_CAP_FRAMEALLOC, 0, &fa)) {
		kh_printf("cf_frameholder: FAIL no framealloc capability\n");
		return 1;
	}
	expect("map the held frame", kh_frame_map(fa, CF_HELD_VA, &pa), STATUS_OK);
	cf_held_words()[0] = CF_HOLDING;
	kh_printf("cf_frameholder: holding va=0x%x phys=0x%x\n", (unsigned)CF_HELD_VA,
		  (unsigned)pa);
	if (!wait_release()) {
		kh_printf("cf_frameholder: FAIL no release word\n");
		failures++;
	}
	expect("free the held frame", kh_frame_free(fa, CF_HELD_VA), STATUS_OK);
	expect("free it again", kh_frame_free(fa, CF_HELD_VA), STATUS_NOT_FOUND);
	kh_printf("cf_frameholder: %s failures=%d\n", failures ? "FAIL" : "ok", failures);
	return failures != 0;
}
