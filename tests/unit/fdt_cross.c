/*
 * fdt_cross.c - the ColdFire (big-endian) build of the FDT walker, run as
 * tests/cross/fdt_dump_cf under qemu-m68k, must print exactly the
 * answer written down here: status, log lines, need and fingerprint, for
 * each fixture and for corrupted ones.  The expected device tables are
 * read off the .dts fixtures by hand; the text, the need and the
 * fingerprint are made from them by an oracle in this file (plain 64-bit
 * FNV-1a, none of the walker's code), and the fingerprints are also
 * written as constants so that the oracle itself is pinned.  The host
 * build must give the same answer (a mismatch there points at the walker,
 * not at the byte order).
 *
 * Without qemu-m68k or with the cross builds off the program exits 77
 * (CTest SKIP_RETURN_CODE, which scripts/test counts as a failure); with
 * the cross builds on but fdt_dump_cf missing it fails.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <libfdt.h>

#include "fdt_fixture.h"
#include "fdtw_walk.h"
#include "fdtw_need.h"
#include "fdtw_log.h"

#define SKIP_EXIT 77

struct exp_dev {
	const char *path, *compat;      /* compat "none" when absent */
	unsigned nregions;
	struct { uint64_t base, size; } r[2];
};

/* One walk as the guest would log it. */
struct expected {
	const char *status;
	const struct exp_dev *dev;
	unsigned ndev;
	const char *warnings;           /* the warning lines, in order */
	uint32_t need;
	uint64_t fingerprint;
	bool table;                     /* false: only the status line */
};

static const struct exp_dev mcf5208evb[] = {
	{ "/soc/fec@fc030000", "fsl,mcf5208-fec", 1, { { 0xfc030000, 0x400 } } },
	{ "/soc/interrupt-controller@fc048000", "fsl,mcf5208-intc", 1,
	  { { 0xfc048000, 0x100 } } },
	{ "/soc/serial@fc060000", "fsl,mcf5208-uart", 1, { { 0xfc060000, 0x40 } } },
	{ "/soc/timer@fc080000", "fsl,mcf5208-pit", 1, { { 0xfc080000, 0x10 } } },
};

/* The same nodes in the reordered file's order. */
static const struct exp_dev reordered[] = {
	mcf5208evb[3], mcf5208evb[2], mcf5208evb[0], mcf5208evb[1],
};

#define HIGHDEV { "/highdev@100000000", "test,high", 1, { { 0x100000000ull, 0x2000 } } }
#define DUAL { "/bus@f0000000/dual@1000", "test,dual", 2, \
	       { { 0xf0001000, 0x100 }, { 0xf0003000, 0x1800 } } }
#define SUB { "/bus@f0000000/sub@8000", "simple-bus", 1, { { 0xf0008000, 0x1000 } } }
#define LEAF { "/bus@f0000000/sub@8000/leaf@8800", "test,leaf", 1, \
	       { { 0xf0008800, 0x20 } } }
#define I2C { "/bus@f0000000/i2c@9000", "test,i2c", 1, { { 0xf0009000, 0x100 } } }
#define OUTSIDE "devdisc: warning node=/bus@f0000000/outside@200000 what=untranslatable detail=0\n"

static const struct exp_dev nested[] = { HIGHDEV, DUAL, SUB, LEAF, I2C };
/* sub@8000's first property names a string past the strings block: the
 * node and its leaf are dropped. */
static const struct exp_dev nested_bad_name[] = { HIGHDEV, DUAL, I2C };
/* i2c@9000's begin-node tag smashed: the walk stops there. */
static const struct exp_dev nested_bad_tag[] = { HIGHDEV, DUAL, SUB, LEAF };

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct expected want_mcf5208evb = {
	"ok", mcf5208evb, N(mcf5208evb), "", 4, 0x7aa491db027d7c02ull, true };
static const struct expected want_reordered = {
	"ok", reordered, N(reordered), "", 4, 0x7aa491db027d7c02ull, true };
static const struct expected want_nested = {
	"ok", nested, N(nested), OUTSIDE, 8, 0x0fcf6ca0a8ac2cb4ull, true };
static const struct expected want_bad_name = {
	"ok", nested_bad_name, N(nested_bad_name),
	OUTSIDE "devdisc: warning node=/bus@f0000000/sub@8000 what=bad-string detail=4\n",
	6, 0x50858753d70e6034ull, true };
static const struct expected want_bad_tag = {
	"bad-image", nested_bad_tag, N(nested_bad_tag),
	OUTSIDE "devdisc: warning node=/ what=bad-structure detail=11\n",
	7, 0xa64465399d8815a5ull, true };
static const struct expected want_short = { "bad-length", NULL, 0, "", 0, 0, false };

static _Alignas(8) uint8_t blob[FIXTURE_CAP];
FDTW_RESULT(res, 1024, 8192);   /* caller storage, well above any fixture */
static char expected[64 * 1024], got[64 * 1024], text[64 * 1024];

/* ---- the oracle ------------------------------------------------------- */

static uint64_t fnv1a(uint64_t h, const void *p, size_t n)
{
	const uint8_t *b = p;

	while (n--)
		h = (h ^ *b++) * 0x100000001b3ull;
	return h;
}

/* `v` as `n` big-endian bytes, the byte order the fingerprint is defined in. */
static uint64_t fnv1a_be(uint64_t h, uint64_t v, unsigned n)
{
	uint8_t b[8];

	for (unsigned i = 0; i < n; i++)
		b[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
	return fnv1a(h, b, n);
}

/* Sum over devices of FNV-1a(path NUL compat NUL nregions sizes...), then
 * FNV-1a of that sum and the device count (docs/devdisc.md). */
static uint64_t oracle_fingerprint(const struct expected *e)
{
	const uint64_t basis = 0xcbf29ce484222325ull;
	uint64_t sum = 0;

	for (unsigned i = 0; i < e->ndev; i++) {
		const struct exp_dev *d = &e->dev[i];
		const char *compat = strcmp(d->compat, "none") ? d->compat : "";
		uint64_t h = fnv1a(basis, d->path, strlen(d->path) + 1);

		h = fnv1a(h, compat, strlen(compat) + 1);
		h = fnv1a_be(h, d->nregions, 1);
		for (unsigned k = 0; k < d->nregions; k++)
			h = fnv1a_be(h, d->r[k].size, 8);
		sum += h;
	}
	return fnv1a_be(fnv1a_be(basis, sum, 8), e->ndev, 2);
}

static uint32_t oracle_need(const struct expected *e)
{
	uint32_t need = 0;

	for (unsigned i = 0; i < e->ndev; i++)
		for (unsigned k = 0; k < e->dev[i].nregions; k++)
			need += (uint32_t)((e->dev[i].r[k].size + 4095) / 4096);
	return need;
}

/* fdt_dump_cf's output for `e`, built with printf from the table. */
static void oracle_text(const struct expected *e)
{
	size_t at = (size_t)snprintf(expected, sizeof(expected), "status=%s\n", e->status);

	if (!e->table)
		return;
	assert_int_equal(oracle_need(e), e->need);
	assert_true(oracle_fingerprint(e) == e->fingerprint);
	for (unsigned i = 0; i < e->ndev; i++) {
		const struct exp_dev *d = &e->dev[i];

		at += (size_t)snprintf(expected + at, sizeof(expected) - at,
			"devdisc: found node=%s compatible=%s regions=%u\n",
			d->path, d->compat, d->nregions);
		for (unsigned k = 0; k < d->nregions; k++)
			at += (size_t)snprintf(expected + at, sizeof(expected) - at,
				"devdisc: region node=%s index=%u addr=0x%" PRIx64
				" size=%" PRIu64 "\n", d->path, k, d->r[k].base,
				d->r[k].size);
	}
	snprintf(expected + at, sizeof(expected) - at,
		 "%sneed=%u fingerprint=%016" PRIx64 "\n", e->warnings, e->need,
		 e->fingerprint);
}

/* ---- the two builds of the walker -------------------------------------- */

/* The host build's answer in fdt_dump_cf's format, into got[]. */
static void host_answer(size_t n)
{
	enum status st = fdtw_walk(blob, n, &res);
	size_t len = 0, at;
	uint32_t need = 0;

	at = (size_t)snprintf(got, sizeof(got), "status=%s\n", status_name(st));
	if (st != STATUS_OK && st != STATUS_BAD_IMAGE)
		return;
	assert_int_equal(fdtw_format_walk(&res, text, sizeof(text), &len), STATUS_OK);
	(void)fdtw_need(&res, &need);
	snprintf(got + at, sizeof(got) - at, "%sneed=%u fingerprint=%016" PRIx64 "\n",
		 text, need, fdtw_fingerprint(&res));
}

static void coldfire_answer(size_t n)
{
	char path[] = "/tmp/fdt_cross_XXXXXX", cmd[1024];
	int fd = mkstemp(path);
	FILE *p;
	size_t len;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, blob, n), (ssize_t)n);
	close(fd);
	snprintf(cmd, sizeof(cmd), "'%s' -cpu cfv4e '%s' < '%s'",
		 KH_QEMU_M68K, KH_FDT_DUMP_CF, path);
	p = popen(cmd, "r");
	assert_non_null(p);
	len = fread(got, 1, sizeof(got) - 1, p);
	got[len] = '\0';
	assert_int_equal(pclose(p), 0);
	unlink(path);
}

/* Both builds against the written-down answer. */
static void compare(size_t n, const struct expected *e)
{
	oracle_text(e);
	host_answer(n);
	assert_string_equal(got, expected);
	coldfire_answer(n);
	assert_string_equal(got, expected);
}

static void test_fixtures(void **state)
{
	(void)state;
	compare(fixture_load("mcf5208evb", blob, sizeof(blob)), &want_mcf5208evb);
	compare(fixture_load("mcf5208evb-reordered", blob, sizeof(blob)), &want_reordered);
	compare(fixture_load("nested", blob, sizeof(blob)), &want_nested);
}

/* A bad name offset (a warning), a smashed tag (BAD_IMAGE with a partial
 * table), and a short blob (BAD_LENGTH). */
static void test_corrupted(void **state)
{
	size_t n;
	int node, prop;
	struct fdt_property *p;

	(void)state;
	n = fixture_load("nested", blob, sizeof(blob));
	node = fdt_path_offset(blob, "/bus@f0000000/sub@8000");
	prop = fdt_first_property_offset(blob, node);
	p = (struct fdt_property *)fdt_get_property_by_offset(blob, prop, NULL);
	assert_non_null(p);
	p->nameoff = cpu_to_fdt32(0x7ffffff0);
	compare(n, &want_bad_name);
	n = fixture_load("nested", blob, sizeof(blob));
	node = fdt_path_offset(blob, "/bus@f0000000/i2c@9000");
	memset(blob + fdt_off_dt_struct(blob) + (size_t)node, 0xee, 4);
	compare(n, &want_bad_tag);
	compare(n / 2, &want_short);
}

/* 77 (skip) without qemu-m68k or with the cross builds off; a failure if
 * the cross builds are on and fdt_dump_cf was not built. */
static int cross_available(void)
{
	if (!KH_CROSS_ON) {
		printf("skip: KH_CROSS is off (no ColdFire build of the walker)\n");
		return SKIP_EXIT;
	}
	if (access(KH_QEMU_M68K, X_OK) != 0) {
		printf("skip: qemu-m68k not installed (qemu-user)\n");
		return SKIP_EXIT;
	}
	if (access(KH_FDT_DUMP_CF, X_OK) != 0) {
		printf("fail: %s not built (ColdFire sub-build)\n", KH_FDT_DUMP_CF);
		return 1;
	}
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixtures),
		cmocka_unit_test(test_corrupted),
	};
	int rc = cross_available();

	if (rc)
		return rc;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
