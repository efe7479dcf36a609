/*
 * plot.h - `bootcfg plot`: the retune log drawn as an SVG chart (pool N
 * and need per record on a log scale, reboots marked).  Plain SVG 1.1
 * text, no script, no external files, so any browser or rsvg-convert
 * shows it.
 */
#ifndef BOOTCFG_PLOT_H
#define BOOTCFG_PLOT_H

#include <stdint.h>
#include <stdio.h>

#include "bootcfg.h"

/* Writes the chart of recs[0..count) (oldest first) to out; title names
 * the store.  Returns 0, or -1 when writing to out failed. */
int plot_svg(FILE *out, const char *title,
	     const struct bootcfg_log_record *recs, uint32_t count);

#endif
