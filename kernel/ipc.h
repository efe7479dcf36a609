/*
 * ipc.h - endpoint records.  Synchronous IPC arrives with the capability
 * issue; the table's size is reserved in the fixed heap now so that adding
 * IPC does not change how the heap is planned.
 */
#ifndef KERNEL_IPC_H
#define KERNEL_IPC_H

#include <stdint.h>

struct endpoint {
	uint32_t state;        /* idle / senders waiting / receiver waiting */
	uint32_t badge;
	uint32_t send_head;    /* process slot queues, 0xffffffff = empty */
	uint32_t recv_head;
	uint64_t reserved;
};

_Static_assert(sizeof(struct endpoint) == 24, "endpoint record size is planned");

#endif
