/*
 * dd_store.h - the policy's blob and its log record to the config store,
 * written by the storewriter driver devdisc starts on the store
 * (dd_store_<arch>.c: the virtio-blk store disk on x86_64, the kernel's
 * Store capability on ColdFire) and asks over IPC (sw_client.h).
 */
#ifndef DEVDISC_DD_STORE_H
#define DEVDISC_DD_STORE_H

#include "dd.h"
#include "retune_policy.h"
#include "sw_client.h"

/* The driver image devdisc starts on the store: the torn-write test
 * images (devdisctorn, DEVDISC_TEAR) start tornwriter. */
#ifdef DEVDISC_TEAR
#define DD_STORE_IMAGE SW_TORN_IMAGE
#else
#define DD_STORE_IMAGE SW_DRIVER_IMAGE
#endif

/* Starts the driver on the store after the walk, before any device is
 * mapped, so that the store's records and DMA frame are taken first (logs
 * `store-open`).  Fails as dd_store_client() does; the first write tries
 * again. */
enum status dd_store_open(struct dd_state *d);

/* Writes dec->next and its log record, reads back and verifies.  OK
 * means a reboot now boots on it; d->tuning becomes it. */
enum status dd_store_write(struct dd_state *d, const struct retune_decision *dec);

/* Once per boot, after the boot's decision: if no write of this boot has
 * counted it, writes the blob in effect with boot_count + 1 (no log
 * record) and says `devdisc: boot-count boot=<n> status=<s>
 * slot=<A|B|none> generation=<g>`.  A failure costs nothing but the
 * count. */
enum status dd_store_count_boot(struct dd_state *d);

/* The driver on the target's store, started at the first call and kept
 * (started again if it ended); *c is valid even on failure (frames 0).
 * NOT_FOUND without the grants or the disk. */
enum status dd_store_client(struct dd_state *d, struct sw_client **c);

/* Tells the driver to end (devdisc is about to exit). */
void dd_store_close(struct dd_state *d);

#endif
