/*
 * pcihp_assign.h - BAR placement for devices behind a bridge whose BARs the
 * firmware did not assign (hot-plugged devices behind a root port).
 *
 * The space is the port's forwarding windows (memory, prefetchable, I/O)
 * minus what devices already decoding behind it use.  BARs (sized by the
 * walker, pci_bar.c) are placed largest first, each naturally aligned, at
 * the lowest free address of the window the PCI rules allow:
 *   non-prefetchable memory          -> memory window
 *   prefetchable 64-bit               -> prefetchable window, else memory
 *                                        window (below 4 GiB, as allowed)
 *   prefetchable 32-bit               -> prefetchable window below 4 GiB,
 *                                        else memory window
 *   I/O                               -> I/O window
 * Expansion ROMs are not placed (devdisc never maps them; they stay off).
 * docs/hotplug-internals.md has the rules and the reasons.
 */
#ifndef DEVDISC_PCIHP_ASSIGN_H
#define DEVDISC_PCIHP_ASSIGN_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "status.h"
#include "pci.h"

#define PCIHP_MAX_DEVICES     8    /* one call places one slot: its 8 functions, the PCI maximum */
#define PCIHP_MAX_PLACEMENTS  (PCIHP_MAX_DEVICES * 6)

enum pcihp_win {
	PCIHP_WIN_MEM, PCIHP_WIN_PREF, PCIHP_WIN_IO, PCIHP_WIN_COUNT, PCIHP_WIN_NONE = 0xff
};

struct pcihp_range {
	uint64_t base, limit;    /* inclusive */
};

/* Where BARs may go behind one port.  A window with present == false is
 * closed (base above limit in the bridge).  The ranges already taken are
 * the caller's storage (used_cap entries; PCIHP_SPACE declares one): a
 * port has as many as its devices decode, so the caller sizes them from
 * what init says it wanted. */
struct pcihp_space {
	struct pcihp_range win[PCIHP_WIN_COUNT];
	bool present[PCIHP_WIN_COUNT];
	struct pcihp_range *used;  /* sorted by base */
	unsigned nused, used_cap;
	unsigned wanted;           /* init: ranges found + PCIHP_MAX_PLACEMENTS */
};

/* A space over static storage of n used ranges. */
#define PCIHP_SPACE(name, n)                                                   \
	static struct pcihp_range name##_used[n];                              \
	static struct pcihp_space name = { .used = name##_used, .used_cap = (n) }

/* What happened to one BAR. */
struct pcihp_placement {
	uint8_t dev;             /* index into the devs[] given */
	uint8_t index;           /* BAR index 0..5 */
	uint8_t kind;            /* enum pci_bar_kind */
	bool pref;
	uint8_t window;          /* enum pcihp_win it went to, or the one it wanted */
	uint64_t size;
	uint64_t addr;           /* valid if st == STATUS_OK */
	enum status st;          /* OK, or NO_MEMORY: did not fit */
};

struct pcihp_report {
	struct pcihp_placement p[PCIHP_MAX_PLACEMENTS];
	unsigned n;
	unsigned nofit;
};

/*
 * The space behind walk->dev[port]: its windows (memory and prefetchable
 * from the walk, I/O read from the bridge), and as used every memory or
 * I/O BAR of a device below the port (any depth) whose address lies inside
 * a window, and every window of a bridge below it.  INVALID_ARGUMENT if
 * `port` is not a PCI-to-PCI bridge of the table; NO_MEMORY, nothing
 * reserved, when the used storage cannot hold those ranges plus the
 * PCIHP_MAX_PLACEMENTS an assignment may add: sp->wanted says how many it
 * needs (the storage and its capacity are kept; give more and init again).
 */
enum status pcihp_space_init(struct pcihp_space *sp, const struct pci_access *acc,
			     const struct pci_walk_result *walk, uint16_t port);

/* Marks [base, base + size) used; NO_MEMORY when the table is full. */
enum status pcihp_space_reserve(struct pcihp_space *sp, uint64_t base, uint64_t size);

/*
 * Places every BAR of devs[0..n) (type-0 functions and hot-plugged
 * bridges, type 1, whose windows pcihp_bridge.h opens after; as the walker sized
 * them) and programs them with decode off; then enables memory decode for
 * a device whose memory BARs all fit, I/O decode likewise, and bus
 * mastering.  A BAR that does not fit is in the report with st NO_MEMORY
 * and its device keeps that decode off.  devs[i]->bar[].addr is updated.
 * OK even when some BAR did not fit (see rep->nofit); INVALID_ARGUMENT for
 * bad arguments (nothing written then).
 */
enum status pcihp_assign(struct pcihp_space *sp, const struct pci_access *acc,
			 struct pci_device *const *devs, unsigned n,
			 struct pcihp_report *rep);

/*
 *   devdisc: nofit dev=<bb:dd.f> bar=<i> size=<bytes> window=<kind>
 *            base=0x<hex> limit=0x<hex>
 * (window=none base=0x0 limit=0x0 when that window is closed).  On
 * SHORT_BUFFER *len is the length needed and buf holds "".
 */
enum status pcihp_format_nofit(const struct pcihp_space *sp, const struct pci_device *d,
			       const struct pcihp_placement *p, char *buf, size_t cap,
			       size_t *len);

#endif
