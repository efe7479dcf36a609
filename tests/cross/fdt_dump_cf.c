/*
 * fdt_dump_cf.c - the FDT walker built for ColdFire (big-endian), run as a
 * Linux user program under qemu-m68k by the host test fdt_cross: reads a
 * DTB on stdin, writes what the guest would log:
 *   status=<status>
 *   <fdtw_format_walk lines>
 *   need=<frames> fingerprint=<16 hex digits>
 * The host test compares this with the host build's answer byte for byte.
 *
 * No libc: its own _start and raw m68k Linux system calls
 * (m68k_linux.h).  Exit 0, or 1 on an I/O failure.
 */
#include <stdarg.h>

#include "fdtw_walk.h"
#include "fdtw_need.h"
#include "fdtw_log.h"
#include "fmt.h"
#include "m68k_linux.h"

static uint8_t blob[256 * 1024] __attribute__((aligned(8)));  /* libfdt */
FDTW_RESULT(walk, 256, 1024);
static char text[64 * 1024];

static void write_all(const char *p, size_t n)
{
	while (n > 0) {
		long done = syscall3(SYS_WRITE, 1, (long)p, (long)n);

		if (done <= 0)
			sys_exit(1);
		p += done;
		n -= (size_t)done;
	}
}

/* stdin up to EOF; a blob larger than the buffer is cut (the walker then
 * reports BAD_LENGTH, as it would for a short buffer). */
static size_t read_all(void)
{
	size_t n = 0;

	while (n < sizeof(blob)) {
		long got = syscall3(SYS_READ, 0, (long)(blob + n),
				    (long)(sizeof(blob) - n));

		if (got < 0)
			sys_exit(1);
		if (got == 0)
			break;
		n += (size_t)got;
	}
	return n;
}

struct buf_sink {
	struct fmt_sink sink;
	char buf[128];
	size_t len;
};

static void put(struct fmt_sink *s, char c)
{
	struct buf_sink *b = (struct buf_sink *)s;

	if (b->len + 1 < sizeof(b->buf))
		b->buf[b->len++] = c;
}

static void print(const char *fmt, ...)
{
	struct buf_sink b;       /* no initialiser: GCC would call memset */
	va_list ap;

	b.sink.put = put;
	b.len = 0;
	va_start(ap, fmt);
	fmt_vformat(&b.sink, fmt, ap);
	va_end(ap);
	write_all(b.buf, b.len);
}

void _start(void) __attribute__((noreturn));
void _start(void)
{
	size_t n = read_all(), len = 0;
	enum status st = fdtw_walk(blob, n, &walk);
	uint32_t need = 0;

	print("status=%s\n", status_name(st));
	if (st == STATUS_OK || st == STATUS_BAD_IMAGE) {
		if (fdtw_format_walk(&walk, text, sizeof(text), &len) == STATUS_OK)
			write_all(text, len);
		(void)fdtw_need(&walk, &need);
		print("need=%u fingerprint=%016llx\n", (unsigned)need,
		      (unsigned long long)fdtw_fingerprint(&walk));
	}
	sys_exit(0);
}
