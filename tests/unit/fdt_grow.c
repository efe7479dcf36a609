/*
 * fdt_grow.c - the FDT walk over tables that grow to what it counted
 * (userland/devdisc/fdt/fdtw_grow.h), on mcf5208evb-huge.dts (304
 * devices, 1204 regions: past seed tables of 256 devices and 1024
 * regions, the sizes devdisc's ColdFire seeds had; its seeds are smaller
 * now, tests/qemu/test_coldfire_devdisc.py walks those):
 * a refusing grower leaves one walk over the seeds with the exact counts;
 * a granting one is asked for exactly those counts and the second walk
 * keeps everything, as a walk sized by fdtw_measure does; a region pool
 * too small to count the devices takes three walks; a bad blob or no
 * grower ends the walk with a status.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fdt_fixture.h"
#include "fdtw_grow.h"
#include "fdtw_need.h"

#define HUGE_DEVICES 304u
#define HUGE_REGIONS 1204u    /* 4 one-region devices, 300 with 4 each */

static _Alignas(8) uint8_t blob[FIXTURE_CAP];
static size_t blob_len;
static struct fdtw_result res;

/* What a grower was asked: (table, want) per call; it grants the tables
 * in `grant` (a bit per enum fdtw_table). */
struct asked {
	unsigned grant;
	unsigned n;
	enum fdtw_table which[8];
	uint32_t want[8];
	void *owned[2];
};

static bool grow(void *ctx, enum fdtw_table which, uint32_t want, void **base, uint32_t *cap)
{
	struct asked *a = ctx;
	size_t entry = which == FDTW_TABLE_DEVICES ? sizeof(struct fdtw_device)
						    : sizeof(struct fdtw_region);

	assert_true(a->n < 8);
	a->which[a->n] = which;
	a->want[a->n++] = want;
	if (!(a->grant & (1u << which)))
		return false;
	free(a->owned[which]);
	a->owned[which] = *base = calloc(want, entry);
	*cap = want;
	return true;
}

static int load(void **state)
{
	(void)state;
	blob_len = fixture_load("mcf5208evb-huge", blob, sizeof(blob));
	return 0;
}

/* Walks into fresh tables of ndev and nreg entries through grower a. */
static unsigned walk(struct asked *a, uint32_t ndev, uint32_t nreg, enum status want)
{
	static struct fdtw_device *dev;
	static struct fdtw_region *reg;
	struct fdtw_grower g = { grow, a };
	unsigned walks = 0;

	free(dev);
	free(reg);
	dev = calloc(ndev, sizeof(*dev));
	reg = calloc(nreg, sizeof(*reg));
	fdtw_result_init(&res, dev, ndev, reg, nreg);
	assert_int_equal(fdtw_walk_grown(blob, blob_len, &res, &g, &walks), want);
	return walks;
}

static void test_refused(void **state)
{
	struct asked a = { .grant = 0 };

	(void)state;
	assert_int_equal(walk(&a, 256, 1024, STATUS_OK), 1);
	assert_int_equal(res.ndev, 256);
	assert_int_equal(res.dev_wanted, HUGE_DEVICES);
	assert_int_equal(res.regions_wanted, HUGE_REGIONS);
	assert_int_equal(res.nregions_used, 4 + 252 * 4);
	assert_true(fdtw_devices_short(&res) && fdtw_regions_short(&res));
	assert_int_equal(a.n, 2);
	assert_int_equal(a.which[0], FDTW_TABLE_DEVICES);
	assert_int_equal(a.want[0], HUGE_DEVICES);
	assert_int_equal(a.which[1], FDTW_TABLE_REGIONS);
	assert_int_equal(a.want[1], HUGE_REGIONS);
}

/* The same devices, regions and fingerprint as tables fdtw_measure sized. */
static void test_granted(void **state)
{
	struct asked a = { .grant = 3 };
	uint64_t fp;
	uint32_t ndev, nreg;

	(void)state;
	assert_int_equal(walk(&a, 256, 1024, STATUS_OK), 2);
	assert_int_equal(a.n, 2);
	assert_int_equal(a.want[0], HUGE_DEVICES);
	assert_int_equal(a.want[1], HUGE_REGIONS);
	assert_int_equal(res.ndev, HUGE_DEVICES);
	assert_int_equal(res.nregions_used, HUGE_REGIONS);
	assert_int_equal(res.nwarn, 0);
	assert_false(fdtw_devices_short(&res) || fdtw_regions_short(&res));
	fp = fdtw_fingerprint(&res);
	assert_int_equal(fdtw_measure(blob, blob_len, &ndev, &nreg), STATUS_OK);
	assert_int_equal(walk(&a, ndev, nreg, STATUS_OK), 1);
	assert_int_equal(a.n, 2);
	assert_int_equal(fdtw_fingerprint(&res), fp);
	free(a.owned[0]);
	free(a.owned[1]);
}

/* 16 regions: the pool fills in the fourth block, so the first walk
 * counts 7 devices only; the second (all regions) counts 304. */
static void test_hidden_devices(void **state)
{
	struct asked a = { .grant = 3 };

	(void)state;
	assert_int_equal(walk(&a, 256, 16, STATUS_OK), 3);
	assert_int_equal(a.n, 2);
	assert_int_equal(a.which[0], FDTW_TABLE_REGIONS);
	assert_int_equal(a.want[0], HUGE_REGIONS);
	assert_int_equal(a.which[1], FDTW_TABLE_DEVICES);
	assert_int_equal(a.want[1], HUGE_DEVICES);
	assert_int_equal(res.ndev, HUGE_DEVICES);
	assert_int_equal(res.nregions_used, HUGE_REGIONS);
	free(a.owned[0]);
	free(a.owned[1]);
}

/* Only the region pool grows: two walks (the devices refused, nothing
 * else to grow), the devices stay short. */
static void test_devices_refused(void **state)
{
	struct asked a = { .grant = 1u << FDTW_TABLE_REGIONS };

	(void)state;
	assert_int_equal(walk(&a, 256, 16, STATUS_OK), 2);
	assert_int_equal(a.n, 2);
	assert_int_equal(a.which[1], FDTW_TABLE_DEVICES);
	assert_int_equal(res.ndev, 256);
	assert_int_equal(res.dev_wanted, HUGE_DEVICES);
	assert_true(fdtw_devices_short(&res));
	/* short by the dropped devices' regions, with room in the pool */
	assert_true(fdtw_regions_short(&res));
	assert_int_equal(res.region_cap, HUGE_REGIONS);
	assert_int_equal(res.nregions_used, 4 + 252 * 4);
	free(a.owned[FDTW_TABLE_REGIONS]);
}

static void test_bad_blob(void **state)
{
	struct asked a = { .grant = 3 };
	struct fdtw_grower none = { NULL, NULL };

	(void)state;
	assert_int_equal(fdtw_walk_grown(blob, blob_len, &res, &none, NULL),
			 STATUS_INVALID_ARGUMENT);
	blob[0] ^= 0xff;
	assert_int_equal(walk(&a, 256, 1024, STATUS_BAD_MAGIC), 1);
	blob[0] ^= 0xff;
	assert_int_equal(a.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_refused, load),
		cmocka_unit_test_setup(test_granted, load),
		cmocka_unit_test_setup(test_hidden_devices, load),
		cmocka_unit_test_setup(test_devices_refused, load),
		cmocka_unit_test_setup(test_bad_blob, load),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
