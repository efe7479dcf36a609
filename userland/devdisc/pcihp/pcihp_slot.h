/*
 * pcihp_slot.h - PCIe native hot-plug of one root-port slot, as a state
 * machine the caller polls.
 *
 * The slot registers live in the port's PCI Express capability (PCIe Base
 * spec, Slot Capabilities/Control/Status and Link Status).  pcihp_poll() reads
 * Slot Status, acknowledges the change bits it saw (write one to clear),
 * steps the state machine and returns at most one event.  It never waits:
 * time comes from the caller (now_ms), so a test drives it step by step
 * and devdisc polls it from its loop (every 10 ms keeps arrivals under the
 * 50 ms budget).  docs/hotplug-internals.md draws the states.
 *
 *   EMPTY --presence--> POWERING --link up--> SETTLING --fn 0 answers-->
 *   READY --button--> REMOVING --pcihp_release()--> OFF --presence lost--> EMPTY
 *
 * POWERING and SETTLING time out (slot powered off again, TIMEOUT event,
 * state OFF); presence lost in any state goes back to EMPTY with GONE.
 */
#ifndef DEVDISC_PCIHP_SLOT_H
#define DEVDISC_PCIHP_SLOT_H

#include <stdbool.h>
#include <stdint.h>
#include "status.h"
#include "pci.h"

/* Bounds (ms).  The link must come up within 1 s of power (PCIe Base
 * 6.7.3.3 lets software wait that long); config requests wait 100 ms after
 * the link is up (6.6.1); a function still answering all ones 1 s after
 * that is given up on. */
#define PCIHP_LINK_TIMEOUT_MS   1000u
#define PCIHP_SETTLE_MS         100u
#define PCIHP_ANSWER_TIMEOUT_MS 1000u

enum pcihp_state {
	PCIHP_EMPTY,      /* no card; slot powered off */
	PCIHP_POWERING,   /* power on asked, waiting for Data Link Layer Link Active */
	PCIHP_SETTLING,   /* link up, waiting before and for function 0's answer */
	PCIHP_READY,      /* caller was told ARRIVED; device may be mapped */
	PCIHP_REMOVING,   /* button pressed; caller unmaps, then pcihp_release() */
	PCIHP_OFF,        /* card present, slot powered off (removal or failure) */
};

enum pcihp_event_kind {
	PCIHP_EV_NONE,
	PCIHP_EV_PRESENT,   /* a card was noticed; powering the slot on */
	PCIHP_EV_ARRIVED,   /* function 0 on `bus` answers: walk, assign BARs, map */
	PCIHP_EV_REMOVING,  /* attention button: unmap, return records, pcihp_release() */
	PCIHP_EV_GONE,      /* card is out; `unmap` says the caller still had it mapped */
	PCIHP_EV_TIMEOUT,   /* link or device never came up; slot powered off */
};

struct pcihp_event {
	uint8_t kind;          /* enum pcihp_event_kind */
	uint8_t bus;           /* secondary bus of the port */
	uint16_t slot;         /* physical slot number */
	bool unmap;            /* GONE of a device the caller was using (surprise) */
};

struct pcihp_slot {
	uint8_t bus, dev, fn;  /* the port */
	uint8_t cap;           /* its PCIe capability offset */
	uint8_t secondary;
	uint8_t state;         /* enum pcihp_state */
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
enum status pcihp_slot_init(struct pcihp_slot *s, const struct pci_access *acc,
			    const struct pci_device *port);

/* One step.  *ev is always written (PCIHP_EV_NONE if nothing happened).
 * IO_ERROR if the port itself reads all ones (it is gone: nothing done). */
enum status pcihp_poll(struct pcihp_slot *s, const struct pci_access *acc,
		       uint64_t now_ms, struct pcihp_event *ev);

/* The caller has unmapped a REMOVING device: power the slot off, which
 * makes QEMU complete the removal.  INVALID_ARGUMENT in any other state. */
enum status pcihp_release(struct pcihp_slot *s, const struct pci_access *acc);

const char *pcihp_state_name(enum pcihp_state st);
const char *pcihp_event_name(enum pcihp_event_kind kind);

#endif
