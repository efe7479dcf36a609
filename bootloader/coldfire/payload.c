/*
 * payload.c - the files appended to the ROM image by mkcfimage.py
 * (layout in loader.h).  Everything is checked before it is used: a bad
 * payload stops the boot with a clear line, it never half-loads.
 */
#include "loader.h"

#define HEADER_BYTES 16u

static const uint8_t *payload(void)
{
	uint32_t base = CF_PAYLOAD_OFFSET;

	__asm__("" : "+d"(base));   /* a ROM address, not a null-ish pointer */
	return (const uint8_t *)base;
}

static uint32_t payload_limit(void)
{
	return CF_ROM_BYTES - CF_PAYLOAD_OFFSET;
}

enum status payload_count(uint32_t *count)
{
	const uint8_t *p = payload();
	uint32_t n = be32(p + 8), total = be32(p + 12);

	if (memcmp(p, CF_PAYLOAD_MAGIC, 8))
		return STATUS_BAD_MAGIC;
	if (n == 0 || n > 2 + BOOTINFO_PROGRAMS_MAX || total > payload_limit() ||
	    HEADER_BYTES + n * CF_ENTRY_BYTES > total)
		return STATUS_BAD_IMAGE;
	*count = n;
	return STATUS_OK;
}

static bool terminated(const uint8_t *s, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++)
		if (!s[i])
			return true;
	return false;
}

enum status payload_file(uint32_t i, struct cf_file *out)
{
	const uint8_t *p = payload();
	const uint8_t *e = p + HEADER_BYTES + i * CF_ENTRY_BYTES;
	uint32_t total = be32(p + 12);
	uint32_t off = be32(e + 128), size = be32(e + 132);

	if (!terminated(e, BOOTINFO_NAME_BYTES) || !e[0] ||
	    !terminated(e + BOOTINFO_NAME_BYTES, BOOTINFO_CAPS_BYTES))
		return STATUS_BAD_IMAGE;
	if (off > total || size > total - off || size == 0)
		return STATUS_BAD_IMAGE;
	memcpy(out->name, e, BOOTINFO_NAME_BYTES);
	memcpy(out->caps, e + BOOTINFO_NAME_BYTES, BOOTINFO_CAPS_BYTES);
	out->data = p + off;
	out->size = size;
	return STATUS_OK;
}
