/*
 * exec.h - program loading: a process from one manifest entry (its ELF
 * image already in memory, placed by the loader) and its grants.
 */
#ifndef KERNEL_EXEC_H
#define KERNEL_EXEC_H

#include <stdint.h>
#include "bootinfo.h"
#include "status.h"

/* Builds a process from one manifest entry: validates name, grants and
 * ELF first, then maps.  On failure nothing is left allocated. */
enum status process_create(const struct bootinfo_program *prog, uint32_t *pid);

/* The same image started by process `parent` with copies of n of its
 * capabilities (already checked, capops.h) instead of the manifest's
 * grants (KH_OP_PROC_SPAWN). */
struct cap;
enum status process_spawn_image(const struct bootinfo_program *prog, const struct cap *caps,
				unsigned n, uint32_t parent, uint32_t *pid);

#endif
