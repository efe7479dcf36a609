/*
 * pcihp_slot.c - PCIe native hot-plug slot state machine (see pcihp_slot.h).
 *
 * Register facts (PCIe Base spec, PCI Express Capability): Link
 * Capabilities at +0x0c, Link Status in the high half of +0x10, Slot
 * Control and Slot Status share the dword at +0x18.  Config access is by
 * dword, so every write to Slot Status is also a Slot Control command:
 * we always write back the control value we just read, and write ones
 * only to status bits we saw set (QEMU undoes a clear that writes one to
 * a bit that is not set, to protect guests that clear blindly).
 *
 * QEMU facts relied on (hw/pci/pcie.c, 7.2): device_add raises Presence
 * Detect Changed and Attention Button Pressed together, so the button is
 * ignored while the slot is empty; device_del raises the button; a write
 * that turns power and the power indicator off on a populated slot
 * detaches the device, but only if they were not both off before.
 */
#include "pcihp_slot.h"

#define CAP_LINK_CAP        0x0cu
#define CAP_LINK_DWORD      0x10u
#define CAP_SLOT_DWORD      0x18u
#define LNKCAP_DLLLA_CAP    (1u << 20)
#define LNKSTA_DLLLA        (1u << 13)

#define SLTCTL_AIC          0x00c0u
#define SLTCTL_AIC_OFF      0x00c0u
#define SLTCTL_PIC          0x0300u
#define SLTCTL_PIC_ON       0x0100u
#define SLTCTL_PIC_BLINK    0x0200u
#define SLTCTL_PIC_OFF      0x0300u
#define SLTCTL_PCC          0x0400u   /* 1 = power off */

#define SLTSTA_ABP          0x0001u
#define SLTSTA_PFD          0x0002u
#define SLTSTA_MRLSC        0x0004u
#define SLTSTA_PDC          0x0008u
#define SLTSTA_CC           0x0010u
#define SLTSTA_PDS          0x0040u
#define SLTSTA_DLLSC        0x0100u
/* Changes worth a write.  Command Completed alone is not: every write
 * (our acknowledgements included) raises it again. */
#define SLTSTA_EVENTS (SLTSTA_ABP | SLTSTA_PFD | SLTSTA_MRLSC | SLTSTA_PDC | SLTSTA_DLLSC)

#define PCI_HDR_BRIDGE      1u

static uint32_t slot_rd(const struct pcihp_slot *s, const struct pci_access *acc,
			uint16_t off)
{
	return acc->read32(acc->ctx, s->bus, s->dev, s->fn, (uint16_t)(s->cap + off));
}

/* A Slot Control command; the status half is zero so it clears nothing. */
static void slot_command(const struct pcihp_slot *s, const struct pci_access *acc,
			 uint16_t ctrl)
{
	acc->write32(acc->ctx, s->bus, s->dev, s->fn,
		     (uint16_t)(s->cap + CAP_SLOT_DWORD), ctrl);
}

static void power_on(const struct pcihp_slot *s, const struct pci_access *acc,
		     uint16_t ctrl)
{
	ctrl = (uint16_t)(ctrl & ~(SLTCTL_PCC | SLTCTL_PIC | SLTCTL_AIC));
	slot_command(s, acc, (uint16_t)(ctrl | SLTCTL_PIC_BLINK | SLTCTL_AIC_OFF));
}

/* Power and power indicator off in one command.  If they already were,
 * turn the indicator on first: QEMU only completes a removal on the
 * transition to "both off". */
static void power_off(const struct pcihp_slot *s, const struct pci_access *acc,
		      uint16_t ctrl)
{
	if ((ctrl & SLTCTL_PCC) && (ctrl & SLTCTL_PIC) == SLTCTL_PIC_OFF)
		slot_command(s, acc, (uint16_t)((ctrl & ~SLTCTL_PIC) | SLTCTL_PIC_ON));
	ctrl = (uint16_t)(ctrl & ~SLTCTL_PIC);
	slot_command(s, acc, (uint16_t)(ctrl | SLTCTL_PCC | SLTCTL_PIC_OFF));
}

static void indicator_on(const struct pcihp_slot *s, const struct pci_access *acc,
			 uint16_t ctrl)
{
	slot_command(s, acc, (uint16_t)((ctrl & ~SLTCTL_PIC) | SLTCTL_PIC_ON));
}

static bool link_up(const struct pcihp_slot *s, const struct pci_access *acc)
{
	if (!s->link_reporting)
		return true;    /* nothing to wait for: go on to the settle time */
	return (slot_rd(s, acc, CAP_LINK_DWORD) >> 16) & LNKSTA_DLLLA;
}

/* Function 0 below the port answers with a real vendor ID. */
static bool function0_answers(const struct pcihp_slot *s, const struct pci_access *acc)
{
	uint32_t id = acc->read32(acc->ctx, s->secondary, 0, 0, 0);

	return (id & 0xffffu) != 0xffffu;
}

static void set_event(struct pcihp_event *ev, const struct pcihp_slot *s,
		      enum pcihp_event_kind kind, bool unmap)
{
	ev->kind = (uint8_t)kind;
	ev->bus = s->secondary;
	ev->slot = s->number;
	ev->unmap = unmap;
}

/* Presence lost: whatever the state, the slot ends empty and unpowered. */
static void card_lost(struct pcihp_slot *s, const struct pci_access *acc,
		      uint16_t ctrl, struct pcihp_event *ev)
{
	bool was_mapped = s->state == PCIHP_READY || s->state == PCIHP_REMOVING;

	if (!(ctrl & SLTCTL_PCC) || (ctrl & SLTCTL_PIC) != SLTCTL_PIC_OFF)
		slot_command(s, acc, (uint16_t)((ctrl & ~SLTCTL_PIC) | SLTCTL_PCC | SLTCTL_PIC_OFF));
	s->state = PCIHP_EMPTY;
	set_event(ev, s, PCIHP_EV_GONE, was_mapped);
}

static void give_up(struct pcihp_slot *s, const struct pci_access *acc,
		    uint16_t ctrl, struct pcihp_event *ev)
{
	power_off(s, acc, ctrl);
	s->state = PCIHP_OFF;
	set_event(ev, s, PCIHP_EV_TIMEOUT, false);
}

static void step_powering(struct pcihp_slot *s, const struct pci_access *acc,
			  uint16_t ctrl, uint64_t now, struct pcihp_event *ev)
{
	if (link_up(s, acc)) {
		s->state = PCIHP_SETTLING;
		s->ready_ms = now + PCIHP_SETTLE_MS;
		s->deadline_ms = s->ready_ms + PCIHP_ANSWER_TIMEOUT_MS;
	} else if (now >= s->deadline_ms) {
		give_up(s, acc, ctrl, ev);
	}
}

static void step_settling(struct pcihp_slot *s, const struct pci_access *acc,
			  uint16_t ctrl, uint64_t now, struct pcihp_event *ev)
{
	if (now < s->ready_ms)
		return;
	if (function0_answers(s, acc)) {
		indicator_on(s, acc, ctrl);
		s->state = PCIHP_READY;
		set_event(ev, s, PCIHP_EV_ARRIVED, false);
	} else if (now >= s->deadline_ms) {
		give_up(s, acc, ctrl, ev);
	}
}

static void step(struct pcihp_slot *s, const struct pci_access *acc, uint16_t ctrl,
		 uint16_t sta, uint64_t now, struct pcihp_event *ev)
{
	bool present = sta & SLTSTA_PDS;

	if (!present) {
		if (s->state != PCIHP_EMPTY)
			card_lost(s, acc, ctrl, ev);
		return;
	}
	switch (s->state) {
	case PCIHP_EMPTY:
		power_on(s, acc, ctrl);
		s->state = PCIHP_POWERING;
		s->deadline_ms = now + PCIHP_LINK_TIMEOUT_MS;
		set_event(ev, s, PCIHP_EV_PRESENT, false);
		break;
	case PCIHP_POWERING:
		step_powering(s, acc, ctrl, now, ev);
		break;
	case PCIHP_SETTLING:
		step_settling(s, acc, ctrl, now, ev);
		break;
	case PCIHP_READY:
		if (sta & SLTSTA_ABP) {
			s->state = PCIHP_REMOVING;
			set_event(ev, s, PCIHP_EV_REMOVING, false);
		}
		break;
	case PCIHP_OFF:
		/* device_del after a failed arrival: complete the removal. */
		if (sta & SLTSTA_ABP)
			power_off(s, acc, ctrl);
		break;
	default:        /* PCIHP_REMOVING: waits for pcihp_release() */
		break;
	}
}

enum status pcihp_poll(struct pcihp_slot *s, const struct pci_access *acc,
		       uint64_t now_ms, struct pcihp_event *ev)
{
	uint32_t d;
	uint16_t ctrl, sta, events;

	if (!s || !acc || !ev)
		return STATUS_INVALID_ARGUMENT;
	set_event(ev, s, PCIHP_EV_NONE, false);
	d = slot_rd(s, acc, CAP_SLOT_DWORD);
	if (d == 0xffffffffu)
		return STATUS_IO_ERROR;
	ctrl = (uint16_t)d;
	sta = (uint16_t)(d >> 16);
	events = sta & SLTSTA_EVENTS;
	if (events) {
		acc->write32(acc->ctx, s->bus, s->dev, s->fn,
			     (uint16_t)(s->cap + CAP_SLOT_DWORD),
			     (uint32_t)(events | (sta & SLTSTA_CC)) << 16 | ctrl);
		s->acked |= events;
	}
	step(s, acc, ctrl, sta, now_ms, ev);
	return STATUS_OK;
}

enum status pcihp_release(struct pcihp_slot *s, const struct pci_access *acc)
{
	if (!s || !acc || s->state != PCIHP_REMOVING)
		return STATUS_INVALID_ARGUMENT;
	power_off(s, acc, (uint16_t)slot_rd(s, acc, CAP_SLOT_DWORD));
	s->state = PCIHP_OFF;
	return STATUS_OK;
}

enum status pcihp_slot_init(struct pcihp_slot *s, const struct pci_access *acc,
			    const struct pci_device *port)
{
	uint32_t d;

	if (!s || !acc || !acc->read32 || !acc->write32 || !port)
		return STATUS_INVALID_ARGUMENT;
	if (port->header_type != PCI_HDR_BRIDGE || !port->slot.hotplug ||
	    port->secondary <= port->bus || port->slot.cap_offset < 0x40)
		return STATUS_INVALID_ARGUMENT;
	*s = (struct pcihp_slot){ .bus = port->bus, .dev = port->dev, .fn = port->fn,
			       .cap = port->slot.cap_offset,
			       .secondary = port->secondary,
			       .number = port->slot.number };
	s->link_reporting = slot_rd(s, acc, CAP_LINK_CAP) & LNKCAP_DLLLA_CAP;
	d = slot_rd(s, acc, CAP_SLOT_DWORD);
	if (((d >> 16) & SLTSTA_PDS) && !(d & SLTCTL_PCC))
		s->state = PCIHP_READY;
	else
		s->state = PCIHP_EMPTY;
	return STATUS_OK;
}

const char *pcihp_state_name(enum pcihp_state st)
{
	static const char *const names[] = {
		"empty", "powering", "settling", "ready", "removing", "off",
	};

	return (unsigned)st < sizeof(names) / sizeof(names[0]) ? names[st] : "unknown";
}

const char *pcihp_event_name(enum pcihp_event_kind kind)
{
	static const char *const names[] = {
		"none", "present", "arrived", "removing", "gone", "timeout",
	};

	return (unsigned)kind < sizeof(names) / sizeof(names[0]) ? names[kind] : "unknown";
}
