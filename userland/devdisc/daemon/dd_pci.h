/*
 * dd_pci.h - the PCI bus backend's state, shared by its two files:
 * dd_pci_bus.c (walk, region table, need, log lines) and dd_pci_watch.c
 * (the hot-plug watch, which walks again after every slot event).
 */
#ifndef DEVDISC_DD_PCI_H
#define DEVDISC_DD_PCI_H

#include "dd.h"
#include "pci.h"
#include "pcihp_slot.h"
#include "dd_table.h"

/* Hot-plug reserve in `need`, per hot-plug-capable slot: 1024 frames
 * (4 MiB of BAR).  Small enough that the default machine (4 root ports)
 * fits the default pool without a re-tune; a bigger arrival is the
 * policy's business (served from headroom, or a re-tune). */
#define DD_PCI_HOTPLUG_RESERVE_FRAMES 1024u

/* Room the device table keeps for hot-plug, per hot-plug-capable port
 * (one function behind each; whole frames round it up); a rewalk that
 * needs more grows the table again. */
#define DD_PCI_ROOM_PER_SLOT 1u

/* Hot-plug slots devdisc watches: one per bus number, so every port PCI
 * can address is watched (a slot is ~40 bytes: 10 KiB). */
#define DD_PCI_SLOTS_MAX PCI_MAX_BUSES

/*
 * The walk's device and warning tables and the region table are
 * dd_table.h tables: frames from FrameAlloc sized from what the walk
 * finds (dd_pci_walk grows them and walks again), a small seed when
 * FrameAlloc refuses.  The region table holds twice d->region_cap: the
 * upper half is the watch's copy of the table before a rewalk, so that
 * the copy never needs memory of its own.
 */
struct dd_pci {
	uint32_t io;                            /* IOPort slot: 0xCF8-0xCFF */
	struct pci_walk_result walk;            /* over devices and warnings */
	struct dd_table devices, warnings, regions;
	uint8_t roots[PCI_MAX_ROOTS];           /* root buses, found at boot */
	unsigned nroots;                        /* 0 until then: bus 0 alone */
	uint32_t regions_dropped;               /* memory BARs beyond the table */
	struct pcihp_slot slot[DD_PCI_SLOTS_MAX];
	uint32_t nslot;
	uint64_t polled_ms[DD_PCI_SLOTS_MAX];   /* when each slot was last read */
	bool acpi;                              /* slots use ACPI hot-plug */
};

extern struct dd_pci dd_pci;   /* large (the slot table): not on the stack */

/* A walk of the bus into dd_pci.walk.  A table the walk found too small
 * is grown (dd_table_reserve) and the walk made again; a table that
 * stays short (FrameAlloc refused) prints one `limit` line and the walk
 * is kept truncated.  Otherwise silent. */
enum status dd_pci_walk(void);

/* The region table from dd_pci.walk, grown first to the BARs it has
 * (warns and prints a `limit` line when it cannot be).  Returns the
 * table as it was before (the old nregion entries, in the copy half),
 * for dd_regions_keep. */
const struct dd_region *dd_pci_collect(struct dd_state *d);

/* The one line a full table prints: `devdisc: limit what=<table>
 * have=<capacity> need=<wanted>` (need: at least that many). */
void dd_pci_limit(const char *what, uint32_t have, uint32_t need);

/* dd_pci_slots.c: the slot table from the walk (every hot-plug port, the
 * first DD_PCI_SLOTS_MAX kept); returns how many ports the walk has. */
uint32_t dd_pci_slots_scan(void);

/* Table index of function bus:dev.fn in the current walk, or -1; the
 * slot's port's. */
int dd_pci_walk_index(uint8_t bus, uint8_t dev, uint8_t fn);
int dd_pci_port_index(const struct pcihp_slot *s);

/* `devdisc: hotplug slot=<number> event=<kind> port=<bdf> bus=<bus>
 * after_ms= pool= pool_free=`, for any port (a root port, an SHPC bridge). */
void dd_pci_log_hotplug(const struct pci_device *port, uint32_t number, uint8_t kind,
			uint8_t bus, uint64_t after);

/* `devdisc: hotplug slot=<n> event=<e> port= bus= after_ms= pool=
 * pool_free=` for slot k. */
void dd_pci_log_event(uint32_t k, const struct pcihp_event *ev, uint64_t after);

/* Every device below the slot's port unmapped (`removed` lines). */
void dd_pci_unmap_port(struct dd_state *d, const struct pcihp_slot *s);

/* Device `top` of the walk and everything below it unmapped, deepest
 * first (`removed` lines). */
void dd_pci_unmap_subtree(struct dd_state *d, uint16_t top);

/* A requested removal completed: unmapped, then the slot powered off
 * (`released`), upon which QEMU sends DEVICE_DELETED. */
void dd_pci_remove(struct dd_state *d, struct pcihp_slot *s);

/* dd_pci_acpi.c: QEMU's ACPI PCI hot-plug registers.  _init (after the
 * slot table) says whether the machine uses them (dd_pci.acpi); _poll
 * gives this poll's events, up to cap, as (slot index, event) pairs;
 * _eject completes a requested removal of slot k (NOT_FOUND while its
 * bus number is not known); _mode names the mode for the log. */
bool dd_pci_acpi_init(void);
uint32_t dd_pci_acpi_poll(uint32_t *slots, struct pcihp_event *evs, uint32_t cap);
enum status dd_pci_acpi_eject(uint32_t k);
const char *dd_pci_acpi_mode(void);

/* dd_pci_shpc.c: the SHPC hot-plug controllers of walked bridges
 * (devices hot-plugged behind a pcie-pci-bridge).  _scan after each walk
 * keeps the table in step (a controller's events unmasked when first
 * seen); _poll gives this poll's slot events (ARRIVED once the slot is
 * enabled, REMOVING on a device_del, GONE); _release completes a removal
 * (slot disabled, power LED off: QEMU removes the device). */
#define DD_PCI_SHPC_MAX PCI_MAX_BUSES   /* one per bridge: 4 KiB */
struct dd_shpc_event {
	uint8_t kind;                 /* enum pcihp_event_kind */
	uint8_t bus, dev, fn;         /* the bridge */
	uint8_t secondary, slot;      /* its bus; the device number there */
};
void dd_pci_shpc_scan(const struct dd_state *d);
uint32_t dd_pci_shpc_poll(struct dd_shpc_event *evs, uint32_t cap);
enum status dd_pci_shpc_release(const struct dd_shpc_event *ev);

/* dd_pci_drivers.c: devdisc as device manager.  A newly mapped device's
 * BARs are published and handed to its driver, if devdisc knows one and
 * holds Process (dd_bus_log_mapped is there); _revoke tells that driver
 * its device goes (the frames are rescinded when the device is unmapped). */
void dd_pci_drivers_revoke(const struct dd_state *d, uint16_t dev);

/* "bb:dd.f" of a function, for the log lines. */
void dd_pci_bdf(char out[8], const struct pci_device *dev);

#endif
