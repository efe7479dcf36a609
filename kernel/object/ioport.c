/*
 * object/ioport.c - IOPort: width, alignment and range checks, then the
 * access through hal/io.h.
 */
#include "object/ioport.h"

/* Port I/O through the system call (not the TSS bitmap): every access is
 * checked against the slot's range, which stays exact to the port. */
enum status invoke_IOPORT(struct process *p, struct cap *c, uint32_t op,
			  const uint64_t *a, uint64_t *reply)
{
	uint64_t port = a[0], width = a[1];

	(void)p;
	if (op != KH_OP_IO_IN && op != KH_OP_IO_OUT)
		return STATUS_INVALID_ARGUMENT;
	if (width != 1 && width != 2 && width != 4)
		return STATUS_INVALID_ARGUMENT;
	if (port % width)
		return STATUS_MISALIGNED;
	if (port < c->arg0 || port > 0xffff || port + width - 1 > c->arg1)
		return STATUS_OUT_OF_RANGE;
	if (op == KH_OP_IO_IN)
		reply[0] = hal_port_in((uint16_t)port, (unsigned)width);
	else
		hal_port_out((uint16_t)port, (unsigned)width, (uint32_t)a[2]);
	return STATUS_OK;
}
