/*
 * devdisc_hostile.c - hostile hardware: each broken part is skipped with
 * the right warning, the rest of the machine is still found, registers of
 * sane devices are restored, and the walk ends within its bounds.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "fixtures.h"
#include "walk_util.h"

#define Q35_DEVICES 9

static struct pcisim sim, before;
PCI_WALK_RESULT(res, TEST_DEVICES, TEST_WARNINGS);

static void walk_sim(void)
{
	struct pci_access acc = pcisim_access(&sim);

	memcpy(&before, &sim, sizeof(sim));
	assert_int_equal(pci_walk(&acc, &res), STATUS_OK);
	assert_true(res.accesses <= PCI_MAX_ACCESSES);
	assert_int_equal(sim.stray_writes, 0);
	assert_int_equal(sim.decode_violations, 0);
}

/* Exactly one warning, `what` at 00:10.0 with `detail`. */
static void assert_one_warning(enum pci_warn_what what, uint32_t detail)
{
	assert_int_equal(res.nwarn, 1);
	assert_int_equal(res.warn[0].what, what);
	assert_true(res.warn[0].has_dev);
	assert_int_equal(res.warn[0].bus, 0);
	assert_int_equal(res.warn[0].dev, 0x10);
	assert_int_equal(res.warn[0].fn, 0);
	assert_int_equal(res.warn[0].detail, detail);
}

/* The q35 machine around the hostile part is intact. */
static void assert_rest_found(unsigned extra)
{
	assert_int_equal(res.ndev, Q35_DEVICES + extra);
	assert_non_null(find_dev(&res, 0, 1, 0));
	assert_non_null(find_dev(&res, 0, 0x1f, 3));
	assert_int_equal(find_dev(&res, 0, 1, 0)->nbars, 3);
	assert_int_equal(res.truncated, 0);
}

static void test_capability_loop(void **state)
{
	const struct pci_device *d;

	(void)state;
	fixture_q35(&sim);
	hostile_cap_loop(&sim);
	walk_sim();
	assert_one_warning(PCI_WARN_CAP_LOOP, 0x40);
	assert_rest_found(1);
	d = find_dev(&res, 0, 0x10, 0);
	assert_int_equal(d->nbars, 1);          /* the device itself is kept */
	assert_true(pcisim_same_config(&sim, &before));
}

static void test_capability_pointer_into_header(void **state)
{
	(void)state;
	fixture_q35(&sim);
	hostile_cap_bad_pointer(&sim);
	walk_sim();
	assert_one_warning(PCI_WARN_BAD_CAP_POINTER, 0x20);
	assert_rest_found(1);
}

static void test_bus_pointing_back_up(void **state)
{
	(void)state;
	fixture_q35(&sim);
	hostile_bus_back_up(&sim);
	walk_sim();
	assert_one_warning(PCI_WARN_BUS_LOOP, 0);
	assert_rest_found(1);
	assert_int_equal(res.nbuses, 1 + Q35_ROOT_PORTS);
}

static void test_bus_already_visited(void **state)
{
	(void)state;
	fixture_q35_ivshmem(&sim, 0, 1u << 20, 0xfc000000u);
	hostile_bus_revisit(&sim);
	walk_sim();
	assert_one_warning(PCI_WARN_BUS_REVISIT, 1);
	/* bus 1 was walked once: the ivshmem behind port 1 appears once */
	assert_int_equal(res.ndev, Q35_DEVICES + 2);
	assert_int_equal(res.nbuses, 1 + Q35_ROOT_PORTS);
}

static void test_bar_non_contiguous_mask(void **state)
{
	const struct pci_device *d;

	(void)state;
	fixture_q35(&sim);
	hostile_bar_noncontiguous(&sim);
	walk_sim();
	assert_one_warning(PCI_WARN_BAD_BAR_SIZE, 0);
	assert_rest_found(1);
	d = find_dev(&res, 0, 0x10, 0);
	assert_int_equal(d->nbars, 1);
	assert_int_equal(d->bar[0].index, 1);
	assert_true(pcisim_same_config(&sim, &before));
}

static void test_bar64_in_last_slot(void **state)
{
	(void)state;
	fixture_q35(&sim);
	hostile_bar64_last_slot(&sim);
	walk_sim();
	assert_one_warning(PCI_WARN_BAR64_LAST_SLOT, 5);
	assert_rest_found(1);
	assert_int_equal(find_dev(&res, 0, 0x10, 0)->nbars, 1);
	assert_true(pcisim_same_config(&sim, &before));
}

static void test_bar_larger_than_address_space(void **state)
{
	(void)state;
	fixture_q35(&sim);
	hostile_bar_too_large(&sim);
	walk_sim();
	assert_int_equal(res.nwarn, 2);
	assert_int_equal(res.warn[0].what, PCI_WARN_BAR_TOO_LARGE);
	assert_int_equal(res.warn[0].detail, 2);
	assert_int_equal(res.warn[1].what, PCI_WARN_BAR_TOO_LARGE);
	assert_int_equal(res.warn[1].detail, 4);
	assert_rest_found(1);
	assert_int_equal(find_dev(&res, 0, 0x10, 0)->nbars, 1);
}

static void test_bar_reserved_type(void **state)
{
	(void)state;
	fixture_q35(&sim);
	hostile_bar_bad_type(&sim);
	walk_sim();
	assert_one_warning(PCI_WARN_BAD_BAR_TYPE, 0);
	assert_rest_found(1);
}

static void test_vendor_ffff(void **state)
{
	(void)state;
	fixture_q35(&sim);
	hostile_bad_vendor(&sim);
	walk_sim();
	assert_one_warning(PCI_WARN_BAD_VENDOR, 0x1234);
	assert_rest_found(0);
}

static void test_header_type_out_of_range(void **state)
{
	(void)state;
	fixture_q35(&sim);
	hostile_header_type(&sim);
	walk_sim();
	assert_one_warning(PCI_WARN_BAD_HEADER_TYPE, 0x7f);
	assert_rest_found(0);
}

/* The device turns to all ones after k reads, for every k: either it is
 * found whole, or it is dropped with one `vanished` warning (k = 0: it
 * was never there).  Nothing else changes. */
static void test_vanishing_at_every_read(void **state)
{
	int32_t k;
	bool seen_whole = false;

	(void)state;
	for (k = 0; k < 64; k++) {
		const struct pci_device *d;

		fixture_q35(&sim);
		hostile_vanishing(&sim, k);
		walk_sim();
		d = find_dev(&res, 0, 0x10, 0);
		if (d) {
			assert_int_equal(res.nwarn, 0);
			assert_int_equal(d->nbars, 1);
			assert_int_equal(d->bar[0].size, 4096);
			seen_whole = true;
		} else if (k == 0) {
			assert_int_equal(res.nwarn, 0);
		} else {
			assert_one_warning(PCI_WARN_VANISHED, 0x10001af4u);
		}
		assert_rest_found(d != NULL);
	}
	assert_true(seen_whole);
}

static void test_too_many_devices(void **state)
{
	(void)state;
	hostile_many_devices(&sim, TEST_DEVICES + 6);
	walk_sim();
	assert_int_equal(res.ndev, TEST_DEVICES);
	assert_true(res.truncated & PCI_TRUNC_DEVICES);
	assert_int_equal(count_warnings(&res, PCI_WARN_TRUNCATED_DEVICES), 1);
	assert_false(res.warn[res.nwarn - 1].has_dev);
}

static void test_exactly_full_is_not_truncated(void **state)
{
	(void)state;
	hostile_many_devices(&sim, TEST_DEVICES);
	walk_sim();
	assert_int_equal(res.ndev, TEST_DEVICES);
	assert_int_equal(res.truncated, 0);
	assert_int_equal(res.nwarn, 0);
}

/* The deepest chain PCI can address: 255 bridges, every bus number in
 * use.  The bus stack covers it: nothing truncated. */
static void test_every_bus_number(void **state)
{
	static struct pci_device devs[256];
	struct pci_walk_result kept = res;
	unsigned i, deepest = 0;

	(void)state;
	pci_walk_result_init(&res, devs, 256, kept.warn, kept.warn_cap);
	hostile_deep_bridges(&sim, 255);
	walk_sim();
	assert_int_equal(res.nbuses, PCI_MAX_BUSES);
	assert_int_equal(res.ndev, 255);
	assert_int_equal(res.truncated, 0);
	assert_int_equal(count_warnings(&res, PCI_WARN_TRUNCATED_BUSES), 0);
	for (i = 0; i < res.ndev; i++)
		deepest = res.dev[i].depth > deepest ? res.dev[i].depth : deepest;
	assert_int_equal(deepest, 254);
	res = kept;
}

/* More warnings than the table holds: counted, and the walk-wide
 * truncation warning still has its place. */
static void test_warning_overflow(void **state)
{
	unsigned i, bad = 0;

	(void)state;
	hostile_many_devices(&sim, PCISIM_MAX_FNS);
	for (i = 0; i < sim.nfn && bad < 40; i++) {
		if (sim.fn[i].fn == 0)
			continue;       /* function 0 keeps the slot walked */
		sim.fn[i].cfg[0] = 0x1234ffffu;
		bad++;
	}
	assert_true(sim.nfn - bad > TEST_DEVICES);
	walk_sim();
	assert_int_equal(res.nwarn, TEST_WARNINGS - 1);
	assert_int_equal(res.warn_dropped, 40 - (TEST_WARNINGS - 2));
	assert_true(res.truncated & PCI_TRUNC_WARNINGS);
	assert_true(res.truncated & PCI_TRUNC_DEVICES);
	assert_int_equal(res.warn[res.nwarn - 1].what, PCI_WARN_TRUNCATED_DEVICES);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_capability_loop),
		cmocka_unit_test(test_capability_pointer_into_header),
		cmocka_unit_test(test_bus_pointing_back_up),
		cmocka_unit_test(test_bus_already_visited),
		cmocka_unit_test(test_bar_non_contiguous_mask),
		cmocka_unit_test(test_bar64_in_last_slot),
		cmocka_unit_test(test_bar_larger_than_address_space),
		cmocka_unit_test(test_bar_reserved_type),
		cmocka_unit_test(test_vendor_ffff),
		cmocka_unit_test(test_header_type_out_of_range),
		cmocka_unit_test(test_vanishing_at_every_read),
		cmocka_unit_test(test_too_many_devices),
		cmocka_unit_test(test_exactly_full_is_not_truncated),
		cmocka_unit_test(test_every_bus_number),
		cmocka_unit_test(test_warning_overflow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
