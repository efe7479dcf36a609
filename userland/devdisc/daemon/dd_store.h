/*
 * dd_store.h - the policy's blob and its log record to the config store.
 * dd_store.c writes through kh_storewriter where the target has it
 * (x86_64); dd_store_none.c says what it would write and refuses.
 */
#ifndef DEVDISC_DD_STORE_H
#define DEVDISC_DD_STORE_H

#include "dd.h"
#include "retune_policy.h"

/* Opens the config store before any device is mapped, so that the
 * writer's records, mappings and DMA frame are taken first (logs
 * `store-open`).  NOT_SUPPORTED where there is no store writer. */
enum status dd_store_open(struct dd_state *d);

/* Writes dec->next and its log record, reads back and verifies.  OK
 * means a reboot now boots on it; d->tuning becomes it. */
enum status dd_store_write(struct dd_state *d, const struct retune_decision *dec);

#endif
