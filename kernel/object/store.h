/*
 * object/store.h - the Store capability: the config store's bytes read
 * and written by the kernel for its holder (KH_OP_STORE_READ / _WRITE /
 * _FLUSH), where user space cannot reach the store itself (ColdFire:
 * semihosting needs supervisor mode).  The port does the I/O
 * (hal/store.h); x86_64's answers NOT_SUPPORTED.
 */
#ifndef KERNEL_OBJECT_STORE_H
#define KERNEL_OBJECT_STORE_H

#include "invoke.h"

INVOKE_HANDLER(STORE);

#endif
