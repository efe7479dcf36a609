/*
 * fdtw_scan.c - the bounded pre-scan (fdtw_scan.h).  Reads the header
 * fields and the structure block itself, big-endian byte by byte (no
 * libfdt call, no unaligned load), so nothing libfdt does can spin here.
 */
#include "fdtw_scan.h"

#define TAG_BEGIN_NODE  1u
#define TAG_END_NODE    2u
#define TAG_PROP        3u
#define TAG_NOP         4u
#define OFF_DT_STRUCT   8u      /* header field offsets */
#define SIZE_DT_STRUCT  36u

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static uint32_t align4(uint32_t n)
{
	return (n + 3u) & ~3u;
}

/* Past a node name at s[at..end): its NUL must be inside the block. */
static uint32_t skip_name(const uint8_t *s, uint32_t at, uint32_t end)
{
	while (at < end && s[at])
		at++;
	return at < end ? align4(at + 1) : end;
}

/* One PROP at s[at] (its tag already read): the offset after it, or 0
 * when its header or value does not fit before end. */
static uint32_t skip_prop(const uint8_t *s, uint32_t at, uint32_t end,
			  struct fdtw_scan *out)
{
	uint32_t len;

	if (end - at < 12u)
		return 0;
	len = be32(s + at + 4);
	if (len > end - at - 12u)
		return 0;
	out->props++;
	out->prop_bytes += len;
	return align4(at + 12u + len);
}

enum status fdtw_prescan(const void *blob, struct fdtw_scan *out)
{
	const uint8_t *b = blob;
	uint32_t at = be32(b + OFF_DT_STRUCT);
	uint32_t end = at + be32(b + SIZE_DT_STRUCT);   /* inside totalsize */

	*out = (struct fdtw_scan){ 0 };
	if (at % 4u)
		return STATUS_MISALIGNED;
	if (end < at)
		return STATUS_BAD_LENGTH;   /* fdt_check_header bounds it; kept local */
	while (end - at >= 4u && at < end) {
		uint32_t tag = be32(b + at);

		if (tag == TAG_BEGIN_NODE) {
			out->nodes++;
			at = skip_name(b, at + 4u, end);
		} else if (tag == TAG_PROP) {
			at = skip_prop(b, at, end, out);
			if (!at)
				return STATUS_BAD_LENGTH;
		} else if (tag == TAG_END_NODE || tag == TAG_NOP) {
			at += 4u;
		} else {
			break;     /* FDT_END, or a tag the walk reports */
		}
	}
	return STATUS_OK;
}
