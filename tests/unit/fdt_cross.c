/*
 * fdt_cross.c - the ColdFire (big-endian) build of the FDT walker, run as
 * tests/cross/fdt_dump_cf under qemu-m68k, must print exactly what
 * the host build finds: status, log lines, need and fingerprint, for each
 * fixture and for corrupted ones.  Skipped without qemu-m68k or the cross
 * builds.
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

static _Alignas(8) uint8_t blob[FIXTURE_CAP];
static struct fdtw_result res;
static char expected[64 * 1024], got[64 * 1024], text[64 * 1024];

/* The host's answer in fdt_dump_cf's format. */
static void host_answer(size_t n)
{
	enum status st = fdtw_walk(blob, n, &res);
	size_t len = 0, at;
	uint32_t need = 0;

	at = (size_t)snprintf(expected, sizeof(expected), "status=%s\n",
			      status_name(st));
	if (st != STATUS_OK && st != STATUS_BAD_IMAGE)
		return;
	assert_int_equal(fdtw_format_walk(&res, text, sizeof(text), &len), STATUS_OK);
	(void)fdtw_need(&res, &need);
	snprintf(expected + at, sizeof(expected) - at,
		 "%sneed=%u fingerprint=%016" PRIx64 "\n", text, need,
		 fdtw_fingerprint(&res));
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

static void compare(size_t n)
{
	host_answer(n);
	coldfire_answer(n);
	assert_string_equal(got, expected);
}

static void skip_unless_cross(void)
{
	if (!KH_CROSS_ON || access(KH_QEMU_M68K, X_OK) != 0 ||
	    access(KH_FDT_DUMP_CF, X_OK) != 0)
		skip();
}

static void test_fixtures(void **state)
{
	const char *stems[] = { "mcf5208evb", "mcf5208evb-reordered", "nested" };

	(void)state;
	skip_unless_cross();
	for (size_t i = 0; i < sizeof(stems) / sizeof(stems[0]); i++)
		compare(fixture_load(stems[i], blob, sizeof(blob)));
}

/* A bad name offset (a warning), a smashed tag (BAD_IMAGE with a partial
 * table), and a short blob (BAD_LENGTH). */
static void test_corrupted(void **state)
{
	size_t n;
	int node, prop;
	struct fdt_property *p;

	(void)state;
	skip_unless_cross();
	n = fixture_load("nested", blob, sizeof(blob));
	node = fdt_path_offset(blob, "/bus@f0000000/sub@8000");
	prop = fdt_first_property_offset(blob, node);
	p = (struct fdt_property *)fdt_get_property_by_offset(blob, prop, NULL);
	assert_non_null(p);
	p->nameoff = cpu_to_fdt32(0x7ffffff0);
	compare(n);
	n = fixture_load("nested", blob, sizeof(blob));
	node = fdt_path_offset(blob, "/bus@f0000000/i2c@9000");
	memset(blob + fdt_off_dt_struct(blob) + (size_t)node, 0xee, 4);
	compare(n);
	compare(n / 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixtures),
		cmocka_unit_test(test_corrupted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
