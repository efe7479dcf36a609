/*
 * usercopy.h - reaching a process's memory from the kernel: range checks
 * and copies in and out, through the direct map.
 */
#ifndef KERNEL_USERCOPY_H
#define KERNEL_USERCOPY_H

#include <stdint.h>
#include "proc.h"

/* OK if [va, va + len) is user memory of p mapped with `need`
 * (HAL_MAP_WRITE or 0); OUT_OF_RANGE / NO_PERMISSION otherwise. */
enum status user_range_check(const struct process *p, uint64_t va, uint64_t len,
			     unsigned need);

/* Copies between kernel memory and the current process's address space.
 * The whole range is checked (mapped, user, writable for copy_out) before
 * a byte moves: NO_PERMISSION / OUT_OF_RANGE and nothing copied. */
enum status user_copy_in(const struct process *p, void *dst, uint64_t src, uint64_t len);
enum status user_copy_out(const struct process *p, uint64_t dst, const void *src, uint64_t len);

#endif
