/*
 * object/ioport.c - IOPort: width, alignment and range checks, then the
 * access through hal/io.h.
 */
#include <stdbool.h>
#include "object/ioport.h"

#define PORT_RESET_CONTROL  0xcf9u   /* chipset reset register (q35, PIIX) */
#define PORT_CONFIG_ADDRESS 0xcf8u   /* its dword neighbour: CONFIG_ADDRESS */

/* 0xCF9 resets the machine: an access that would reach it needs a grant
 * of exactly that port (the Reboot capability is the usual way).  A dword
 * at 0xCF8 is the PCI configuration address, not the reset register, so
 * `ioport:0xcf8-0xcff` keeps configuration space and loses only reset. */
static bool reaches_reset(const struct cap *c, uint64_t port, uint64_t width)
{
	if (port > PORT_RESET_CONTROL || port + width - 1 < PORT_RESET_CONTROL)
		return false;
	if (port == PORT_CONFIG_ADDRESS && width == 4)
		return false;
	return !(c->arg0 == PORT_RESET_CONTROL && c->arg1 == PORT_RESET_CONTROL);
}

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
	if (reaches_reset(c, port, width))
		return STATUS_FENCED;
	if (op == KH_OP_IO_IN)
		reply[0] = hal_port_in((uint16_t)port, (unsigned)width);
	else
		hal_port_out((uint16_t)port, (unsigned)width, (uint32_t)a[2]);
	return STATUS_OK;
}
