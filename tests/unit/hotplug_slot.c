/*
 * hotplug_slot.c - the PCIe native hot-plug state machine against the
 * simulated root-port slot of pcisim (QEMU 7.2 behaviour): arrival, orderly
 * removal, surprise removal (also while removing), a link that never comes
 * up, a device that never answers (each given up on exactly at its
 * deadline), repeated cycles, a card found unpowered at start-up, and bad
 * arguments.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "fixtures.h"
#include "walk_util.h"
#include "pcihp_slot.h"

#define PORT_DEV   Q35_FIRST_PORT_DEV   /* 00:03.0, secondary bus 1, slot 1 */
#define SLTCTL_PCC 0x0400u
#define SLTCTL_PIC 0x0300u

static struct pcisim sim;
PCI_WALK_RESULT(res, TEST_DEVICES, TEST_WARNINGS);
static struct pci_access acc;
static struct pcisim_slot *slot;
static struct pcihp_slot hp;

static int setup(void **state)
{
	(void)state;
	fixture_q35(&sim);
	slot = pcisim_slot_model(&sim, pcisim_find(&sim, 0, PORT_DEV, 0));
	acc = pcisim_access(&sim);
	assert_non_null(slot);
	assert_int_equal(pci_walk(&acc, &res), STATUS_OK);
	assert_int_equal(pcihp_slot_init(&hp, &acc, find_dev(&res, 0, PORT_DEV, 0)), STATUS_OK);
	return 0;
}

static struct pcisim_fn *device_add(void)
{
	struct pcisim_fn *f = pcisim_add(&sim, 1, 0, 0, 0x1af4, 0x1110, 0x050000, 0);

	pcisim_bar_mem32(f, 0, 0, 256, false);
	pcisim_bar_mem64(f, 2, 0, 1u << 20, true);
	pcisim_slot_insert(&sim, slot, f);
	return f;
}

static enum pcihp_event_kind poll_at(uint64_t now)
{
	struct pcihp_event ev;

	assert_int_equal(pcihp_poll(&hp, &acc, now, &ev), STATUS_OK);
	if (ev.kind != PCIHP_EV_NONE) {
		assert_int_equal(ev.bus, 1);
		assert_int_equal(ev.slot, 1);
	}
	return (enum pcihp_event_kind)ev.kind;
}

/* Polls every 10 ms from `from` until an event; returns it and its time. */
static enum pcihp_event_kind poll_until_event(uint64_t from, uint64_t limit, uint64_t *when)
{
	uint64_t t;

	for (t = from; t <= limit; t += 10) {
		enum pcihp_event_kind k = poll_at(t);

		if (k != PCIHP_EV_NONE) {
			*when = t;
			return k;
		}
	}
	*when = t;
	return PCIHP_EV_NONE;
}

static uint16_t vendor_below(void)
{
	return (uint16_t)acc.read32(acc.ctx, 1, 0, 0, 0);
}

/* Brings a new device to READY; returns the time it arrived. */
static uint64_t arrive(uint64_t t)
{
	uint64_t when;

	device_add();
	assert_int_equal(poll_at(t), PCIHP_EV_PRESENT);
	assert_int_equal(poll_until_event(t + 10, t + 2000, &when), PCIHP_EV_ARRIVED);
	assert_int_equal(hp.state, PCIHP_READY);
	return when;
}

static void test_arrival(void **state)
{
	uint64_t when;

	(void)state;
	assert_int_equal(hp.state, PCIHP_EMPTY);
	assert_int_equal(poll_at(0), PCIHP_EV_NONE);
	device_add();
	/* QEMU: all ones until the guest powers the slot. */
	assert_int_equal(vendor_below(), 0xffff);
	assert_int_equal(poll_at(10), PCIHP_EV_PRESENT);
	assert_int_equal(pcisim_slot_control(&sim, slot) & SLTCTL_PCC, 0);
	assert_int_equal(pcisim_slot_control(&sim, slot) & SLTCTL_PIC, 0x0200); /* blinking */
	/* Presence and the button that came with it were acknowledged. */
	assert_int_equal(pcisim_slot_status(&sim, slot) & 0x0009, 0);
	assert_int_equal(vendor_below(), 0x1af4);
	assert_int_equal(poll_until_event(20, 3000, &when), PCIHP_EV_ARRIVED);
	/* Not before the 100 ms the spec asks after link up. */
	assert_true(when >= 10 + PCIHP_SETTLE_MS);
	assert_true(when <= 10 + PCIHP_SETTLE_MS + 20);
	assert_int_equal(pcisim_slot_control(&sim, slot) & SLTCTL_PIC, 0x0100);  /* on */
	assert_int_equal(slot->w1c_misuse, 0);
	/* The walk now sees the device behind the port. */
	assert_int_equal(pci_walk(&acc, &res), STATUS_OK);
	assert_non_null(find_dev(&res, 1, 0, 0));
}

static void test_quiet_poll_writes_nothing(void **state)
{
	unsigned long writes;

	(void)state;
	arrive(0);
	poll_at(1000);          /* acknowledges the indicator command */
	writes = sim.writes;
	assert_int_equal(poll_at(1010), PCIHP_EV_NONE);
	assert_int_equal(poll_at(1020), PCIHP_EV_NONE);
	assert_int_equal(sim.writes, writes);
}

static void test_orderly_removal(void **state)
{
	uint64_t t = arrive(0);

	(void)state;
	pcisim_slot_press_button(&sim, slot);           /* device_del */
	assert_int_equal(poll_at(t + 10), PCIHP_EV_REMOVING);
	/* Nothing more happens until the caller has unmapped. */
	assert_int_equal(poll_at(t + 20), PCIHP_EV_NONE);
	assert_int_equal(slot->unplugged, 0);
	assert_int_equal(pcihp_release(&hp, &acc), STATUS_OK);
	assert_int_equal(slot->unplugged, 1);           /* DEVICE_DELETED */
	assert_int_equal(pcisim_slot_control(&sim, slot) & (SLTCTL_PCC | SLTCTL_PIC),
			 SLTCTL_PCC | SLTCTL_PIC);
	{
		struct pcihp_event ev;

		assert_int_equal(pcihp_poll(&hp, &acc, t + 30, &ev), STATUS_OK);
		assert_int_equal(ev.kind, PCIHP_EV_GONE);
		assert_false(ev.unmap);
	}
	assert_int_equal(hp.state, PCIHP_EMPTY);
	assert_int_equal(vendor_below(), 0xffff);
	assert_int_equal(pcihp_release(&hp, &acc), STATUS_INVALID_ARGUMENT);
}

static void test_surprise_removal(void **state)
{
	uint64_t t = arrive(0);
	struct pcihp_event ev;

	(void)state;
	pcisim_slot_surprise_remove(&sim, slot);
	assert_int_equal(pcihp_poll(&hp, &acc, t + 10, &ev), STATUS_OK);
	assert_int_equal(ev.kind, PCIHP_EV_GONE);
	assert_true(ev.unmap);          /* the caller still had it mapped */
	assert_int_equal(hp.state, PCIHP_EMPTY);
	assert_int_equal(pcisim_slot_control(&sim, slot) & SLTCTL_PCC, SLTCTL_PCC);
	assert_int_equal(slot->w1c_misuse, 0);
}

/* The card goes while the caller is still unmapping (REMOVING, before
 * pcihp_release()): GONE must say the mapping is to be dropped. */
static void test_surprise_removal_while_removing(void **state)
{
	uint64_t t = arrive(0);
	struct pcihp_event ev;

	(void)state;
	pcisim_slot_press_button(&sim, slot);           /* device_del */
	assert_int_equal(poll_at(t + 10), PCIHP_EV_REMOVING);
	assert_int_equal(hp.state, PCIHP_REMOVING);
	pcisim_slot_surprise_remove(&sim, slot);
	assert_int_equal(pcihp_poll(&hp, &acc, t + 20, &ev), STATUS_OK);
	assert_int_equal(ev.kind, PCIHP_EV_GONE);
	assert_true(ev.unmap);          /* still mapped: the caller must unmap */
	assert_int_equal(hp.state, PCIHP_EMPTY);
	assert_int_equal(pcihp_release(&hp, &acc), STATUS_INVALID_ARGUMENT);
	assert_int_equal(slot->w1c_misuse, 0);
}

static void test_link_timeout(void **state)
{
	uint64_t when;

	(void)state;
	slot->link_dead = true;
	device_add();
	assert_int_equal(poll_at(0), PCIHP_EV_PRESENT);
	assert_int_equal(poll_until_event(10, 5000, &when), PCIHP_EV_TIMEOUT);
	/* Given up on at the deadline itself (PRESENT at 0), not a poll later. */
	assert_int_equal(when, PCIHP_LINK_TIMEOUT_MS);
	/* Powered off again: QEMU completes the removal; the slot empties. */
	assert_int_equal(pcisim_slot_control(&sim, slot) & SLTCTL_PCC, SLTCTL_PCC);
	assert_int_equal(poll_at(when + 10), PCIHP_EV_GONE);
	assert_int_equal(hp.state, PCIHP_EMPTY);
}

static void test_device_never_answers(void **state)
{
	uint64_t when;
	struct pcisim_fn *f;

	(void)state;
	f = device_add();
	f->vanish_after = 0;            /* reads all ones even when powered */
	assert_int_equal(poll_at(0), PCIHP_EV_PRESENT);
	assert_int_equal(poll_until_event(10, 5000, &when), PCIHP_EV_TIMEOUT);
	/* The link is up at the first poll after PRESENT (10): the answer
	 * deadline is 10 + settle + answer timeout, and that poll gives up. */
	assert_int_equal(when, 10 + PCIHP_SETTLE_MS + PCIHP_ANSWER_TIMEOUT_MS);
}

/* Both deadlines at odd times: the poll 1 ms before is quiet, the poll at
 * the deadline gives up (TIMEOUT), whatever the poll period. */
static void test_gives_up_exactly_at_deadline(void **state)
{
	struct pcisim_fn *f;

	(void)state;
	slot->link_dead = true;
	device_add();
	assert_int_equal(poll_at(3), PCIHP_EV_PRESENT);           /* link deadline 1003 */
	assert_int_equal(poll_at(3 + PCIHP_LINK_TIMEOUT_MS - 1), PCIHP_EV_NONE);
	assert_int_equal(hp.state, PCIHP_POWERING);
	assert_int_equal(poll_at(3 + PCIHP_LINK_TIMEOUT_MS), PCIHP_EV_TIMEOUT);
	assert_int_equal(hp.state, PCIHP_OFF);

	setup(NULL);
	f = device_add();
	f->vanish_after = 0;                                   /* never answers */
	assert_int_equal(poll_at(3), PCIHP_EV_PRESENT);
	assert_int_equal(poll_at(7), PCIHP_EV_NONE);              /* link up: SETTLING */
	assert_int_equal(hp.state, PCIHP_SETTLING);
	assert_int_equal(poll_at(7 + PCIHP_SETTLE_MS + PCIHP_ANSWER_TIMEOUT_MS - 1), PCIHP_EV_NONE);
	assert_int_equal(hp.state, PCIHP_SETTLING);
	assert_int_equal(poll_at(7 + PCIHP_SETTLE_MS + PCIHP_ANSWER_TIMEOUT_MS), PCIHP_EV_TIMEOUT);
	assert_int_equal(hp.state, PCIHP_OFF);
}

static void test_removed_while_powering(void **state)
{
	(void)state;
	device_add();
	assert_int_equal(poll_at(0), PCIHP_EV_PRESENT);
	pcisim_slot_surprise_remove(&sim, slot);
	{
		struct pcihp_event ev;

		assert_int_equal(pcihp_poll(&hp, &acc, 10, &ev), STATUS_OK);
		assert_int_equal(ev.kind, PCIHP_EV_GONE);
		assert_false(ev.unmap);         /* never announced */
	}
}

/* Twenty add/remove cycles: each ends EMPTY, nothing misused. */
static void test_cycles(void **state)
{
	uint64_t t = 0;
	unsigned i;

	(void)state;
	for (i = 0; i < 20; i++) {
		/* a fresh function record per cycle, as QEMU creates one */
		sim.nfn = sim.nfn - (i ? 1u : 0u);
		t = arrive(t + 10);
		pcisim_slot_press_button(&sim, slot);
		assert_int_equal(poll_at(t + 10), PCIHP_EV_REMOVING);
		assert_int_equal(pcihp_release(&hp, &acc), STATUS_OK);
		assert_int_equal(poll_at(t + 20), PCIHP_EV_GONE);
		t += 20;
		assert_int_equal(hp.state, PCIHP_EMPTY);
	}
	assert_int_equal(slot->unplugged, 20);
	assert_int_equal(slot->w1c_misuse, 0);
}

/* A card in the slot at start-up but the slot unpowered (pcihp_slot.h): not
 * READY, but EMPTY, so the first poll powers it on and it arrives. */
static void test_init_present_unpowered(void **state)
{
	uint64_t when;

	(void)state;
	device_add();
	assert_int_equal(pcisim_slot_control(&sim, slot) & SLTCTL_PCC, SLTCTL_PCC);
	assert_int_equal(pcihp_slot_init(&hp, &acc, find_dev(&res, 0, PORT_DEV, 0)), STATUS_OK);
	assert_int_equal(hp.state, PCIHP_EMPTY);
	assert_int_equal(poll_at(0), PCIHP_EV_PRESENT);
	assert_int_equal(pcisim_slot_control(&sim, slot) & SLTCTL_PCC, 0);   /* powered */
	assert_int_equal(poll_until_event(10, 2000, &when), PCIHP_EV_ARRIVED);
	assert_int_equal(hp.state, PCIHP_READY);
}

static void test_init_states_and_errors(void **state)
{
	struct pcihp_slot other;
	struct pcihp_event ev;

	(void)state;
	/* A port without a hot-plug slot (the VGA device is not a bridge). */
	assert_int_equal(pcihp_slot_init(&other, &acc, find_dev(&res, 0, 1, 0)),
			 STATUS_INVALID_ARGUMENT);
	assert_int_equal(pcihp_slot_init(&other, NULL, find_dev(&res, 0, PORT_DEV, 0)),
			 STATUS_INVALID_ARGUMENT);
	/* Populated and powered at start: the boot walk owns it, READY. */
	arrive(0);
	assert_int_equal(pcihp_slot_init(&other, &acc, find_dev(&res, 0, PORT_DEV, 0)), STATUS_OK);
	assert_int_equal(other.state, PCIHP_READY);
	/* The port itself disappearing is an error that changes nothing. */
	pcisim_find(&sim, 0, PORT_DEV, 0)->vanish_after = 0;
	assert_int_equal(pcihp_poll(&hp, &acc, 5000, &ev), STATUS_IO_ERROR);
	assert_int_equal(ev.kind, PCIHP_EV_NONE);
	assert_int_equal(hp.state, PCIHP_READY);
	assert_string_equal(pcihp_state_name(PCIHP_REMOVING), "removing");
	assert_string_equal(pcihp_event_name(PCIHP_EV_ARRIVED), "arrived");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_arrival, setup),
		cmocka_unit_test_setup(test_quiet_poll_writes_nothing, setup),
		cmocka_unit_test_setup(test_orderly_removal, setup),
		cmocka_unit_test_setup(test_surprise_removal, setup),
		cmocka_unit_test_setup(test_surprise_removal_while_removing, setup),
		cmocka_unit_test_setup(test_link_timeout, setup),
		cmocka_unit_test_setup(test_device_never_answers, setup),
		cmocka_unit_test_setup(test_gives_up_exactly_at_deadline, setup),
		cmocka_unit_test_setup(test_removed_while_powering, setup),
		cmocka_unit_test_setup(test_cycles, setup),
		cmocka_unit_test_setup(test_init_present_unpowered, setup),
		cmocka_unit_test_setup(test_init_states_and_errors, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
