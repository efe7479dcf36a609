/*
 * crc32c.c - CRC-32C (Castagnoli), reflected polynomial 0x82F63B78.
 *
 * A 16-entry table, one nibble at a time: 64 bytes of table and a loop
 * small enough for the bootloader, about four times faster than a bitwise
 * loop.  The check value of "123456789" is 0xE3069283.
 */
#include "bootcfg.h"

/* crc32c_nibble[n] = CRC state after shifting nibble n through the
 * reflected polynomial four times. */
static const uint32_t crc32c_nibble[16] = {
	0x00000000u, 0x105ec76fu, 0x20bd8edeu, 0x30e349b1u,
	0x417b1dbcu, 0x5125dad3u, 0x61c69362u, 0x7198540du,
	0x82f63b78u, 0x92a8fc17u, 0xa24bb5a6u, 0xb21572c9u,
	0xc38d26c4u, 0xd3d3e1abu, 0xe330a81au, 0xf36e6f75u,
};

/* Advances a raw (not inverted) CRC state over data. */
uint32_t crc32c_update(uint32_t crc, const void *data, size_t len)
{
	const uint8_t *p = data;

	for (size_t i = 0; i < len; i++) {
		crc ^= p[i];
		crc = (crc >> 4) ^ crc32c_nibble[crc & 0xfu];
		crc = (crc >> 4) ^ crc32c_nibble[crc & 0xfu];
	}
	return crc;
}

uint32_t crc32c(const void *data, size_t len)
{
	return crc32c_update(0xffffffffu, data, len) ^ 0xffffffffu;
}
