/*
 * port_io_x86.h - x86 port I/O (outb/inb), for the x86_64 loader and the
 * x86_64 port (arch/x86_64/x86.h).  x86 only: include it from x86 code
 * alone.
 */
#ifndef KH_PORT_IO_X86_H
#define KH_PORT_IO_X86_H

#include <stdint.h>

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

#endif
