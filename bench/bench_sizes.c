/*
 * bench_sizes.c - the record and blob sizes of this build, as key=value
 * lines (scripts/bench prints them with the instruction counts).
 */
#include <stdio.h>
#include <string.h>

#include "bootcfg.h"
#include "pool.h"
#include "structpage.h"

/* The encoded blob: BOOTCFG_BLOB_BYTES, checked by encoding one (the slot
 * must be zero past it, or the decoder would refuse it). */
static int encoded_blob_bytes(void)
{
	struct bootcfg cfg;
	uint8_t slot[BOOTCFG_SLOT_BYTES];
	bootcfg_defaults(&cfg);
	cfg.generation = 1;
	memset(slot, 0xff, sizeof(slot));
	if (bootcfg_encode(&cfg, slot, sizeof(slot)) != STATUS_OK)
		return -1;
	for (size_t i = BOOTCFG_BLOB_BYTES; i < sizeof(slot); i++)
		if (slot[i] != 0)
			return -1;
	return BOOTCFG_BLOB_BYTES;
}

int main(void)
{
	printf("structpage_device_bytes=%zu\n", sizeof(struct StructPageDev));
	printf("structpage_ram_bytes=%zu\n", sizeof(struct StructPageRam));
	int blob = encoded_blob_bytes();
	if (blob < 0) {
		fprintf(stderr, "bench_sizes: encoding a default blob failed\n");
		return 1;
	}
	printf("blob_bytes=%d\n", blob);
	printf("store_bytes=%u\n", BOOTCFG_STORE_BYTES);
	printf("device_records_per_frame=%zu\n",
	       STRUCTPAGE_FRAME_BYTES / sizeof(struct StructPageDev));
	printf("default_pool_region_bytes=%zu\n",
	       pool_region_bytes(BOOTCFG_DEFAULT_POOL, BOOTCFG_DEFAULT_HEADROOM));
	return 0;
}
