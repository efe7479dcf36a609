/*
 * fdt_fixture.h - DTB fixtures for the FDT walker tests: the dtc-built
 * blobs of tests/fixtures/fdt/ and small trees built in the test with
 * libfdt's sequential-write API.
 */
#ifndef FDT_FIXTURE_H
#define FDT_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#define FIXTURE_CAP (1024 * 1024)

/* Reads KH_FDT_DTB_DIR/<stem>.dtb into buf (cap bytes); returns its size
 * (the test fails if it cannot). */
size_t fixture_load(const char *stem, void *buf, size_t cap);

/* Sequential-write helpers over libfdt; each fails the test on error. */
void sw_begin(void *buf, size_t cap, uint32_t addr_cells, uint32_t size_cells);
void sw_node(void *buf, const char *name);
void sw_end(void *buf);
void sw_u32(void *buf, const char *prop, uint32_t v);
void sw_prop(void *buf, const char *prop, const void *val, int len);
void sw_cells(void *buf, const char *prop, const uint32_t *cells, int n);
void sw_string(void *buf, const char *prop, const char *s);
/* Ends the root node and finishes the blob; returns totalsize. */
size_t sw_finish(void *buf);

#endif
