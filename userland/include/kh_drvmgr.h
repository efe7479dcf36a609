/*
 * kh_drvmgr.h - the manager's side of the device-manager protocol
 * (kh_drv.h): spawning a driver on one of the manager's own endpoints,
 * granting it capabilities, starting, calling and revoking it.  Used by
 * devdisc for every driver it starts (the store writer, ivshmem) and by
 * test programs that start a driver themselves (storetest).
 *
 * Each live driver has its own endpoint, Process.ENDPOINT(k) for a k no
 * other live driver of this process uses; a driver that ended gives its
 * k back (seen at the next spawn), so at most KH_OWN_ENDPOINTS drivers
 * run at once and a spawn past that is BUSY.
 */
#ifndef KH_DRVMGR_H
#define KH_DRVMGR_H

#include <stdbool.h>
#include <stdint.h>
#include "kh_syscall.h"
#include "kh_drv.h"
#include "status.h"

struct kh_driver {
	uint32_t proc;          /* the manager's Process slot */
	uint32_t ep;            /* its endpoint k's slot */
	uint32_t k;
	uint32_t pid;
	bool live;              /* spawned and not yet revoked or gone */
	char bdf[KH_DRV_BDF_BYTES];
};

/* Spawns `image` holding the manager's console (write), endpoint k
 * (chosen here; receive) and extra[0..nextra) (read and write) in that
 * order, none with the grant right.  BUSY: every k has a live driver;
 * otherwise Process.SPAWN's errors (NO_MEMORY: the process table full). */
enum status kh_drv_spawn(struct kh_driver *h, uint32_t proc, const char *image,
			 const char *bdf, const uint32_t *extra, uint32_t nextra);

/* One CALL with `label`; the transport's failure or the reply's label. */
enum status kh_drv_call(struct kh_driver *h, uint64_t label, struct kh_msg *m);

/* GRANT of BAR `index` (at phys, `len` bytes in `pages` frames), slot
 * `cap` sent with `rights` (the driver's copy has exactly those). */
enum status kh_drv_grant(struct kh_driver *h, uint32_t index, uint64_t phys, uint32_t pages,
			 uint64_t len, uint32_t cap, uint32_t rights);

/* CONFIG: the function's configuration space, KH_DRV_CONFIG_BYTES. */
enum status kh_drv_config(struct kh_driver *h, const uint8_t *config);

enum status kh_drv_start(struct kh_driver *h);

/* REVOKE, then the driver is no longer live (its k is free once it has
 * ended). */
enum status kh_drv_revoke(struct kh_driver *h);

/* Still running (its process live)? Clears h->live when not. */
bool kh_drv_alive(struct kh_driver *h);

/* Ends a driver that would not start or answer (Process.STOP). */
void kh_drv_stop(struct kh_driver *h);

#endif
