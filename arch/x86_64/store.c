/*
 * store.c - no Store capability on x86_64 (hal/store.h): the config
 * store is a virtio-blk disk that user space drives (userland/
 * storewriter/), so every call is NOT_SUPPORTED.
 */
#include "hal/store.h"

enum status hal_store_read(uint32_t offset, void *buf, uint32_t len)
{
	(void)offset; (void)buf; (void)len;
	return STATUS_NOT_SUPPORTED;
}

enum status hal_store_write(uint32_t offset, const void *buf, uint32_t len)
{
	(void)offset; (void)buf; (void)len;
	return STATUS_NOT_SUPPORTED;
}

enum status hal_store_flush(void)
{
	return STATUS_NOT_SUPPORTED;
}
