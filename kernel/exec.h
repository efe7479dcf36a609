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

#endif
