/*
 * dd_store.h - the policy's blob and its log record to the config store.
 * dd_store.c runs kh_storewriter's sequence over the block device the
 * target's dd_store_<arch>.c opens: the virtio-blk store disk (x86_64),
 * the kernel's Store capability (ColdFire).
 */
#ifndef DEVDISC_DD_STORE_H
#define DEVDISC_DD_STORE_H

#include "dd.h"
#include "retune_policy.h"
#include "blkdev.h"

/* Opens the config store before any device is mapped, so that the
 * writer's records, mappings and DMA frame are taken first (logs
 * `store-open`).  Fails as dd_store_device() does; the first write tries
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

/* The target's store as a block device, opened at the first call and
 * kept (dd_store_<arch>.c).  NOT_FOUND without the grant or the disk. */
enum status dd_store_device(struct dd_state *d, const struct blkdev **dev);

#endif
