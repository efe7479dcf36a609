/*
 * hotplug.h - PCIe native hot-plug of one root-port slot, as a state
 * machine the caller polls.
 *
 * The slot registers live in the port's PCI Express capability (PCIe Base
 * spec, Slot Capabilities/Control/Status and Link Status).  hp_poll() reads
 * Slot Status, acknowledges the change bits it saw (write one to clear),
 * steps the state machine and returns at most one event.  It never waits:
 * time comes from the caller (now_ms), so a test drives it step by step
 * and devdisc polls it from its loop (every 10 ms keeps arrivals under the
 * 50 ms budget).  docs/hotplug-internals.md draws the states.
 *
 *   EMPTY --presence--> POWERING --link up--> SETTLING --fn 0 answers-->
 *   READY --button--> REMOVING --hp_release()--> OFF --presence lost--> EMPTY
 *
 * POWERING and SETTLING time out (slot powered off again, TIMEOUT event,
 * state OFF); presence lost in any state goes back to EMPTY with GONE.
 */
#ifndef DEVDISC_HOTPLUG_H
#define DEVDISC_HOTPLUG_H

#include <stdbool.h>
#include <stdint.h>
#include "status.h"
#include "pci.h"

/* Bounds (ms).  The link must come up within 1 s of power (PCIe Base
 * 6.7.3.3 lets software wait that long); config requests wait 100 ms after
 * the link is up (6.6.1); a function still answering all ones 1 s after
 * that is given up on. */
#define HP_LINK_TIMEOUT_MS   1000u
#define HP_SETTLE_MS         100u
#define HP_ANSWER_TIMEOUT_MS 1000u

enum hp_state {
	HP_EMPTY,      /* no card; slot powered off */
	HP_POWERING,   /* power on asked, waiting for Data Link Layer Link Active */
	HP_SETTLING,   /* link up, waiting before and for function 0's answer */
	HP_READY,      /* caller was told ARRIVED; device may be mapped */
	HP_REMOVING,   /* button pressed; caller unmaps, then hp_release() */
	HP_OFF,        /* card present, slot powered off (removal or failure) */
};

enum hp_event_kind {
	HP_EV_NONE,
	HP_EV_PRESENT,   /* a card was noticed; powering the slot on */
	HP_EV_ARRIVED,   /* function 0 on `bus` answers: walk, assign BARs, map */
	HP_EV_REMOVING,  /* attention button: unmap, return records, hp_release() */
	HP_EV_GONE,      /* card is out; `unmap` says the caller still had it mapped */
	HP_EV_TIMEOUT,   /* link or device never came up; slot powered off */
};

struct hp_event {
	uint8_t kind;          /* enum hp_event_kind */
	uint8_t bus;           /* secondary bus of the port */
	uint16_t slot;         /* physical slot number */
	bool unmap;            /* GONE of a device the caller was using (surprise) */
};

struct hp_slot {
	uint8_t bus, dev, fn;  /* the port */
	uint8_t cap;           /* its PCIe capability offset */
	uint8_t secondary;
	uint8_t state;         /* enum hp_state */
	bool link_reporting;   /* Link Capabilities: DLLLA reporting capable */
	uint16_t number;
	uint64_t deadline_ms;  /* POWERING/SETTLING: give up at this time */
	uint64_t ready_ms;     /* SETTLING: first config read allowed at */
	uint32_t acked;        /* change bits acknowledged so far (all polls) */
};

/* Takes a walked port with a hot-plug-capable slot.  A slot found
 * populated and powered is READY (the boot walk already saw the device);
 * populated and unpowered is EMPTY so that the first poll powers it on.
 * INVALID_ARGUMENT if the port has no hot-plug slot or no secondary bus. */
enum status hp_slot_init(struct hp_slot *s, const struct pci_access *acc,
			 const struct pci_device *port);

/* One step.  *ev is always written (HP_EV_NONE if nothing happened).
 * IO_ERROR if the port itself reads all ones (it is gone: nothing done). */
enum status hp_poll(struct hp_slot *s, const struct pci_access *acc,
		    uint64_t now_ms, struct hp_event *ev);

/* The caller has unmapped a REMOVING device: power the slot off, which
 * makes QEMU complete the removal.  INVALID_ARGUMENT in any other state. */
enum status hp_release(struct hp_slot *s, const struct pci_access *acc);

const char *hp_state_name(enum hp_state st);
const char *hp_event_name(enum hp_event_kind kind);

#endif
