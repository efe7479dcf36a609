/*
 * object/endpoint.h - the Endpoint capability: synchronous IPC (call,
 * receive, reply) and the endpoint records.  An endpoint is named in the
 * manifest (`endpoint:<name>`): the first program granted a name creates
 * it, every later one shares it; a process's own endpoints are made on its
 * first Process.ENDPOINT(k).  The table is carved from the heap at boot; a
 * named record stays for the boot, an own one goes back once its owner has
 * ended and no live process holds a slot naming it.
 */
#ifndef KERNEL_OBJECT_ENDPOINT_H
#define KERNEL_OBJECT_ENDPOINT_H

#include <stdint.h>
#include "cap.h"
#include "invoke.h"

/* A manifest endpoint is found by its name, a process's own endpoint
 * (Process.ENDPOINT) by its owner's pid and index, never by a text: the
 * two kinds cannot collide, whatever the pid. */
struct endpoint {
	char     name[CAP_NAME_BYTES];  /* manifest endpoint; "" for an own one */
	uint32_t receiver;              /* slot waiting in RECV, PROC_NONE */
	uint32_t send_head;             /* FIFO of callers (process.next) */
	uint32_t send_tail;
	uint32_t owner;                 /* pid whose own endpoint it is, else 0
					   (name "" and owner 0: unused) */
	uint32_t own_index;             /* which of the owner's KH_OWN_ENDPOINTS */
};

_Static_assert(sizeof(struct endpoint) == 32, "endpoint record size is planned");

void ipc_init(void);                               /* before heap_seal() */

/* The endpoint named `name` (CAP_NAME_BYTES, NUL-padded), created on the
 * first grant of that name; NO_MEMORY when the table is full. */
enum status ipc_endpoint_named(const char *name, uint32_t *index);

void ipc_release(struct process *p);

/* The k-th own endpoint of process `pid` (k < KH_OWN_ENDPOINTS, the same
 * one on every call): it talks to its children on them
 * (Process.ENDPOINT).  NO_MEMORY when the table is full. */
enum status ipc_endpoint_own(uint32_t pid, uint32_t k, uint32_t *index);

/* p ended: the death-notice endpoint's receiver hears it now, or at its
 * next RECV (KH_OP_DEATHS). */
void ipc_death(struct process *p);               /* dequeue a dying process */

/* Is a death-notice endpoint registered and held with the receive right
 * by a live process (someone can still read the notices that wait)? */
bool ipc_deaths_readable(void);

INVOKE_HANDLER(ENDPOINT);

#endif
