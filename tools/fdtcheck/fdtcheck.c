/*
 * fdtcheck.c - is this DTB fit to boot ColdFire with (scripts/run --dtb)?
 *
 *   fdtcheck FILE.dtb
 *
 * Checks, in this order, so that nothing libfdt does can spin on a
 * hostile file: the size (a header at least, at most FDTCHECK_MAX_BYTES,
 * and totalsize equal to the file's size), the alignment of the reserve
 * map (8) and of the structure block (4), then devdisc's own walker
 * (header, the bounded pre-scan, the walk: the same code the guest runs),
 * then libfdt's fdt_check_full.  Prints one line: `fdtcheck: FILE ok
 * bytes=<n> nodes=<n> devices=<n> warnings=<n>`, or `fdtcheck: FILE:
 * <what is wrong>` and exits 1.
 */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <libfdt.h>

#include "fdtw_walk.h"

#define FDTCHECK_MAX_BYTES (256u * 1024u)   /* well inside the 2 MiB ROM */

static _Alignas(8) uint8_t blob[FDTCHECK_MAX_BYTES + 1];
static struct fdtw_result walk;   /* tables sized from the blob (fdtw_measure) */

static int bad(const char *file, const char *what, long detail)
{
	printf("fdtcheck: %s: %s (%ld)\n", file, what, detail);
	return 1;
}

/* Size and alignment from the raw header, before any libfdt call. */
static int check_layout(const char *file, size_t n)
{
	if (n < 40)
		return bad(file, "shorter than an FDT header", (long)n);
	if (n > FDTCHECK_MAX_BYTES)
		return bad(file, "larger than the image can carry", (long)n);
	if (fdt_magic(blob) != FDT_MAGIC)
		return bad(file, "not a DTB (bad magic)", (long)fdt_magic(blob));
	if (fdt_totalsize(blob) != n)
		return bad(file, "totalsize differs from the file size", (long)fdt_totalsize(blob));
	if (fdt_off_mem_rsvmap(blob) % 8)
		return bad(file, "reserve map not 8-byte aligned", (long)fdt_off_mem_rsvmap(blob));
	if (fdt_off_dt_struct(blob) % 4)
		return bad(file, "structure block not 4-byte aligned", (long)fdt_off_dt_struct(blob));
	return 0;
}

int main(int argc, char **argv)
{
	FILE *f;
	size_t n;
	enum status st;
	int err;

	if (argc != 2) {
		fprintf(stderr, "usage: fdtcheck FILE.dtb\n");
		return 2;
	}
	if (!(f = fopen(argv[1], "rb")))
		return bad(argv[1], "cannot open", 0);
	n = fread(blob, 1, sizeof(blob), f);
	fclose(f);
	if (check_layout(argv[1], n))
		return 1;
	uint32_t ndev, nreg;
	if ((st = fdtw_measure(blob, n, &ndev, &nreg)))
		return bad(argv[1], status_name(st), (long)st);   /* devdisc would refuse it */
	fdtw_result_init(&walk, calloc(ndev + 1, sizeof(struct fdtw_device)), ndev,
			 calloc(nreg + 1, sizeof(struct fdtw_region)), nreg);
	if (!walk.dev || !walk.regions)
		return bad(argv[1], "out of memory", 0);
	if ((st = fdtw_walk(blob, n, &walk)))
		return bad(argv[1], status_name(st), (long)st);   /* devdisc would refuse it */
	if ((err = fdt_check_full(blob, n)))
		return bad(argv[1], fdt_strerror(err), err);
	printf("fdtcheck: %s ok bytes=%zu nodes=%u devices=%u warnings=%u\n", argv[1], n,
	       (unsigned)walk.nnodes, (unsigned)walk.ndev, (unsigned)walk.nwarn);
	return 0;
}
