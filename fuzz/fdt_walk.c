/*
 * fdt_walk.c - libFuzzer target: devdisc's FDT walker over a fuzzed DTB.
 *
 * The input is the blob itself, in a malloc'd (so 8-byte aligned, as
 * libfdt wants) buffer of exactly its size (so AddressSanitizer sees any
 * read past what the caller said it has).  Seeds
 * are the dtc-built fixtures of tests/fixtures/fdt/.  The walker must
 * return, keep its tables within bounds with terminated strings, give the
 * same answer twice, and the need, fingerprint and log formatter must run
 * on whatever it found.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fdtw_walk.h"
#include "fdtw_need.h"
#include "fdtw_log.h"

static struct fdtw_result res, again;   /* tables sized from each input */
static char text[64 * 1024];

static int terminated(const char *s, size_t cap)
{
	return memchr(s, '\0', cap) != NULL;
}

static void check_tables(const struct fdtw_result *r)
{
	if (r->ndev > r->dev_cap || r->nwarn > FDTW_MAX_WARNINGS ||
	    r->nregions_used > r->region_cap)
		abort();
	for (unsigned i = 0; i < r->ndev; i++) {
		const struct fdtw_device *d = &r->dev[i];

		if (d->nregions < 1 || d->region < r->regions ||
		    d->region + d->nregions > r->regions + r->nregions_used ||
		    d->depth < 1 || d->depth > FDTW_MAX_DEPTH ||
		    !terminated(d->path, sizeof(d->path)) || d->path[0] != '/' ||
		    !terminated(d->compatible, sizeof(d->compatible)))
			abort();
	}
	for (unsigned i = 0; i < r->nwarn; i++)
		if (!terminated(r->warn[i].path, sizeof(r->warn[i].path)) ||
		    r->warn[i].what >= FDTW_WARN_COUNT)
			abort();
}

/* libFuzzer's entry point (declared here: no libFuzzer header). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Tables of the size fdtw_measure says the blob can fill (the size
 * from the input), for both walks. */
static void *tables[4];

static int size_tables(const uint8_t *blob, size_t size)
{
	uint32_t ndev = 0, nreg = 0;

	(void)fdtw_measure(blob, size, &ndev, &nreg);
	for (int i = 0; i < 4; i++)
		free(tables[i]);
	tables[0] = calloc(ndev + 1, sizeof(struct fdtw_device));
	tables[1] = calloc(nreg + 1, sizeof(struct fdtw_region));
	tables[2] = calloc(ndev + 1, sizeof(struct fdtw_device));
	tables[3] = calloc(nreg + 1, sizeof(struct fdtw_region));
	if (!tables[0] || !tables[1] || !tables[2] || !tables[3])
		return -1;
	fdtw_result_init(&res, tables[0], ndev, tables[1], nreg);
	fdtw_result_init(&again, tables[2], ndev, tables[3], nreg);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *blob = malloc(size ? size : 1);
	enum status st;
	uint32_t need;
	size_t len;

	if (blob == NULL)
		return 0;
	memcpy(blob, data, size);
	if (size_tables(blob, size)) {
		free(blob);
		return 0;
	}
	st = fdtw_walk(blob, size, &res);
	if (st == STATUS_OK || st == STATUS_BAD_IMAGE) {
		check_tables(&res);
		if (st == STATUS_OK && res.dev_wanted > res.ndev)
			abort();     /* sized from the blob: nothing may be cut */
		if (fdtw_walk(blob, size, &again) != st ||
		    fdtw_fingerprint(&again) != fdtw_fingerprint(&res))
			abort();
		(void)fdtw_need(&res, &need);
		if (fdtw_format_walk(&res, text, sizeof(text), &len) == STATUS_OK &&
		    strlen(text) != len)
			abort();
	}
	free(blob);
	return 0;
}
