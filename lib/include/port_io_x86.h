/*
 * port_io_x86.h - x86 port I/O (8, 16, 32 bits: outb/inb, outw/inw,
 * outl/inl), for the x86_64 loader and the x86_64 port
 * (arch/x86_64/x86.h).  x86 only: include it from x86 code alone.
 */
#ifndef KH_PORT_IO_X86_H
#define KH_PORT_IO_X86_H

#include <stdint.h>

/* out<w>(port, v) and in<w>(port) for one width; the instruction's
 * suffix is the width's letter. */
#define KH_PORT_IO(w, type)                                                     \
	static inline void out##w(uint16_t port, type v)                        \
	{                                                                       \
		__asm__ volatile("out" #w " %0, %1" : : "a"(v), "Nd"(port));    \
	}                                                                       \
	static inline type in##w(uint16_t port)                                 \
	{                                                                       \
		type v;                                                         \
		__asm__ volatile("in" #w " %1, %0" : "=a"(v) : "Nd"(port));     \
		return v;                                                       \
	}

KH_PORT_IO(b, uint8_t)
KH_PORT_IO(w, uint16_t)
KH_PORT_IO(l, uint32_t)

#undef KH_PORT_IO

#endif
