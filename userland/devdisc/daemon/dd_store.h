/*
 * dd_store.h - the policy's blob and its log record to the config store.
 * dd_store.c writes through kh_storewriter where the target has it
 * (x86_64); dd_store_none.c says what it would write and refuses.
 */
#ifndef DEVDISC_DD_STORE_H
#define DEVDISC_DD_STORE_H

#include "dd.h"
#include "retune_policy.h"

/* Writes dec->next and its log record, reads back and verifies.  OK
 * means a reboot now boots on it; d->tuning becomes it. */
enum status dd_store_write(struct dd_state *d, const struct retune_decision *dec);

/* Once per boot, after the boot's decision: if no write of this boot has counted it,
 * writes the blob in effect with boot_count + 1 (no log record) and says
 * `devdisc: boot-count boot=<n> status=<s> slot=<A|B|none> generation=<g>`.
 * A failure costs nothing but the count. */
enum status dd_store_count_boot(struct dd_state *d);

#endif
