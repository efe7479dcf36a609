/*
 * fdtw_need.c - need and fingerprint of an FDT walk (fdtw_need.h).
 *
 * Pure functions over the table.  No 64-bit division: the ColdFire build
 * links without libgcc.
 */
#include "fdtw_need.h"

#define FNV64_OFFSET 0xcbf29ce484222325ull

uint64_t fdtw_region_frames(uint64_t size)
{
	return (size >> 12) + ((size & (FDTW_FRAME_BYTES - 1)) != 0);
}

enum status fdtw_need(const struct fdtw_result *r, uint32_t *frames)
{
	uint64_t sum = 0;

	if (r == NULL || frames == NULL)
		return STATUS_INVALID_ARGUMENT;
	for (unsigned i = 0; i < r->ndev; i++) {
		const struct fdtw_device *d = &r->dev[i];

		for (unsigned k = 0; k < d->nregions; k++) {
			sum += fdtw_region_frames(d->region[k].size);
			if (sum > UINT32_MAX)
				return STATUS_OUT_OF_RANGE;
		}
	}
	*frames = (uint32_t)sum;
	return STATUS_OK;
}

/*
 * h * FNV prime (2^40 + 0x1b3) mod 2^64 from 32-bit products only: a
 * 64-bit multiply is a libgcc call (__muldi3) on ColdFire, which links
 * without libgcc (and GCC folds plain shift-and-add back into one).
 */
static uint64_t fnv_mul(uint64_t h)
{
	uint32_t lo = (uint32_t)h, hi = (uint32_t)(h >> 32);
	uint64_t lo_prod = ((uint64_t)((lo >> 16) * 0x1b3u) << 16) +
			   (lo & 0xffffu) * 0x1b3u;

	return (h << 40) + ((uint64_t)(hi * 0x1b3u) << 32) + lo_prod;
}

/* Big-endian byte order so both byte orders hash alike. */
static uint64_t fnv_bytes(uint64_t h, uint64_t value, unsigned nbytes)
{
	while (nbytes--) {
		h ^= (uint8_t)(value >> (8 * nbytes));
		h = fnv_mul(h);
	}
	return h;
}

/* The string and its terminating NUL, so "ab"+"c" differs from "a"+"bc". */
static uint64_t fnv_string(uint64_t h, const char *s)
{
	do {
		h = fnv_bytes(h, (uint8_t)*s, 1);
	} while (*s++);
	return h;
}

static uint64_t device_term(const struct fdtw_device *d)
{
	uint64_t h = FNV64_OFFSET;

	h = fnv_string(h, d->path);
	h = fnv_string(h, d->compatible);
	h = fnv_bytes(h, d->nregions, 1);
	for (unsigned k = 0; k < d->nregions; k++)
		h = fnv_bytes(h, d->region[k].size, 8);
	return h;
}

uint64_t fdtw_fingerprint(const struct fdtw_result *r)
{
	uint64_t sum = 0;

	for (unsigned i = 0; i < r->ndev; i++)
		sum += device_term(&r->dev[i]);
	/* The count keeps a table and its sum-colliding subset apart. */
	return fnv_bytes(fnv_bytes(FNV64_OFFSET, sum, 8), r->ndev, 2);
}
