/*
 * devpool.c - the device StructPage pool instance.
 */
#include "devpool.h"
#include "heap.h"
#include "log.h"

static struct pool dev_pool;

void devpool_init(uint32_t n, uint32_t h)
{
	void *region = heap_alloc(HEAP_PART_POOL, pool_region_bytes(n, h), 16);
	enum status st = pool_init(&dev_pool, region, n, h);

	if (st)
		panic("pool_init n=%u h=%u: %s", n, h, status_name(st));
}

struct pool *kernel_pool(void)
{
	return &dev_pool;
}
