/*
 * kh_mem.h - the freestanding runtime's memcpy/memset (lib/mem.c): what
 * the compiler emits calls to for struct copies and zeroing.  Programs
 * linked with musl take musl's instead.
 */
#ifndef KH_MEM_H
#define KH_MEM_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);

#endif
