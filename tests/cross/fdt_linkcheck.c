/*
 * fdt_linkcheck.c - a ColdFire program that only proves libfdt and
 * devdisc's FDT walker link freestanding (tests/cross/CMakeLists.txt): any
 * symbol they need and nobody defines (a libc or libgcc routine) fails
 * this link.  It is built, never run.
 */
#include <libfdt.h>

#include "fdtw_walk.h"
#include "fdtw_need.h"
#include "fdtw_log.h"

static uint8_t tree[128] __attribute__((aligned(8)));
FDTW_RESULT(walk, 8, 16);
static char text[256];

void _start(void);

void _start(void)
{
	volatile uint64_t sink;
	uint32_t need = 0;
	size_t len;
	int depth = 0;

	sink = (uint64_t)fdt_create_empty_tree(tree, sizeof(tree));
	sink = (uint64_t)fdt_check_header(tree);
	sink = (uint64_t)fdt_next_node(tree, -1, &depth);
	sink = fdtw_walk(tree, sizeof(tree), &walk);
	sink = fdtw_need(&walk, &need);
	sink = fdtw_fingerprint(&walk);
	sink = fdtw_format_walk(&walk, text, sizeof(text), &len);
	(void)sink;
	for (;;)
		;
}
