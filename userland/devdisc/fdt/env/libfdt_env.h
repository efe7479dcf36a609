/*
 * libfdt_env.h - the environment libfdt expects, for the freestanding
 * ColdFire build of the libfdt sources extracted from linux-source-6.1
 * (cmake/libfdt.cmake; their own libfdt_env.h is left out because it
 * includes the C library's headers).
 *
 * Big-endian fdtNN_t types with byte-wise conversion (correct on either
 * byte order), and the few string functions libfdt calls.  Those are
 * static inline under kh_fdt_ names and mapped by macros, so the library
 * defines no memcpy/strlen a program's own runtime could collide with.
 */
#ifndef LIBFDT_ENV_H
#define LIBFDT_ENV_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint16_t fdt16_t;
typedef uint32_t fdt32_t;
typedef uint64_t fdt64_t;

/* Read the value's bytes in memory order, most significant first. */
static inline uint64_t kh_fdt_be(const void *p, unsigned nbytes)
{
	const uint8_t *b = p;
	uint64_t v = 0;

	for (unsigned i = 0; i < nbytes; i++)
		v = v << 8 | b[i];
	return v;
}

static inline uint16_t fdt16_to_cpu(fdt16_t x) { return (uint16_t)kh_fdt_be(&x, 2); }
static inline uint32_t fdt32_to_cpu(fdt32_t x) { return (uint32_t)kh_fdt_be(&x, 4); }
static inline uint64_t fdt64_to_cpu(fdt64_t x) { return kh_fdt_be(&x, 8); }
/* To big-endian is the same byte permutation as from big-endian. */
static inline fdt16_t cpu_to_fdt16(uint16_t x) { return fdt16_to_cpu(x); }
static inline fdt32_t cpu_to_fdt32(uint32_t x) { return fdt32_to_cpu(x); }
static inline fdt64_t cpu_to_fdt64(uint64_t x) { return fdt64_to_cpu(x); }

static inline void *kh_fdt_memcpy(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

/* Overlap-safe: copies backwards when dst lies above src. */
static inline void *kh_fdt_memmove(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	if (d <= s)
		return kh_fdt_memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

static inline void *kh_fdt_memset(void *dst, int c, size_t n)
{
	uint8_t *d = dst;

	while (n--)
		*d++ = (uint8_t)c;
	return dst;
}

static inline int kh_fdt_memcmp(const void *a, const void *b, size_t n)
{
	const uint8_t *x = a, *y = b;

	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

static inline void *kh_fdt_memchr(const void *p, int c, size_t n)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i] == (uint8_t)c)
			return (void *)(b + i);
	return NULL;
}

static inline size_t kh_fdt_strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

static inline size_t kh_fdt_strlen(const char *s)
{
	return kh_fdt_strnlen(s, SIZE_MAX);
}

static inline char *kh_fdt_strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (*s == '\0')
			return NULL;
	}
}

static inline char *kh_fdt_strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (*s == '\0')
			return (char *)last;
	}
}

#define memcpy  kh_fdt_memcpy
#define memmove kh_fdt_memmove
#define memset  kh_fdt_memset
#define memcmp  kh_fdt_memcmp
#define memchr  kh_fdt_memchr
#define strlen  kh_fdt_strlen
#define strnlen kh_fdt_strnlen
#define strchr  kh_fdt_strchr
#define strrchr kh_fdt_strrchr

#endif
