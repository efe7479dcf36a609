/*
 * dd_policy.h - measure, decide and act: the shared retune policy
 * (retune_policy.h) asked about the devices now, and what devdisc does
 * with its answer.  Called once at boot (a cold change meets the same
 * policy) and again after every hot-plug arrival or removal.
 */
#ifndef DEVDISC_DD_POLICY_H
#define DEVDISC_DD_POLICY_H

#include "dd.h"

/* d->need and d->fingerprint for the devices now. */
enum status dd_measure(struct dd_state *d);

/* dd_measure(), the policy's decision (the `decision` line), then act on
 * it: grow from headroom, give up, write the blob, reboot. */
enum status dd_retune(struct dd_state *d);

#endif
