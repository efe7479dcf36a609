/*
 * fdtw_need.h - what devdisc's policy needs from an FDT walk: the need
 * (frames of every region) and the device-configuration fingerprint.
 * Pure; no 64-bit division or multiply (ColdFire links without libgcc).
 */
#ifndef DEVDISC_FDTW_NEED_H
#define DEVDISC_FDTW_NEED_H

#include <stdint.h>
#include "status.h"
#include "fdtw_walk.h"

/* 4 KiB frames a region covers (each region rounded up on its own). */
uint64_t fdtw_region_frames(uint64_t size);

/* Frames of every region of every device; OUT_OF_RANGE (and *frames
 * untouched) beyond 32 bits. */
enum status fdtw_need(const struct fdtw_result *r, uint32_t *frames);

/*
 * Order-independent: the sum (mod 2^64) of one FNV-1a 64 hash per device
 * over its path, compatible string, region count and region sizes, then
 * mixed with the device count.  Paths carry unit addresses, so "the same
 * device in the same place" is the same term wherever dtc put the node;
 * translated addresses are left out like PCI's are.
 */
uint64_t fdtw_fingerprint(const struct fdtw_result *r);

#endif
