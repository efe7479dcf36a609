/*
 * barassign_place.c - BAR placement behind a q35 root port (pcisim):
 * fits, exact fit, does not fit (and its log line), a 256 MiB 64-bit
 * prefetchable BAR in a 512 MiB window, several devices next to one
 * already decoding, alignment, window fallbacks, I/O, bad arguments.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "fixtures.h"
#include "walk_util.h"
#include "pcihp_assign.h"
#include "pci_need.h"
#include "pcihp_bridge.h"

#define PORT_DEV  Q35_FIRST_PORT_DEV            /* 00:03.0, bus 1 */
#define MEM_BASE  (0xfe800000u - Q35_PORT_WINDOW)
#define PREF_BASE 0xfc000000u
#define MiB       (1ull << 20)

static struct pcisim sim;
PCI_WALK_RESULT(res, TEST_DEVICES, TEST_WARNINGS);
static struct pci_access acc;
PCIHP_SPACE(space, 256);
static struct pcihp_report rep;

static int setup(void **state)
{
	(void)state;
	fixture_q35(&sim);
	acc = pcisim_access(&sim);
	return 0;
}

static struct pcisim_fn *port_fn(void)
{
	return pcisim_find(&sim, 0, PORT_DEV, 0);
}

/* A device on bus 1 as hot-plug leaves it: BARs unassigned, decode off. */
static struct pcisim_fn *new_device(uint8_t fn, uint8_t header)
{
	struct pcisim_fn *f = pcisim_add(&sim, 1, 0, fn, 0x1af4, 0x1110, 0x050000, header);

	pcisim_command(f, 0);
	return f;
}

static uint16_t port_index(void)
{
	unsigned i;

	for (i = 0; i < res.ndev; i++)
		if (res.dev[i].bus == 0 && res.dev[i].dev == PORT_DEV)
			return (uint16_t)i;
	fail();
	return 0;
}

/* Walks, builds the space of port 0 and assigns the functions of bus 1
 * whose memory decode is off. */
static void walk_and_assign(unsigned expect_devs)
{
	struct pci_device *devs[PCIHP_MAX_DEVICES];
	unsigned i, n = 0;

	assert_int_equal(pci_walk(&acc, &res), STATUS_OK);
	assert_int_equal(pcihp_space_init(&space, &acc, &res, port_index()), STATUS_OK);
	for (i = 0; i < res.ndev; i++) {
		struct pcisim_fn *f = pcisim_find(&sim, res.dev[i].bus, res.dev[i].dev,
						  res.dev[i].fn);

		if (res.dev[i].bus == 1 && !(f->cfg[1] & 3))
			devs[n++] = &res.dev[i];
	}
	assert_int_equal(n, expect_devs);
	assert_int_equal(pcihp_assign(&space, &acc, devs, n, &rep), STATUS_OK);
	assert_int_equal(sim.decode_violations, 0);
	assert_int_equal(sim.stray_writes, 0);
}

static uint64_t sim_bar(uint8_t fn, unsigned i)
{
	struct pcisim_fn *f = pcisim_find(&sim, 1, 0, fn);
	uint64_t lo = f->cfg[4 + i] & ~0xfull;

	if ((f->cfg[4 + i] & 0x7) == 0x4)
		lo |= (uint64_t)f->cfg[5 + i] << 32;
	return lo;
}

static uint16_t sim_command(uint8_t fn)
{
	return (uint16_t)pcisim_find(&sim, 1, 0, fn)->cfg[1];
}

static void test_fits(void **state)
{
	struct pcisim_fn *f = new_device(0, 0);

	(void)state;
	pcisim_bar_mem32(f, 0, 0, 256, false);
	pcisim_bar_mem64(f, 2, 0, MiB, true);
	walk_and_assign(1);
	assert_int_equal(rep.n, 2);
	assert_int_equal(rep.nofit, 0);
	/* Largest first. */
	assert_int_equal(rep.p[0].index, 2);
	assert_int_equal(rep.p[0].window, PCIHP_WIN_PREF);
	assert_int_equal(sim_bar(0, 2), PREF_BASE);
	assert_int_equal(sim_bar(0, 0), MEM_BASE);
	assert_int_equal(sim_command(0) & 7, 0x6);     /* memory + bus master */
	/* A later walk sees what was programmed. */
	assert_int_equal(pci_walk(&acc, &res), STATUS_OK);
	assert_int_equal(find_bar(find_dev(&res, 1, 0, 0), 2)->addr, PREF_BASE);
}

static void test_exact_fit(void **state)
{
	struct pcisim_fn *f = new_device(0, 0);

	(void)state;
	pcisim_bar_mem64(f, 0, 0, Q35_PORT_WINDOW, true);
	pcisim_bar_mem32(f, 2, 0, Q35_PORT_WINDOW, false);
	walk_and_assign(1);
	assert_int_equal(rep.nofit, 0);
	assert_int_equal(sim_bar(0, 0), PREF_BASE);
	assert_int_equal(sim_bar(0, 2), MEM_BASE);
}

static void test_does_not_fit(void **state)
{
	struct pcisim_fn *f = new_device(0, 0);
	char line[160];
	size_t len;

	(void)state;
	pcisim_bar_mem32(f, 0, 0, 4096, false);
	pcisim_bar_mem64(f, 2, 0, 4 * MiB, true);     /* windows are 2 MiB */
	walk_and_assign(1);
	assert_int_equal(rep.nofit, 1);
	assert_int_equal(rep.p[0].index, 2);
	assert_int_equal(rep.p[0].st, STATUS_NO_MEMORY);
	assert_int_equal(rep.p[1].st, STATUS_OK);
	/* Memory decode stays off: BAR2 still reads 0 and would decode there. */
	assert_int_equal(sim_command(0) & 3, 0);
	assert_int_equal(sim_bar(0, 2), 0);
	assert_int_equal(pcihp_format_nofit(&space, find_dev(&res, 1, 0, 0), &rep.p[0],
					  line, sizeof(line), &len), STATUS_OK);
	assert_string_equal(line, "devdisc: nofit dev=01:00.0 bar=2 size=4194304 "
			    "window=pref base=0xfc000000 limit=0xfc1fffff\n");
	assert_int_equal(len, strlen(line));
	assert_int_equal(pcihp_format_nofit(&space, find_dev(&res, 1, 0, 0), &rep.p[0],
					  line, 10, &len), STATUS_SHORT_BUFFER);
	assert_string_equal(line, "");
}

/* A 32-bit prefetchable BAR too big for both windows, the prefetchable one
 * above 4 GiB: the nofit line names the memory window it could use, and
 * the device (decode off) is not mappable, so not in need. */
static void test_nofit_names_usable_window(void **state)
{
	struct pcisim_fn *f = new_device(0, 0);
	const struct pci_device *d;
	char line[160];
	size_t len;

	(void)state;
	pcisim_pref_window(port_fn(), 0x800000000ull, 0x800000000ull + 512 * MiB - 1);
	pcisim_bar_mem32(f, 0, 0, 4096, false);
	pcisim_bar_mem32(f, 1, 0, 4 * MiB, true);
	walk_and_assign(1);
	assert_int_equal(rep.nofit, 1);
	assert_int_equal(rep.p[0].window, PCIHP_WIN_MEM);
	assert_int_equal(pcihp_format_nofit(&space, find_dev(&res, 1, 0, 0), &rep.p[0],
					  line, sizeof(line), &len), STATUS_OK);
	assert_non_null(strstr(line, " window=mem "));
	d = find_dev(&res, 1, 0, 0);
	assert_int_equal(d->command & PCI_COMMAND_MEM, 0);
	assert_false(pci_bar_mappable(d, find_bar(d, 0)));
}

/* A bridge hot-plugged below the port (no device behind it yet): its own
 * BAR placed first, then the bus numbers below the port's secondary bus
 * and windows from the next 1 MiB boundary to the port's window ends. */
static void test_hotplugged_bridge_opened(void **state)
{
	struct pcisim_fn *br = new_device(0, 1);
	struct pci_device *d;

	(void)state;
	pcisim_buses(port_fn(), 0, 1, 3);
	pcisim_pref_window(port_fn(), 0x800000000ull, 0x800000000ull + 512 * MiB - 1);
	pcisim_bar_mem32(br, 0, 0, 256, false);
	walk_and_assign(1);
	d = (struct pci_device *)find_dev(&res, 1, 0, 0);
	assert_int_equal(rep.nofit, 0);
	assert_int_equal(pcihp_bridge_open(&space, &acc, &res.dev[port_index()], d), STATUS_OK);
	assert_int_equal(br->cfg[6] & 0xffffffu, 0x030201u);      /* sub 3, sec 2, pri 1 */
	assert_int_equal(d->nwindows, 2);
	assert_int_equal(d->window[0].base, MEM_BASE + MiB);     /* BAR0 in the first MiB */
	assert_int_equal(d->window[0].limit, MEM_BASE + Q35_PORT_WINDOW - 1);
	assert_int_equal(d->window[1].base, 0x800000000ull);
	assert_int_equal(sim_command(0) & 6, 6);                  /* memory + bus master */
	/* The next walk goes below it and sees the windows it was given. */
	assert_int_equal(pci_walk(&acc, &res), STATUS_OK);
	d = (struct pci_device *)find_dev(&res, 1, 0, 0);
	assert_int_equal(d->secondary, 2);
	assert_int_equal(d->nwindows, 2);
	/* No bus number left: nothing written. */
	pcisim_buses(port_fn(), 0, 1, 1);
	assert_int_equal(pci_walk(&acc, &res), STATUS_OK);
	d = (struct pci_device *)find_dev(&res, 1, 0, 0);
	assert_int_equal(pcihp_bridge_open(&space, &acc, &res.dev[port_index()], d), STATUS_NO_MEMORY);
}

static void test_256m_in_512m_pref(void **state)
{
	struct pcisim_fn *f = new_device(0, 0);

	(void)state;
	pcisim_pref_window(port_fn(), 0x800000000ull, 0x800000000ull + 512 * MiB - 1);
	pcisim_bar_mem32(f, 0, 0, 256, false);
	pcisim_bar_mem64(f, 2, 0, 256 * MiB, true);
	walk_and_assign(1);
	assert_int_equal(rep.nofit, 0);
	assert_int_equal(sim_bar(0, 2), 0x800000000ull);
	assert_int_equal(pcisim_find(&sim, 1, 0, 0)->cfg[7], 0x8);   /* high dword */
}

static bool overlaps(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	return a < b + bs && b < a + as;
}

/* Two new functions beside one that already decodes in the windows. */
static void test_several_devices(void **state)
{
	struct pcisim_fn *old = new_device(0, 0x80), *a = new_device(1, 0), *b = new_device(2, 0);
	uint64_t addr[5], size[5] = { 64 * 1024, 512 * 1024, 4096, 256 * 1024, 8192 };
	unsigned i, j;

	(void)state;
	pcisim_bar_mem32(old, 0, MEM_BASE + 0x10000, 64 * 1024, false);
	pcisim_command(old, 0x2);
	pcisim_bar_mem32(a, 0, 0, (uint32_t)size[1], false);
	pcisim_bar_mem32(a, 1, 0, (uint32_t)size[2], false);
	pcisim_bar_mem32(b, 0, 0, (uint32_t)size[3], false);
	pcisim_bar_mem32(b, 1, 0, (uint32_t)size[4], false);
	walk_and_assign(2);
	assert_int_equal(rep.nofit, 0);
	addr[0] = MEM_BASE + 0x10000;
	addr[1] = sim_bar(1, 0);
	addr[2] = sim_bar(1, 1);
	addr[3] = sim_bar(2, 0);
	addr[4] = sim_bar(2, 1);
	for (i = 0; i < 5; i++) {
		assert_int_equal(addr[i] % size[i], 0);
		assert_true(addr[i] >= MEM_BASE && addr[i] + size[i] <= MEM_BASE + Q35_PORT_WINDOW);
		for (j = 0; j < i; j++)
			assert_false(overlaps(addr[i], size[i], addr[j], size[j]));
	}
	assert_int_equal(sim_command(1) & 3, 2);
	assert_int_equal(sim_command(2) & 3, 2);
	assert_int_equal(sim.fn[sim.nfn - 3].cfg[4], MEM_BASE + 0x10000); /* untouched */
}

/* The used ranges live in the caller's storage, sized from the port:
 * init counts what the port's devices decode (here 6 BARs of 6 functions
 * already decoding) plus the placements an assignment may add, refuses
 * storage one short (nothing reserved), and takes storage of exactly
 * that size. */
static void test_used_storage_sized_from_port(void **state)
{
	PCIHP_SPACE(exact, 6 + PCIHP_MAX_PLACEMENTS);
	PCIHP_SPACE(short_one, 6 + PCIHP_MAX_PLACEMENTS - 1);
	struct pcihp_space none = { 0 };

	(void)state;
	for (uint8_t fn = 0; fn < 6; fn++) {
		struct pcisim_fn *f = new_device(fn, fn ? 0 : 0x80);
		pcisim_bar_mem32(f, 0, MEM_BASE + 0x10000u * (fn + 1u), 4096, false);
		pcisim_command(f, 0x2);
	}
	assert_int_equal(pci_walk(&acc, &res), STATUS_OK);
	assert_int_equal(pcihp_space_init(&short_one, &acc, &res, port_index()), STATUS_NO_MEMORY);
	assert_int_equal(short_one.wanted, 6 + PCIHP_MAX_PLACEMENTS);
	assert_int_equal(short_one.nused, 0);
	assert_int_equal(short_one.used_cap, 6 + PCIHP_MAX_PLACEMENTS - 1);
	assert_int_equal(pcihp_space_init(&none, &acc, &res, port_index()), STATUS_NO_MEMORY);
	assert_int_equal(pcihp_space_init(&exact, &acc, &res, port_index()), STATUS_OK);
	assert_int_equal(exact.nused, 6);
	for (unsigned i = 1; i < exact.nused; i++)
		assert_true(exact.used[i - 1].base < exact.used[i].base);
}

static void test_alignment_and_small_bars(void **state)
{
	struct pcisim_fn *f = new_device(0, 0);

	(void)state;
	/* The window starts 1 MiB-aligned but 4 KiB of it is taken. */
	pcisim_mem_window(port_fn(), MEM_BASE, MEM_BASE + Q35_PORT_WINDOW - 1);
	pcisim_bar_mem32(f, 0, 0, 16, false);
	pcisim_bar_mem32(f, 1, 0, 16, false);
	pcisim_bar_mem32(f, 2, 0, (uint32_t)MiB, false);
	walk_and_assign(1);
	assert_int_equal(sim_bar(0, 2), MEM_BASE);
	/* Tiny BARs still get a frame each, right after. */
	assert_int_equal(sim_bar(0, 0), MEM_BASE + MiB);
	assert_int_equal(sim_bar(0, 1), MEM_BASE + MiB + 4096);
}

static void test_fallbacks_and_io(void **state)
{
	struct pcisim_fn *f = new_device(0, 0);

	(void)state;
	/* Prefetchable window closed (base above limit): pref BARs fall back
	 * to the 32-bit memory window. */
	pcisim_pref_window(port_fn(), 0x100000, 0);
	pcisim_set16(port_fn(), 0x1c, 0x2010);         /* I/O 0x1000-0x2fff */
	pcisim_bar_mem64(f, 0, 0, MiB, true);
	pcisim_bar_io(f, 2, 0, 32);
	walk_and_assign(1);
	assert_int_equal(rep.nofit, 0);
	assert_int_equal(rep.p[0].window, PCIHP_WIN_MEM);
	assert_int_equal(sim_bar(0, 0), MEM_BASE);
	assert_int_equal(pcisim_find(&sim, 1, 0, 0)->cfg[6] & ~3u, 0x1000);
	assert_int_equal(sim_command(0) & 7, 7);
}

static void test_pref32_window_above_4g(void **state)
{
	struct pcisim_fn *f = new_device(0, 0);

	(void)state;
	pcisim_pref_window(port_fn(), 0x800000000ull, 0x800000000ull + 512 * MiB - 1);
	pcisim_bar_mem32(f, 0, 0, (uint32_t)MiB, true);   /* cannot go above 4 GiB */
	walk_and_assign(1);
	assert_int_equal(rep.p[0].window, PCIHP_WIN_MEM);
	assert_int_equal(sim_bar(0, 0), MEM_BASE);
}

static void test_bad_arguments(void **state)
{
	struct pci_device *devs[1], cardbus;
	unsigned long writes;

	(void)state;
	assert_int_equal(pci_walk(&acc, &res), STATUS_OK);
	assert_int_equal(pcihp_space_init(&space, &acc, &res, 0), STATUS_INVALID_ARGUMENT);
	assert_int_equal(pcihp_space_init(&space, &acc, &res, res.ndev), STATUS_INVALID_ARGUMENT);
	assert_int_equal(pcihp_space_init(&space, &acc, &res, port_index()), STATUS_OK);
	cardbus = res.dev[port_index()];
	cardbus.header_type = 2;                          /* not placeable */
	devs[0] = &cardbus;
	writes = sim.writes;
	assert_int_equal(pcihp_assign(&space, &acc, devs, 1, &rep), STATUS_INVALID_ARGUMENT);
	assert_int_equal(pcihp_assign(&space, &acc, devs, 0, &rep), STATUS_INVALID_ARGUMENT);
	assert_int_equal(sim.writes, writes);
	assert_int_equal(pcihp_space_reserve(&space, UINT64_MAX, 2), STATUS_INVALID_ARGUMENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_fits, setup),
		cmocka_unit_test_setup(test_exact_fit, setup),
		cmocka_unit_test_setup(test_does_not_fit, setup),
		cmocka_unit_test_setup(test_nofit_names_usable_window, setup),
		cmocka_unit_test_setup(test_hotplugged_bridge_opened, setup),
		cmocka_unit_test_setup(test_256m_in_512m_pref, setup),
		cmocka_unit_test_setup(test_several_devices, setup),
		cmocka_unit_test_setup(test_used_storage_sized_from_port, setup),
		cmocka_unit_test_setup(test_alignment_and_small_bars, setup),
		cmocka_unit_test_setup(test_fallbacks_and_io, setup),
		cmocka_unit_test_setup(test_pref32_window_above_4g, setup),
		cmocka_unit_test_setup(test_bad_arguments, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
