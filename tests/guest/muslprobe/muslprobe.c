/*
 * muslprobe - a program linked with musl's libc.a: formatting, parsing
 * and string functions work; the Linux calls musl issues (write, getpid,
 * open, mmap through malloc) come back as ENOSYS, never a crash; errno
 * lives in musl's thread area (its thread pointer came from arch_prctl).
 * User code is built -mgeneral-regs-only like the rest of userland, so no
 * floating point here; musl's own code uses SSE (the kernel switches it).
 *
 * Manifest: muslprobe console
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include "kh_user.h"
#include "kh_expect.h"

static void formatting(void)
{
	char buf[64];
	char *end;

	int n = snprintf(buf, sizeof(buf), "%s=%05d/%#x/%ld", "pool", 42, 0xcf8, -7L);
	kh_expect("snprintf length", (uint64_t)n, strlen("pool=00042/0xcf8/-7"));
	kh_expect("snprintf text", strcmp(buf, "pool=00042/0xcf8/-7"), 0);
	kh_expect("strtoul hex", strtoul("0xfed00000", &end, 0), 0xfed00000ul);
	kh_expect("strtoul end", *end, 0);
	kh_expect("strtoull", strtoull("18446744073709551615", NULL, 10), ~0ull);
	kh_expect("memcmp", memcmp("abc", "abd", 3) < 0, 1);
	kh_expect("strchr", (uint64_t)(strchr("a,b", ',') - "a,b" >= 0), 1);
	kh_printf("muslprobe: %s\n", buf);
}

static void linux_calls(void)
{
	errno = 0;
	kh_expect("write fails", (uint64_t)write(1, "x", 1), (uint64_t)-1);
	kh_expect("write errno", (uint64_t)errno, ENOSYS);
	errno = 0;
	kh_expect("open fails", (uint64_t)open("/x", O_RDONLY), (uint64_t)-1);
	kh_expect("open errno", (uint64_t)errno, ENOSYS);
	kh_expect("getpid raw", (uint64_t)getpid(), (uint64_t)-ENOSYS);
	kh_expect("malloc without mmap/brk", (uint64_t)malloc(1 << 20), 0);
}

int main(void)
{
	formatting();
	linux_calls();
	return kh_expect_done("muslprobe");
}
