/*
 * dd_tuning.h - the blob this boot runs on, as the loader decoded it
 * (BootInfo), in the form the retune policy reads.
 */
#ifndef DEVDISC_DD_TUNING_H
#define DEVDISC_DD_TUNING_H

#include "bootcfg.h"
#include "kh_syscall.h"

void dd_tuning_from_facts(const struct kh_bootfacts *f, struct bootcfg *c);

#endif
