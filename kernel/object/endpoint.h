/*
 * object/endpoint.h - the Endpoint capability: synchronous IPC (call,
 * receive, reply) and the endpoint records.  An endpoint is named in the
 * manifest (`endpoint:<name>`): the first program granted a name creates
 * it, every later one shares it.  The table is carved from the heap at boot; a slot,
 * once named, stays for the boot.
 */
#ifndef KERNEL_OBJECT_ENDPOINT_H
#define KERNEL_OBJECT_ENDPOINT_H

#include <stdint.h>
#include "cap.h"
#include "invoke.h"

struct endpoint {
	char     name[CAP_NAME_BYTES];  /* "" = unused */
	uint32_t receiver;              /* slot waiting in RECV, PROC_NONE */
	uint32_t send_head;             /* FIFO of callers (process.next) */
	uint32_t send_tail;
	uint32_t owner;                 /* pid whose own endpoint it is
					   (Process.ENDPOINT), else 0 */
};

_Static_assert(sizeof(struct endpoint) == 28, "endpoint record size is planned");

void ipc_init(void);                               /* before heap_seal() */

/* The endpoint named `name` (CAP_NAME_BYTES, NUL-padded), created on the
 * first grant of that name; NO_MEMORY when the table is full. */
enum status ipc_endpoint_named(const char *name, uint32_t *index);

void ipc_release(struct process *p);

/* The endpoint of process `pid` itself ("~<pid>", the same on every
 * call): its parent talks to its children on it (Process.ENDPOINT). */
enum status ipc_endpoint_own(uint32_t pid, uint32_t *index);

/* p ended: the death-notice endpoint's receiver hears it now, or at its
 * next RECV (KH_OP_DEATHS). */
void ipc_death(struct process *p);               /* dequeue a dying process */

INVOKE_HANDLER(ENDPOINT);

#endif
