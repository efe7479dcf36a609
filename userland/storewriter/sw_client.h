/*
 * sw_client.h - the manager's side of the store writer: starting the
 * storewriter driver on the store's device (kh_drvmgr.h) and asking it to
 * write (sw_proto.h).  devdisc uses it for the re-tune and boot-count
 * writes, storetest to exercise the driver alone.
 *
 * x86_64: the candidates are the virtio-blk functions of a walk, in its
 * order (QEMU's defaults put both disks on pcie.0, libvirt each behind a
 * root port of its own).  For each in turn the manager publishes every memory BAR's
 * frames (one record per frame, taken now), turns on memory decode and bus
 * mastering, reads the configuration space, and starts the driver holding
 * a capability for exactly each BAR, that snapshot and a FrameAlloc
 * narrowed to one frame.  The driver reads the disk's serial: a disk that
 * is not the store answers NOT_FOUND, and its frames are rescinded.
 * ColdFire: the driver is started holding the Store capability.
 */
#ifndef STOREWRITER_SW_CLIENT_H
#define STOREWRITER_SW_CLIENT_H

#include "kh_drvmgr.h"
#include "sw_proto.h"

#define SW_DRIVER_IMAGE "storewriter"
#define SW_TORN_IMAGE   "tornwriter"   /* its first logged write is torn */
#define SW_BARS         6u

struct sw_bar {
	uint32_t index, pages;
	uint64_t phys, len;      /* the BAR's address and size */
	uint32_t master;         /* published: its master slot + 1; 0 = none */
};

struct sw_client {
	struct kh_driver drv;
	struct sw_bar bar[SW_BARS];
	uint32_t nbar;
	uint32_t frames;         /* published for the store (the pool's records) */
	bool open;               /* the driver runs on the store */
};

struct pci_access;
struct pci_device;

/* What the manager holds for it (x86_64). */
struct sw_pci_env {
	const struct pci_access *cfg;
	uint32_t proc, devmem, framealloc;
	const char *image;                       /* SW_DRIVER_IMAGE or SW_TORN_IMAGE */
	/* told of every candidate tried, with how it went (for the log) */
	void (*tried)(void *ctx, const struct sw_client *c, enum status st);
	void *ctx;
};

/* x86_64: the first candidate among devs[0..n) that is the store.
 * NOT_FOUND if none is; otherwise the first other error met. */
enum status sw_client_open_pci(struct sw_client *c, const struct sw_pci_env *env,
			       const struct pci_device *devs, uint32_t n);

/* ColdFire: the driver holding the Store capability in slot `store`. */
enum status sw_client_open_store(struct sw_client *c, uint32_t proc, uint32_t store,
				 const char *image);

/* Ends the driver (REVOKE while it runs, else STOP) and gives back what
 * was published for it (x86_64: the disk's frames, rescinded); *c is then
 * closed and may be opened again (a driver that ended by itself is
 * restarted this way). */
void sw_client_close(struct sw_client *c);

/* One write (store_write.h's contract): *next and *rec (NULL: a blob
 * alone) come back as written.  r->st is the answer; a transport failure
 * is that status with nothing on the disk known, NOT_FOUND when the
 * driver has ended (then close and open again). */
enum status sw_client_write(struct sw_client *c, struct bootcfg *next,
			    struct bootcfg_log_record *rec, struct sw_result *r);

#endif
