/*
 * hal/io.h - port I/O on behalf of a program holding an IOPort capability.
 * The kernel checks the capability's range; the port only does the access.
 * A port without port I/O (ColdFire) never has IOPort grants to check.
 */
#ifndef HAL_IO_H
#define HAL_IO_H

#include <stdint.h>

/* width is 1, 2 or 4 bytes (checked by the caller). */
uint32_t hal_port_in(uint16_t port, unsigned width);
void hal_port_out(uint16_t port, unsigned width, uint32_t value);

#endif
