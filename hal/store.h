/*
 * hal/store.h - the config store as the port reaches it, for the Store
 * capability (kernel/object/store.c), which has checked every offset,
 * length and user buffer before it calls here.
 *
 * ColdFire: the host file named by the boot-arguments block, through
 * QEMU semihosting, which only works in supervisor mode (a user program's
 * `halt` is a privilege violation on QEMU 7.2 even with userspace=on).
 * x86_64: NOT_SUPPORTED (the store is a virtio-blk disk that user space
 * drives itself, userland/storewriter/).
 */
#ifndef HAL_STORE_H
#define HAL_STORE_H

#include <stdint.h>
#include "status.h"

/* [offset, offset + len) of the store, len <= KH_STORE_IO_MAX.  A short
 * read or write is IO_ERROR; no path or no file is NOT_FOUND. */
enum status hal_store_read(uint32_t offset, void *buf, uint32_t len);
enum status hal_store_write(uint32_t offset, const void *buf, uint32_t len);

/* Bytes written so far reach the host file (ColdFire: the file is
 * closed; the next call opens it again). */
enum status hal_store_flush(void);

#endif
