/*
 * kh_user.h - the freestanding user runtime (x86_64 and ColdFire alike):
 * system-call wrappers and a small formatted print.  Programs linked with
 * musl use it too (the wrappers keep their names; mem.c gives way to
 * musl's).
 */
#ifndef KH_USER_H
#define KH_USER_H

#include <stdint.h>
#include <stddef.h>
#include "kh_syscall.h"
#include "status.h"
#include "bootinfo.h"

/* Raw system call: number and up to six arguments; the result register
 * (rax on x86_64, d0 on ColdFire). */
uint64_t kh_syscall6(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2,
		     uint64_t a3, uint64_t a4, uint64_t a5);

enum status kh_console_write(const void *buf, size_t len);
void kh_exit(long status) __attribute__((noreturn));
enum status kh_stats(struct kh_stats *out);
enum status kh_reboot(enum boot_reason reason);
uint32_t kh_getpid(void);

/* printf subset: %s %c %d %u %x with l/z modifiers.  One console write
 * per call (lines up to 256 bytes stay whole). */
void kh_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int main(void);

#endif
