/*
 * ipc.h - endpoint records.  An endpoint is named in the manifest
 * (`endpoint:<name>`): the first program granted a name creates it, every
 * later one shares it.  The table is carved from the heap at boot; a slot,
 * once named, stays for the boot.
 */
#ifndef KERNEL_IPC_H
#define KERNEL_IPC_H

#include <stdint.h>
#include "cap.h"

struct endpoint {
	char     name[CAP_NAME_BYTES];  /* "" = unused */
	uint32_t receiver;              /* slot waiting in RECV, PROC_NONE */
	uint32_t send_head;             /* FIFO of callers (process.next) */
	uint32_t send_tail;
	uint32_t reserved;
};

_Static_assert(sizeof(struct endpoint) == 28, "endpoint record size is planned");

#endif
