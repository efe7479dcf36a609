/*
 * devdisc_walk.c - the PCI walker on sane machines: the q35 default
 * machine, nested bridges, a CardBus bridge with a card behind it, 64-bit
 * prefetchable BARs; sizing restores every register it touched.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "fixtures.h"
#include "walk_util.h"

static struct pcisim sim, before;
PCI_WALK_RESULT(res, TEST_DEVICES, TEST_WARNINGS);

/* Walks `sim`, checking what every walk must: OK, no stray or
 * decode-on BAR writes, every register as it was. */
static void walk_sim(void)
{
	struct pci_access acc = pcisim_access(&sim);

	memcpy(&before, &sim, sizeof(sim));
	assert_int_equal(pci_walk(&acc, &res), STATUS_OK);
	assert_int_equal(sim.stray_writes, 0);
	assert_int_equal(sim.decode_violations, 0);
	assert_true(pcisim_same_config(&sim, &before));
	assert_true(res.accesses <= PCI_MAX_ACCESSES);
	assert_int_equal(res.accesses, sim.reads + sim.writes);
}

struct expect_dev {
	uint8_t bus, dev, fn, header, depth;
	uint16_t vendor, device;
	uint32_t class_code;
};

static void assert_devices(const struct expect_dev *e, unsigned n)
{
	unsigned i;

	assert_int_equal(res.ndev, n);
	for (i = 0; i < n; i++) {
		const struct pci_device *d = &res.dev[i];

		assert_int_equal(d->bus, e[i].bus);
		assert_int_equal(d->dev, e[i].dev);
		assert_int_equal(d->fn, e[i].fn);
		assert_int_equal(d->vendor, e[i].vendor);
		assert_int_equal(d->device, e[i].device);
		assert_int_equal(d->class_code, e[i].class_code);
		assert_int_equal(d->header_type, e[i].header);
		assert_int_equal(d->depth, e[i].depth);
	}
}

static void assert_bar(const struct pci_device *d, unsigned index,
		       enum pci_bar_kind kind, uint64_t addr, uint64_t size, bool pref)
{
	const struct pci_bar *b = find_bar(d, index);

	assert_non_null(b);
	assert_int_equal(b->kind, kind);
	assert_int_equal(b->addr, addr);
	assert_int_equal(b->size, size);
	assert_int_equal(b->pref, pref);
}

static void test_q35_device_list(void **state)
{
	static const struct expect_dev q35[] = {
		{ 0, 0x00, 0, 0, 0, 0x8086, 0x29c0, 0x060000 },
		{ 0, 0x01, 0, 0, 0, 0x1234, 0x1111, 0x030000 },
		{ 0, 0x02, 0, 0, 0, 0x8086, 0x10d3, 0x020000 },
		{ 0, 0x03, 0, 1, 0, 0x1b36, 0x000c, 0x060400 },
		{ 0, 0x04, 0, 1, 0, 0x1b36, 0x000c, 0x060400 },
		{ 0, 0x05, 0, 1, 0, 0x1b36, 0x000c, 0x060400 },
		{ 0, 0x1f, 0, 0, 0, 0x8086, 0x2918, 0x060100 },
		{ 0, 0x1f, 2, 0, 0, 0x8086, 0x2922, 0x010601 },
		{ 0, 0x1f, 3, 0, 0, 0x8086, 0x2930, 0x0c0500 },
	};

	(void)state;
	fixture_q35(&sim);
	walk_sim();
	assert_devices(q35, sizeof(q35) / sizeof(q35[0]));
	assert_int_equal(res.nwarn, 0);
	assert_int_equal(res.truncated, 0);
	assert_int_equal(res.nbuses, 1 + Q35_ROOT_PORTS);
}

static void test_q35_bars(void **state)
{
	const struct pci_device *vga, *nic, *sata, *smbus, *lpc;

	(void)state;
	fixture_q35(&sim);
	walk_sim();
	vga = find_dev(&res, 0, 1, 0);
	assert_int_equal(vga->nbars, 3);
	assert_bar(vga, 0, PCI_BAR_MEM32, 0xfd000000u, 16u << 20, true);
	assert_bar(vga, 2, PCI_BAR_MEM32, 0xfebd4000u, 4096, false);
	assert_bar(vga, PCI_ROM_INDEX, PCI_BAR_ROM, 0xfebc0000u, 64u << 10, false);
	nic = find_dev(&res, 0, 2, 0);
	assert_int_equal(nic->nbars, 5);
	assert_bar(nic, 0, PCI_BAR_MEM32, 0xfeb80000u, 128u << 10, false);
	assert_bar(nic, 1, PCI_BAR_MEM32, 0xfeba0000u, 128u << 10, false);
	assert_bar(nic, 2, PCI_BAR_IO, 0xc040, 32, false);
	assert_bar(nic, 3, PCI_BAR_MEM32, 0xfebd0000u, 16u << 10, false);
	assert_bar(nic, PCI_ROM_INDEX, PCI_BAR_ROM, 0xfeb40000u, 256u << 10, false);
	assert_true(nic->slot.pcie);
	assert_false(nic->slot.implemented);
	sata = find_dev(&res, 0, 0x1f, 2);
	assert_int_equal(sata->nbars, 2);
	assert_bar(sata, 4, PCI_BAR_IO, 0xc060, 32, false);
	assert_bar(sata, 5, PCI_BAR_MEM32, 0xfebd7000u, 4096, false);
	smbus = find_dev(&res, 0, 0x1f, 3);
	assert_int_equal(smbus->nbars, 1);
	assert_bar(smbus, 4, PCI_BAR_IO, 0x0700, 64, false);
	lpc = find_dev(&res, 0, 0x1f, 0);
	assert_int_equal(lpc->nbars, 0);
}

static void test_q35_root_ports(void **state)
{
	unsigned n;

	(void)state;
	fixture_q35(&sim);
	walk_sim();
	for (n = 0; n < Q35_ROOT_PORTS; n++) {
		const struct pci_device *rp = find_dev(&res, 0, (uint8_t)(Q35_FIRST_PORT_DEV + n), 0);
		uint32_t mem = 0xfe800000u - (n + 1) * Q35_PORT_WINDOW;

		assert_non_null(rp);
		assert_int_equal(rp->secondary, n + 1);
		assert_int_equal(rp->subordinate, n + 1);
		assert_int_equal(rp->nbars, 1);
		assert_bar(rp, 0, PCI_BAR_MEM32, 0xfebd5000u + 0x1000u * n, 4096, false);
		assert_true(rp->slot.pcie && rp->slot.implemented);
		assert_true(rp->slot.hotplug && rp->slot.power_ctl && rp->slot.attn_button);
		assert_int_equal(rp->slot.port_type, 4);
		assert_int_equal(rp->slot.cap_offset, 0x54);
		assert_int_equal(rp->slot.number, n + 1);
		assert_int_equal(rp->nwindows, 2);
		assert_int_equal(rp->window[0].kind, PCI_WIN_MEM);
		assert_int_equal(rp->window[0].base, mem);
		assert_int_equal(rp->window[0].limit, mem + Q35_PORT_WINDOW - 1);
		assert_int_equal(rp->window[1].kind, PCI_WIN_PREF);
		assert_true(rp->window[1].pref);
		assert_int_equal(rp->window[1].limit - rp->window[1].base + 1, Q35_PORT_WINDOW);
	}
}

static void test_q35_hotplugged_ivshmem(void **state)
{
	const struct pci_device *shm;

	(void)state;
	fixture_q35_ivshmem(&sim, 1, 256u << 20, 0x1000000000ull);
	walk_sim();
	assert_int_equal(res.ndev, 10);
	/* pre-order: right after its root port 00:04.0 */
	assert_int_equal(res.dev[4].dev, Q35_FIRST_PORT_DEV + 1);
	shm = &res.dev[5];
	assert_int_equal(shm->bus, 2);
	assert_int_equal(shm->vendor, 0x1af4);
	assert_int_equal(shm->depth, 1);
	assert_int_equal(res.dev[shm->parent].dev, Q35_FIRST_PORT_DEV + 1);
	assert_bar(shm, 0, PCI_BAR_MEM32, 0xfe800000u - 2 * Q35_PORT_WINDOW, 256, false);
	assert_bar(shm, 2, PCI_BAR_MEM64, 0x1000000000ull, 256u << 20, true);
	assert_int_equal(shm->nbars, 2);
}

static void test_nested_bridges(void **state)
{
	static const struct expect_dev nested[] = {
		{ 0, 0, 0, 0, 0, 0x8086, 0x29c0, 0x060000 },
		{ 0, 2, 0, 1, 0, 0x1b36, 0x0001, 0x060400 },
		{ 1, 0, 0, 1, 1, 0x1b36, 0x0001, 0x060400 },
		{ 2, 0, 0, 0, 2, 0x1b36, 0x0010, 0x010802 },
		{ 1, 1, 0, 1, 1, 0x1b36, 0x0001, 0x060400 },
		{ 3, 0, 0, 0, 2, 0x1af4, 0x1110, 0x050000 },
		{ 0, 3, 0, 0, 0, 0x8086, 0x1234, 0x088000 },
		{ 0, 3, 1, 0, 0, 0x8086, 0x1235, 0x088000 },
	};
	const struct pci_device *b;

	(void)state;
	fixture_nested(&sim);
	walk_sim();
	assert_devices(nested, sizeof(nested) / sizeof(nested[0]));
	assert_int_equal(res.nwarn, 0);
	assert_int_equal(res.nbuses, 4);
	assert_int_equal(res.dev[3].parent, 2);
	assert_int_equal(res.dev[5].parent, 4);
	assert_int_equal(res.dev[2].parent, 1);
	assert_int_equal(res.dev[1].parent, PCI_NO_PARENT);
	assert_bar(&res.dev[3], 0, PCI_BAR_MEM64, 0xfe000000u, 16u << 10, false);
	assert_bar(&res.dev[5], 2, PCI_BAR_MEM64, 0x800000000ull, 1ull << 30, true);
	b = &res.dev[4];
	assert_int_equal(b->nwindows, 2);
	assert_int_equal(b->window[1].kind, PCI_WIN_PREF);
	assert_int_equal(b->window[1].base, 0x800000000ull);
	assert_int_equal(b->window[1].limit, 0x800000000ull + (1ull << 30) - 1);
	/* disabled prefetchable window (base above limit) is not listed */
	assert_int_equal(res.dev[2].nwindows, 1);
	assert_int_equal(res.dev[2].window[0].kind, PCI_WIN_MEM);
}

static void test_cardbus(void **state)
{
	static const struct expect_dev cb[] = {
		{ 0, 0, 0, 0, 0, 0x8086, 0x29c0, 0x060000 },
		{ 0, 4, 0, 2, 0, 0x104c, 0xac56, 0x060700 },
		{ 1, 0, 0, 0, 1, 0x10ec, 0x8139, 0x020000 },
	};
	const struct pci_device *bridge, *card;

	(void)state;
	fixture_cardbus(&sim);
	walk_sim();
	assert_devices(cb, 3);
	assert_int_equal(res.nwarn, 0);
	bridge = &res.dev[1];
	assert_int_equal(bridge->secondary, 1);
	assert_int_equal(bridge->subordinate, 4);
	assert_int_equal(bridge->nbars, 1);
	assert_bar(bridge, 0, PCI_BAR_MEM32, 0xfebf2000u, 4096, false);
	assert_int_equal(bridge->nwindows, 2);
	assert_int_equal(bridge->window[0].kind, PCI_WIN_CB_MEM0);
	assert_int_equal(bridge->window[0].base, 0xf4000000u);
	assert_int_equal(bridge->window[0].limit, 0xf7ffffffu);
	assert_true(bridge->window[0].pref);
	assert_int_equal(bridge->window[1].kind, PCI_WIN_CB_MEM1);
	assert_int_equal(bridge->window[1].limit, 0xf9ffffffu);
	assert_false(bridge->window[1].pref);
	card = &res.dev[2];
	assert_int_equal(card->parent, 1);
	assert_bar(card, 0, PCI_BAR_IO, 0x1000, 256, false);
	assert_bar(card, 1, PCI_BAR_MEM32, 0xf8000000u, 256, false);
}

/* The restore checks above could fail: a writer that leaves decode on
 * while writing a BAR, or changes one, is seen by the model. */
static void test_model_catches_careless_sizing(void **state)
{
	struct pci_access acc;
	struct pcisim_fn *vga;

	(void)state;
	fixture_q35(&sim);
	memcpy(&before, &sim, sizeof(sim));
	acc = pcisim_access(&sim);
	acc.write32(acc.ctx, 0, 1, 0, 0x10, 0xffffffffu);
	assert_int_equal(sim.decode_violations, 1);
	assert_false(pcisim_same_config(&sim, &before));
	vga = pcisim_find(&sim, 0, 1, 0);
	assert_int_equal(vga->cfg[4], 0xff000008u);   /* the 16 MiB size mask */
	acc.write32(acc.ctx, 0, 1, 0, 0x3c, 0);  /* interrupt line: not ours */
	assert_int_equal(sim.stray_writes, 1);
}

static void test_command_restored_when_decode_was_off(void **state)
{
	struct pcisim_fn *vga;

	(void)state;
	fixture_q35(&sim);
	vga = pcisim_find(&sim, 0, 1, 0);
	pcisim_command(vga, 0x0000);
	walk_sim();
	assert_int_equal(vga->cfg[1] & 0xffff, 0);
	assert_bar(find_dev(&res, 0, 1, 0), 0, PCI_BAR_MEM32, 0xfd000000u, 16u << 20, true);
}

static uint32_t read_nothing(void *ctx, uint8_t b, uint8_t d, uint8_t f, uint16_t o)
{
	(void)ctx; (void)b; (void)d; (void)f; (void)o;
	return 0xffffffffu;
}

static void test_bad_arguments_and_empty_bus(void **state)
{
	struct pci_access acc = { NULL, NULL, NULL };

	(void)state;
	res.ndev = 7;
	assert_int_equal(pci_walk(NULL, &res), STATUS_INVALID_ARGUMENT);
	assert_int_equal(pci_walk(&acc, &res), STATUS_INVALID_ARGUMENT);
	assert_int_equal(res.ndev, 7);
	acc.read32 = read_nothing;
	assert_int_equal(pci_walk(&acc, NULL), STATUS_INVALID_ARGUMENT);
	assert_int_equal(pci_walk(&acc, &res), STATUS_INVALID_ARGUMENT);
	fixture_q35(&sim);
	acc = pcisim_access(&sim);
	acc.read32 = read_nothing;
	assert_int_equal(pci_walk(&acc, &res), STATUS_OK);
	assert_int_equal(res.ndev, 0);
	assert_int_equal(res.nbuses, 1);
	assert_int_equal(res.accesses, 32);     /* function 0 of each slot */
}

/* An expander bridge's root bus (QEMU's pxb-pcie, bus 0x80) is behind no
 * bridge: a walk from bus 0 misses it, pci_walk_find_roots finds it (and
 * not the bus behind its root port), pci_walk_roots walks both trees. */
static void test_extra_root_bus(void)
{
	struct pci_access acc;
	struct pcisim_fn *f;
	uint8_t roots[PCI_MAX_ROOTS];
	unsigned n, i, found = 0;
	uint32_t reads;

	fixture_q35(&sim);
	f = pcisim_add(&sim, 0x80, 0, 0, 0x1b36, 0x000c, 0x060400, 1);
	pcisim_buses(f, 0x80, 0x81, 0x81);
	pcisim_add(&sim, 0x81, 0, 0, 0x1af4, 0x1044, 0x00ff00, 0);
	acc = pcisim_access(&sim);
	assert_int_equal(pci_walk(&acc, &res), STATUS_OK);
	for (i = 0; i < res.ndev; i++)
		assert_true(res.dev[i].bus < 0x80);
	assert_int_equal(pci_walk_find_roots(&acc, &res, roots, PCI_MAX_ROOTS, &n, &reads),
			 STATUS_OK);
	assert_int_equal(n, 2);
	assert_int_equal(roots[0], 0);
	assert_int_equal(roots[1], 0x80);
	assert_true(reads > 0);
	assert_int_equal(pci_walk_roots(&acc, roots, n, &res), STATUS_OK);
	for (i = 0; i < res.ndev; i++) {
		if (res.dev[i].bus == 0x80)
			found++, assert_int_equal(res.dev[i].depth, 0),
				assert_int_equal(res.dev[i].parent, PCI_NO_PARENT);
		if (res.dev[i].bus == 0x81)
			found++, assert_int_equal(res.dev[i].depth, 1);
	}
	assert_int_equal(found, 2);
	assert_int_equal(pci_walk_roots(&acc, roots, 0, &res), STATUS_INVALID_ARGUMENT);
	assert_int_equal(pci_walk(&acc, &res), STATUS_OK);   /* from bus 0 again */
	assert_int_equal(pci_walk_find_roots(&acc, &res, roots, 1, &n, &reads),
			 STATUS_SHORT_BUFFER);
}

static void test_extra_roots(void **state)
{
	(void)state;
	test_extra_root_bus();
}

/* Tables the caller sized too small (fdtw_walk.h's shape): every
 * capacity from 0 up on the nested machine (a bridge cut off counts what
 * is behind it), then a second walk over a table of dev_wanted entries
 * finds exactly what a big table finds. */
static struct pci_device small_devs[16];
static struct pci_warning small_warns[4];

static void walk_small(struct pci_walk_result *r, uint32_t dev_cap)
{
	struct pci_access acc = pcisim_access(&sim);

	sim.reads = sim.writes = 0;
	memcpy(&before, &sim, sizeof(sim));
	pci_walk_result_init(r, small_devs, dev_cap, small_warns, 4);
	assert_int_equal(pci_walk(&acc, r), STATUS_OK);
	assert_true(pcisim_same_config(&sim, &before));
	assert_int_equal(r->accesses, sim.reads + sim.writes);
}

/* The same function, found the same way (fields, not bytes: padding). */
static void assert_same_dev(const struct pci_device *a, const struct pci_device *b)
{
	assert_int_equal(a->bus, b->bus);
	assert_int_equal(a->dev, b->dev);
	assert_int_equal(a->fn, b->fn);
	assert_int_equal(a->parent, b->parent);
	assert_int_equal(a->depth, b->depth);
	assert_int_equal(a->nbars, b->nbars);
	assert_int_equal(a->nwindows, b->nwindows);
	assert_int_equal(a->secondary, b->secondary);
	for (unsigned k = 0; k < a->nbars; k++)
		assert_true(a->bar[k].addr == b->bar[k].addr && a->bar[k].size == b->bar[k].size);
}

static void test_small_device_table(void **state)
{
	struct pci_walk_result small;

	(void)state;
	fixture_nested(&sim);
	walk_sim();
	assert_int_equal(res.ndev, 8);
	for (uint32_t cap = 0; cap < res.ndev; cap++) {
		walk_small(&small, cap);
		assert_int_equal(small.ndev, cap);
		assert_int_equal(small.dev_wanted, res.ndev);
		assert_int_equal(small.nbuses, res.nbuses);
		assert_true(small.truncated & PCI_TRUNC_DEVICES);
		assert_int_equal(count_warnings(&small, PCI_WARN_TRUNCATED_DEVICES), 1);
		assert_int_equal(small.warn[small.nwarn - 1].detail, cap);
		for (uint32_t i = 0; i < cap; i++)
			assert_same_dev(&small.dev[i], &res.dev[i]);
		/* the rewalk the daemon makes: a table of what was wanted */
		walk_small(&small, small.dev_wanted);
		assert_int_equal(small.ndev, res.ndev);
		assert_int_equal(small.truncated, 0);
		assert_int_equal(small.nwarn, 0);
		for (uint32_t i = 0; i < res.ndev; i++)
			assert_same_dev(&small.dev[i], &res.dev[i]);
	}
	walk_small(&small, res.ndev);          /* exactly full: not truncated */
	assert_int_equal(small.truncated, 0);
	assert_int_equal(small.dev_wanted, res.ndev);
}

/* A warning table too small: the walk-wide warning keeps its place, the
 * rest are counted (pci_walk_warn_wanted), and a table that big plus the
 * reserved places holds them all. */
static void test_small_warning_table(void **state)
{
	static struct pci_warning many[16];
	struct pci_access acc;
	struct pci_walk_result small;
	unsigned bad = 0;

	(void)state;
	hostile_many_devices(&sim, 24);
	for (unsigned i = 0; i < sim.nfn && bad < 6; i++)
		if (sim.fn[i].fn != 0)
			sim.fn[i].cfg[0] = 0x1234ffffu, bad++;
	walk_small(&small, 8);
	assert_int_equal(small.nwarn, 3);      /* 2 of 6 bad-vendor + truncation */
	assert_int_equal(small.warn_dropped, 4);
	assert_true(small.truncated & PCI_TRUNC_WARNINGS);
	assert_int_equal(small.warn[2].what, PCI_WARN_TRUNCATED_DEVICES);
	assert_int_equal(pci_walk_warn_wanted(&small), 7);
	acc = pcisim_access(&sim);
	pci_walk_result_init(&small, small_devs, 8, many, pci_walk_warn_wanted(&small) + PCI_WARN_RESERVED);
	assert_int_equal(pci_walk(&acc, &small), STATUS_OK);
	assert_int_equal(small.nwarn, 7);
	assert_int_equal(small.warn_dropped, 0);
	assert_int_equal(small.dev_wanted, 24 - 6);
}

static void test_result_init_and_bad_tables(void **state)
{
	struct pci_access acc;
	struct pci_walk_result r;

	(void)state;
	fixture_q35(&sim);
	acc = pcisim_access(&sim);
	pci_walk_result_init(&r, small_devs, 70000, small_warns, 70000);
	assert_int_equal(r.dev_cap, UINT16_MAX);
	assert_int_equal(r.warn_cap, UINT16_MAX);
	pci_walk_result_init(&r, NULL, 4, small_warns, 4);
	assert_int_equal(pci_walk(&acc, &r), STATUS_INVALID_ARGUMENT);
	pci_walk_result_init(&r, small_devs, 4, NULL, 4);
	assert_int_equal(pci_walk(&acc, &r), STATUS_INVALID_ARGUMENT);
	r = (struct pci_walk_result){ .dev = small_devs, .dev_cap = 70000 };
	assert_int_equal(pci_walk(&acc, &r), STATUS_INVALID_ARGUMENT);
	pci_walk_result_init(&r, NULL, 0, NULL, 0);     /* no tables: counts only */
	assert_int_equal(pci_walk(&acc, &r), STATUS_OK);
	assert_int_equal(r.ndev, 0);
	assert_int_equal(r.dev_wanted, 9);
	assert_int_equal(r.warn_dropped, 1);   /* the truncation warning itself */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_q35_device_list),
		cmocka_unit_test(test_q35_bars),
		cmocka_unit_test(test_q35_root_ports),
		cmocka_unit_test(test_q35_hotplugged_ivshmem),
		cmocka_unit_test(test_nested_bridges),
		cmocka_unit_test(test_cardbus),
		cmocka_unit_test(test_model_catches_careless_sizing),
		cmocka_unit_test(test_command_restored_when_decode_was_off),
		cmocka_unit_test(test_bad_arguments_and_empty_bus),
		cmocka_unit_test(test_extra_roots),
		cmocka_unit_test(test_small_device_table),
		cmocka_unit_test(test_small_warning_table),
		cmocka_unit_test(test_result_init_and_bad_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
