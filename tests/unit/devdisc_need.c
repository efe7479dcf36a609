/*
 * devdisc_need.c - need (frames + hot-plug reserve), the device
 * configuration fingerprint, and the devdisc log lines.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "pci_need.h"
#include "pci_log.h"
#include "line_settled.h"
#include "fixtures.h"
#include "walk_util.h"

#define KIB 1024u
#define MIB (1024u * 1024u)

static struct pcisim sim;
PCI_WALK_RESULT(res, TEST_DEVICES, TEST_WARNINGS);

static void walk_sim(void)
{
	struct pci_access acc = pcisim_access(&sim);

	assert_int_equal(pci_walk(&acc, &res), STATUS_OK);
}

static uint64_t fingerprint_of_sim(void)
{
	walk_sim();
	return pci_fingerprint(&res);
}

static void test_region_frames_round_up(void **state)
{
	(void)state;
	assert_int_equal(pci_region_frames(0), 0);
	assert_int_equal(pci_region_frames(1), 1);
	assert_int_equal(pci_region_frames(256), 1);
	assert_int_equal(pci_region_frames(4096), 1);
	assert_int_equal(pci_region_frames(4097), 2);
	assert_int_equal(pci_region_frames(1ull << 40), 1ull << 28);
}

/* Memory BARs of the q35 fixture, each rounded up on its own; I/O BARs
 * and ROMs take no frame. */
static void test_need_q35(void **state)
{
	uint32_t frames = 0;
	uint32_t bars = pci_region_frames(16 * MIB) + 1        /* VGA */
		      + 2 * pci_region_frames(128 * KIB)        /* e1000e */
		      + pci_region_frames(16 * KIB)
		      + Q35_ROOT_PORTS * 1                          /* MSI-X */
		      + 1;                                          /* AHCI */

	(void)state;
	fixture_q35(&sim);
	walk_sim();
	assert_int_equal(pci_hotplug_slots(&res), Q35_ROOT_PORTS);
	assert_int_equal(pci_need(&res, 0, &frames), STATUS_OK);
	assert_int_equal(frames, bars);
	assert_int_equal(pci_need(&res, 512, &frames), STATUS_OK);
	assert_int_equal(frames, bars + Q35_ROOT_PORTS * 512);
}

static void test_need_grows_with_hotplugged_device(void **state)
{
	uint32_t base, with_shm;

	(void)state;
	fixture_q35(&sim);
	walk_sim();
	assert_int_equal(pci_need(&res, 64, &base), STATUS_OK);
	fixture_q35_ivshmem(&sim, 2, 256 * MIB, 0x1000000000ull);
	walk_sim();
	assert_int_equal(pci_need(&res, 64, &with_shm), STATUS_OK);
	/* 256 B of registers -> 1 frame, 256 MiB -> 65536 frames */
	assert_int_equal(with_shm - base, 1 + 65536);
}

static void test_need_ignores_io_and_rom(void **state)
{
	uint32_t frames;

	(void)state;
	fixture_cardbus(&sim);
	walk_sim();
	/* socket registers 4 KiB + the card's 256 B; its I/O BAR is free */
	assert_int_equal(pci_need(&res, 100, &frames), STATUS_OK);
	assert_int_equal(frames, 2);
}

/* An empty result over the test's tables. */
static void reset_result(void)
{
	memset(res_devs, 0, sizeof(res_devs));
	pci_walk_result_init(&res, res_devs, TEST_DEVICES, res_warns, TEST_WARNINGS);
}

static void test_need_overflow_and_arguments(void **state)
{
	uint32_t frames = 77;
	unsigned i;

	(void)state;
	reset_result();
	res.ndev = 2;
	for (i = 0; i < 2; i++) {
		res.dev[i].nbars = 1;
		res.dev[i].bar[0].kind = PCI_BAR_MEM64;
		res.dev[i].bar[0].size = 1ull << 43;      /* 2^31 frames each */
		res.dev[i].bar[0].addr = (uint64_t)(i + 1) << 44;
		res.dev[i].command = PCI_COMMAND_MEM;
	}
	assert_int_equal(pci_need(&res, 0, &frames), STATUS_OUT_OF_RANGE);
	assert_int_equal(frames, 77);
	res.ndev = 1;
	assert_int_equal(pci_need(&res, 0, &frames), STATUS_OK);
	assert_int_equal(frames, 1u << 31);
	assert_int_equal(pci_need(NULL, 0, &frames), STATUS_INVALID_ARGUMENT);
	assert_int_equal(pci_need(&res, 0, NULL), STATUS_INVALID_ARGUMENT);
	res.ndev = TEST_DEVICES + 1;
	assert_int_equal(pci_need(&res, 0, &frames), STATUS_INVALID_ARGUMENT);
}

/* Need counts what can be mapped: a BAR without an address (nofit, or
 * firmware gave it none) or on a device whose memory decode is off adds
 * nothing, so it cannot make the pool grow for nothing. */
static void test_need_counts_only_mappable_bars(void **state)
{
	uint32_t frames = 0;

	(void)state;
	reset_result();
	res.ndev = 1;
	res.dev[0].nbars = 2;
	res.dev[0].command = PCI_COMMAND_MEM;
	res.dev[0].bar[0] = (struct pci_bar){ .addr = 0xfe000000u, .size = 8192,
					      .kind = PCI_BAR_MEM32 };
	res.dev[0].bar[1] = (struct pci_bar){ .addr = 0, .size = 1u << 20, .index = 2,
					      .kind = PCI_BAR_MEM64, .pref = true };
	assert_int_equal(pci_need(&res, 0, &frames), STATUS_OK);
	assert_int_equal(frames, 2);
	assert_false(pci_bar_mappable(&res.dev[0], &res.dev[0].bar[1]));
	res.dev[0].command = PCI_COMMAND_IO;
	assert_int_equal(pci_need(&res, 0, &frames), STATUS_OK);
	assert_int_equal(frames, 0);
	assert_false(pci_bar_mappable(&res.dev[0], &res.dev[0].bar[0]));
}

static void test_fingerprint_ignores_addresses(void **state)
{
	uint64_t a, b, c;

	(void)state;
	fixture_q35_ivshmem(&sim, 1, 64 * MIB, 0x1000000000ull);
	a = fingerprint_of_sim();
	assert_int_equal(fingerprint_of_sim(), a);
	fixture_q35_ivshmem(&sim, 1, 64 * MIB, 0x2000000000ull);
	b = fingerprint_of_sim();
	fixture_q35_ivshmem(&sim, 1, 64 * MIB, 0x1000000000ull);
	fixture_shift_addresses(&sim, 0x01000000u);
	c = fingerprint_of_sim();
	assert_int_equal(find_bar(find_dev(&res, 0, 1, 0), 0)->addr, 0xfe000000u);
	assert_int_equal(a, b);
	assert_int_equal(a, c);
}

static void test_fingerprint_changes_with_devices(void **state)
{
	uint64_t plain, on_port0, on_port1, bigger;

	(void)state;
	fixture_q35(&sim);
	plain = fingerprint_of_sim();
	fixture_q35_ivshmem(&sim, 0, 64 * MIB, 0x1000000000ull);
	on_port0 = fingerprint_of_sim();
	fixture_q35_ivshmem(&sim, 1, 64 * MIB, 0x1000000000ull);
	on_port1 = fingerprint_of_sim();
	fixture_q35_ivshmem(&sim, 1, 128 * MIB, 0x1000000000ull);
	bigger = fingerprint_of_sim();
	assert_int_not_equal(plain, on_port0);
	assert_int_not_equal(on_port0, on_port1);
	assert_int_not_equal(on_port1, bigger);
	assert_int_not_equal(plain, bigger);
}

/* Renumbers buses 1..3 of the nested fixture to 5..7, as firmware with
 * another bus under 00:01.0 would. */
static void renumber_nested_buses(struct pcisim *s)
{
	unsigned i;

	for (i = 0; i < s->nfn; i++) {
		struct pcisim_fn *f = &s->fn[i];

		if (f->bus > 0)
			f->bus = (uint8_t)(f->bus + 4);
		if (((f->cfg[3] >> 16) & 0x7f) == 1)
			pcisim_buses(f, f->bus, (uint8_t)(((f->cfg[6] >> 8) & 0xff) + 4),
				     (uint8_t)(((f->cfg[6] >> 16) & 0xff) + 4));
	}
}

static void test_fingerprint_ignores_bus_numbers(void **state)
{
	uint64_t a;

	(void)state;
	fixture_nested(&sim);
	a = fingerprint_of_sim();
	renumber_nested_buses(&sim);
	walk_sim();
	assert_non_null(find_dev(&res, 7, 0, 0));
	assert_int_equal(res.ndev, 8);
	assert_int_equal(pci_fingerprint(&res), a);
}

static void test_format_q35_lines(void **state)
{
	static char buf[8192];
	size_t len = 0;
	const char *p;
	unsigned found = 0;

	(void)state;
	fixture_q35(&sim);
	walk_sim();
	assert_int_equal(pci_format_walk(&res, buf, sizeof(buf), &len), STATUS_OK);
	assert_int_equal(strlen(buf), len);
	assert_non_null(strstr(buf, "devdisc: found dev=00:01.0 vendor=1234 device=1111"
				    " class=030000 header=0 depth=0 bars=3\n"));
	assert_non_null(strstr(buf, "devdisc: bar dev=00:01.0 index=0 addr=0xfd000000"
				    " size=16777216 kind=mem32 pref=1\n"));
	assert_non_null(strstr(buf, "devdisc: bar dev=00:01.0 index=6 addr=0xfebc0000"
				    " size=65536 kind=rom pref=0\n"));
	assert_non_null(strstr(buf, "devdisc: bar dev=00:02.0 index=2 addr=0xc040"
				    " size=32 kind=io pref=0\n"));
	assert_non_null(strstr(buf, "devdisc: found dev=00:04.0 vendor=1b36 device=000c"
				    " class=060400 header=1 depth=0 bars=1 secondary=2"
				    " subordinate=2 slot=2 hotplug=1\n"));
	assert_non_null(strstr(buf, "devdisc: window dev=00:03.0 kind=mem base=0xfe600000"
				    " limit=0xfe7fffff\n"));
	assert_non_null(strstr(buf, "devdisc: found dev=00:1f.3 vendor=8086 device=2930"
				    " class=0c0500"));
	for (p = buf; (p = strstr(p, "devdisc: found ")) != NULL; p++)
		found++;
	assert_int_equal(found, res.ndev);
	assert_null(strstr(buf, "warning"));
}

static void test_format_short_buffer(void **state)
{
	char small[64] = "untouched";
	static char big[8192];
	size_t need = 0, len = 0;

	(void)state;
	fixture_q35(&sim);
	walk_sim();
	assert_int_equal(pci_format_walk(&res, small, sizeof(small), &need),
			 STATUS_SHORT_BUFFER);
	assert_string_equal(small, "");
	assert_true(need > sizeof(small));
	assert_int_equal(pci_format_walk(&res, big, need, &len), STATUS_SHORT_BUFFER);
	assert_int_equal(pci_format_walk(&res, big, need + 1, &len), STATUS_OK);
	assert_int_equal(len, need);
	assert_int_equal(pci_format_walk(&res, NULL, 0, &len), STATUS_SHORT_BUFFER);
	assert_int_equal(len, need);
	assert_int_equal(pci_format_walk(NULL, big, sizeof(big), &len),
			 STATUS_INVALID_ARGUMENT);
}

static void test_format_warnings_and_settled(void **state)
{
	char buf[512], expect[128];
	size_t len;

	(void)state;
	fixture_q35(&sim);
	hostile_cap_loop(&sim);
	walk_sim();
	assert_int_equal(pci_format_warning(&res.warn[0], buf, sizeof(buf), &len),
			 STATUS_OK);
	assert_string_equal(buf, "devdisc: warning dev=00:10.0 what=cap-loop detail=64\n");
	hostile_many_devices(&sim, TEST_DEVICES + 1);
	walk_sim();
	assert_int_equal(pci_format_walk(&res, NULL, 0, &len), STATUS_SHORT_BUFFER);
	assert_int_equal(pci_format_warning(&res.warn[0], buf, sizeof(buf), &len),
			 STATUS_OK);
	assert_string_equal(buf, "devdisc: warning dev=none what=truncated-devices detail=192\n");
	assert_int_equal(line_format_settled(4169, 8192, 4169, 256, 0x00c0ffee12345678ull,
						buf, sizeof(buf), &len), STATUS_OK);
	snprintf(expect, sizeof(expect), "devdisc: settled need=%u pool=%u used=%u keep=%u"
		 " fingerprint=%016llx\n", 4169u, 8192u, 4169u, 256u, 0x00c0ffee12345678ull);
	assert_string_equal(buf, expect);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_region_frames_round_up),
		cmocka_unit_test(test_need_q35),
		cmocka_unit_test(test_need_grows_with_hotplugged_device),
		cmocka_unit_test(test_need_ignores_io_and_rom),
		cmocka_unit_test(test_need_overflow_and_arguments),
		cmocka_unit_test(test_need_counts_only_mappable_bars),
		cmocka_unit_test(test_fingerprint_ignores_addresses),
		cmocka_unit_test(test_fingerprint_changes_with_devices),
		cmocka_unit_test(test_fingerprint_ignores_bus_numbers),
		cmocka_unit_test(test_format_q35_lines),
		cmocka_unit_test(test_format_short_buffer),
		cmocka_unit_test(test_format_warnings_and_settled),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
