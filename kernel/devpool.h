/*
 * devpool.h - the kernel's one device StructPage pool (pool.h), laid over
 * the heap's POOL part at boot with the blob's N and H.
 */
#ifndef KERNEL_DEVPOOL_H
#define KERNEL_DEVPOOL_H

#include <stdint.h>
#include "pool.h"

/* Before heap_seal().  Panics if pool_init refuses the figures the
 * planner accepted (a kernel bug). */
void devpool_init(uint32_t n, uint32_t h);

struct pool *kernel_pool(void);

#endif
