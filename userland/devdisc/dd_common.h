/*
 * dd_common.h - what devdisc's two in-guest programs (PCI on x86_64,
 * main.c; FDT on ColdFire, cf_main.c) share.
 */
#ifndef DD_COMMON_H
#define DD_COMMON_H

#include <stddef.h>
#include "bootcfg.h"
#include "kh_objects.h"
#include "status.h"

/* The blob this boot runs on, as the loader decoded it (BootInfo). */
void dd_tuning_from_facts(const struct kh_bootfacts *f, struct bootcfg *c);

/* Writes what a formatter put in buf, one console write per line so that
 * no other writer splits a line; an error status becomes one error line.
 * `len` by pointer: it must be read after the formatter has run. */
void dd_write_lines(enum status st, const char *buf, const size_t *len);

#endif
