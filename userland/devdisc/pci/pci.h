/*
 * pci.h - the PCI walker of devdisc: bus enumeration, BAR sizing, bridge
 * windows and PCIe slot capabilities, over an abstract config accessor.
 *
 * The walker never touches hardware itself: the guest program plugs in an
 * accessor over ports 0xCF8/0xCFC, the host tests one over a synthetic
 * config space (tests/fixtures/pci/).  It allocates nothing: the device
 * and warning tables are the caller's (PCI_WALK_RESULT, or
 * pci_walk_result_init over storage the caller sized, as fdtw_walk.h
 * does); a full device table is a warning and the count goes on
 * (dev_wanted), so a second walk over a table that big finds everything.
 *
 * Hostile hardware (looping capability lists, bus numbers pointing back up
 * the tree, nonsense BAR size reads, devices vanishing mid-walk, unknown
 * header types) is skipped with a warning record; the walk always ends.
 * docs/devdisc.md describes the walk, the sizing protocol and each warning.
 */
#ifndef DEVDISC_PCI_H
#define DEVDISC_PCI_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "status.h"

/* Config space accessor.  `offset` is dword aligned and below 256 (the
 * conventional space that 0xCF8/0xCFC reach). */
struct pci_access {
	void *ctx;
	uint32_t (*read32)(void *ctx, uint8_t bus, uint8_t dev, uint8_t fn,
			   uint16_t offset);
	void (*write32)(void *ctx, uint8_t bus, uint8_t dev, uint8_t fn,
			uint16_t offset, uint32_t value);
};

/* Fixed capacities cover everything PCI can address: a segment has 256
 * bus numbers, each walked at most once, so the walk's bus stack and the
 * root list never fill (256 x 8 bytes and 256 bytes).  The device and
 * warning tables are the caller's (capacities in the result). */
#define PCI_MAX_BUSES     256
#define PCI_MAX_FUNCTIONS (PCI_MAX_BUSES * 32u * 8u)   /* 65536 */
#define PCI_MAX_BARS      7    /* six BARs + expansion ROM */
#define PCI_MAX_WINDOWS   2
#define PCI_MAX_ROOTS     256  /* root buses: pcie.0 and expander bridges */
#define PCI_WARN_RESERVED 2    /* table places kept for walk-wide warnings */
#define PCI_ROM_INDEX     6    /* the ROM's index in logs, as Linux does */
#define PCI_NO_PARENT     0xffffu

/* Upper bound on config accesses of one walk (reads + writes): buses x
 * functions x the most one function can cost (header, 6 BARs sized twice
 * for 64-bit halves, ROM, windows, 48 capabilities, re-checks). */
#define PCI_MAX_ACCESSES_PER_FN  256u
#define PCI_MAX_ACCESSES  (PCI_MAX_BUSES * 256u * PCI_MAX_ACCESSES_PER_FN)

enum pci_bar_kind { PCI_BAR_MEM32, PCI_BAR_MEM64, PCI_BAR_IO, PCI_BAR_ROM };

struct pci_bar {
	uint64_t addr;           /* as the firmware left it (flag bits removed) */
	uint64_t size;           /* bytes, a power of two */
	uint8_t index;           /* 0..5, PCI_ROM_INDEX for the ROM */
	uint8_t kind;            /* enum pci_bar_kind */
	bool pref;
};

enum pci_window_kind {
	PCI_WIN_MEM,             /* PCI-to-PCI bridge memory window */
	PCI_WIN_PREF,            /* ... prefetchable window (maybe 64-bit) */
	PCI_WIN_CB_MEM0,         /* CardBus memory window 0 */
	PCI_WIN_CB_MEM1,         /* CardBus memory window 1 */
};

/* An enabled forwarding window: [base, limit], limit inclusive. */
struct pci_window {
	uint64_t base, limit;
	uint8_t kind;            /* enum pci_window_kind */
	bool pref;
};

/* PCIe capability facts devdisc needs (pcihp/ watches the slot). */
struct pci_slot {
	bool pcie;               /* has a PCI Express capability */
	bool implemented;        /* port with a slot behind it */
	bool hotplug;            /* Slot Capabilities: hot-plug capable */
	bool power_ctl;          /* power controller present */
	bool attn_button;        /* attention button present */
	uint8_t port_type;       /* PCIe device/port type (4 = root port) */
	uint8_t cap_offset;      /* where the PCIe capability lives */
	uint16_t number;         /* physical slot number */
	uint32_t slot_cap;       /* raw Slot Capabilities register */
};

#define PCI_COMMAND_IO   0x1u   /* I/O space decode */
#define PCI_COMMAND_MEM  0x2u   /* memory space decode */

struct pci_device {
	uint8_t bus, dev, fn;
	uint8_t header_type;     /* 0, 1 or 2 (multi-function bit removed) */
	uint8_t depth;           /* bridges between bus 0 and this device */
	uint8_t secondary;       /* bridges: bus below, as read */
	uint8_t subordinate;
	uint8_t nbars, nwindows;
	uint16_t vendor, device;
	uint16_t parent;         /* table index of the upstream bridge */
	uint16_t command;        /* command register as read (decode enables) */
	uint32_t class_code;     /* base class, sub class, prog-if (24 bits) */
	struct pci_bar bar[PCI_MAX_BARS];
	struct pci_window window[PCI_MAX_WINDOWS];
	struct pci_slot slot;
};

#define PCI_WARN_LIST(X)                                                  \
	X(BAD_VENDOR,        "bad-vendor")        /* vendor 0xffff, device not */ \
	X(BAD_HEADER_TYPE,   "bad-header-type")   /* not 0, 1 or 2 */           \
	X(VANISHED,          "vanished")          /* reads all ones mid-walk */ \
	X(CAP_LOOP,          "cap-loop")          /* capability list revisits */\
	X(BAD_CAP_POINTER,   "bad-cap-pointer")   /* points into the header */  \
	X(BUS_LOOP,          "bus-loop")          /* secondary <= parent bus */ \
	X(BUS_REVISIT,       "bus-revisit")       /* secondary already walked */\
	X(BAD_BAR_TYPE,      "bad-bar-type")      /* reserved memory type */    \
	X(BAD_BAR_SIZE,      "bad-bar-size")      /* non-contiguous mask */     \
	X(BAR_TOO_LARGE,     "bar-too-large")     /* beyond the address space */\
	X(BAR64_LAST_SLOT,   "bar64-last-slot")   /* no upper half to read */   \
	X(TRUNCATED_DEVICES, "truncated-devices") /* device table full */       \
	X(TRUNCATED_BUSES,   "truncated-buses")   /* bus budget spent */

enum pci_warn_what {
#define PCI_WARN_ENUM(name, text) PCI_WARN_##name,
	PCI_WARN_LIST(PCI_WARN_ENUM)
#undef PCI_WARN_ENUM
	PCI_WARN_COUNT
};

/* A skipped thing.  detail: BAR index, capability offset or bus number. */
struct pci_warning {
	uint8_t bus, dev, fn;
	bool has_dev;            /* false for walk-wide warnings (truncation) */
	uint8_t what;            /* enum pci_warn_what */
	uint32_t detail;
};

/* Truncation flags. */
#define PCI_TRUNC_DEVICES   0x1u
#define PCI_TRUNC_BUSES     0x2u
#define PCI_TRUNC_WARNINGS  0x4u

struct pci_walk_result {
	struct pci_device *dev;      /* dev_cap entries, the caller's */
	struct pci_warning *warn;    /* warn_cap entries, the caller's */
	uint32_t dev_cap, warn_cap;
	uint32_t dev_wanted;         /* functions found, kept or not */
	uint16_t ndev;
	uint16_t nwarn;
	uint16_t warn_dropped;   /* warnings that did not fit */
	uint16_t nbuses;         /* buses walked (counted ones included) */
	uint32_t truncated;      /* PCI_TRUNC_* */
	uint32_t accesses;       /* config reads + writes the walk made */
};

/* A result over static storage of the given capacities (file scope). */
#define PCI_WALK_RESULT(name, ndev, nwarn)                                      \
	static struct pci_device name##_devs[ndev];                             \
	static struct pci_warning name##_warns[nwarn];                          \
	static struct pci_walk_result name = { .dev = name##_devs, .warn = name##_warns, \
					       .dev_cap = (ndev), .warn_cap = (nwarn) }

/* The result over dev[dev_cap] and warn[warn_cap]: dev_cap is clamped to
 * 65535 (ndev is 16 bits), warn_cap to 65535.  Warnings of one function
 * use warn_cap - PCI_WARN_RESERVED places, the rest are for the
 * walk-wide ones (truncation), so that they are never lost. */
void pci_walk_result_init(struct pci_walk_result *r, struct pci_device *dev, uint32_t dev_cap,
			  struct pci_warning *warn, uint32_t warn_cap);

/* Warnings the walk found, kept or not: a table of this many plus
 * PCI_WARN_RESERVED holds them all. */
uint32_t pci_walk_warn_wanted(const struct pci_walk_result *r);

/*
 * Walks every bus reachable from bus 0, in depth-first order: on each bus
 * functions in (device, function) order, and a bridge's bus right after
 * the bridge.  That order depends only on where devices sit, not on the
 * bus numbers the firmware chose.  BARs are sized with decode disabled and
 * restored afterwards, so a walk may be repeated (over a bigger table).
 * Functions past a full device table are counted, not read: their ID, header type and, for
 * bridges, bus numbers (so the buses behind them are counted too), no
 * BAR sizing, no warnings (dev_wanted, truncated).  STATUS_OK even with
 * warnings or truncation; INVALID_ARGUMENT for a NULL or incomplete
 * accessor, or a result without tables.
 */
enum status pci_walk(const struct pci_access *acc, struct pci_walk_result *out);

/* The same over several root buses, in the order given (bus 0 first, then
 * the expander bridges' root buses, pxb-pcie): each root's tree is walked
 * whole, its devices at depth 0 with no parent.  INVALID_ARGUMENT for no
 * roots or more than PCI_MAX_ROOTS. */
enum status pci_walk_roots(const struct pci_access *acc, const uint8_t *roots, unsigned nroots,
			   struct pci_walk_result *out);

/* The root buses of the machine: roots[0] = 0, then every bus number,
 * ascending, that no bridge of `walked` (a walk from bus 0) or of a root
 * found before forwards to and on which some device answers (how firmware
 * finds QEMU's pxb-pcie buses: they are not behind any bridge).  Costs up
 * to 32 config reads per unclaimed bus number (*reads says how many);
 * SHORT_BUFFER when more than `cap` roots answer (the first cap kept). */
enum status pci_walk_find_roots(const struct pci_access *acc, const struct pci_walk_result *walked,
				uint8_t *roots, unsigned cap, unsigned *n, uint32_t *reads);

/* Names in the log lines: pci_warn.c, pci_log.c. */
const char *pci_warn_name(enum pci_warn_what what);
const char *pci_bar_kind_name(enum pci_bar_kind kind);
const char *pci_window_kind_name(enum pci_window_kind kind);

#endif
