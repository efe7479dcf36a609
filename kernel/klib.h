/*
 * klib.h - the few C library routines the kernel needs (the compiler also
 * emits calls to memcpy/memset for struct copies, so these names are
 * fixed).
 */
#ifndef KERNEL_KLIB_H
#define KERNEL_KLIB_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* Length of s, at most max (s need not be terminated within max). */
size_t kstrnlen(const char *s, size_t max);

/* Copies at most size-1 bytes and always terminates (size > 0). */
void kstrlcpy(char *dst, const char *src, size_t size);

static inline uint64_t min_u64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

#endif
