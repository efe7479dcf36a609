/*
 * fdt_fixture.c - loading dtc-built fixtures and building small trees
 * (fdt_fixture.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <cmocka.h>
#include <libfdt.h>

#include "fdt_fixture.h"

size_t fixture_load(const char *stem, void *buf, size_t cap)
{
	char path[512];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/%s.dtb", KH_FDT_DTB_DIR, stem);
	f = fopen(path, "rb");
	if (f == NULL)
		fail_msg("cannot open fixture %s", path);
	n = fread(buf, 1, cap, f);
	fclose(f);
	assert_true(n > 0 && n < cap);
	return n;
}

static void check(int err)
{
	if (err)
		fail_msg("libfdt sw: %s", fdt_strerror(err));
}

void sw_begin(void *buf, size_t cap, uint32_t addr_cells, uint32_t size_cells)
{
	check(fdt_create(buf, (int)cap));
	check(fdt_finish_reservemap(buf));
	check(fdt_begin_node(buf, ""));
	sw_u32(buf, "#address-cells", addr_cells);
	sw_u32(buf, "#size-cells", size_cells);
}

void sw_node(void *buf, const char *name)
{
	check(fdt_begin_node(buf, name));
}

void sw_end(void *buf)
{
	check(fdt_end_node(buf));
}

void sw_u32(void *buf, const char *prop, uint32_t v)
{
	check(fdt_property_u32(buf, prop, v));
}

void sw_prop(void *buf, const char *prop, const void *val, int len)
{
	check(fdt_property(buf, prop, val, len));
}

void sw_cells(void *buf, const char *prop, const uint32_t *cells, int n)
{
	fdt32_t be[16];

	assert_true(n <= 16);
	for (int i = 0; i < n; i++)
		be[i] = cpu_to_fdt32(cells[i]);
	sw_prop(buf, prop, be, n * 4);
}

void sw_string(void *buf, const char *prop, const char *s)
{
	check(fdt_property_string(buf, prop, s));
}

size_t sw_finish(void *buf)
{
	check(fdt_end_node(buf));
	check(fdt_finish(buf));
	return fdt_totalsize(buf);
}
