/*
 * object/console.c - Console: user bytes to hal_console_putc, copied in
 * chunks after one check of the whole range.
 */
#include "object/console.h"
#include "usercopy.h"

enum status console_write(struct process *p, uint64_t buf, uint64_t len)
{
	char chunk[256];

	if (len > KH_CONSOLE_WRITE_MAX)
		return STATUS_OUT_OF_RANGE;
	/* Check the whole range first: a bad buffer prints nothing. */
	enum status st = user_range_check(p, buf, len, 0);
	for (uint64_t done = 0; !st && done < len; done += sizeof(chunk)) {
		uint64_t n = len - done < sizeof(chunk) ? len - done : sizeof(chunk);
		st = user_copy_in(p, chunk, buf + done, n);
		for (uint64_t i = 0; !st && i < n; i++)
			hal_console_putc(chunk[i]);
	}
	return st;
}

enum status invoke_CONSOLE(struct process *p, struct cap *c, uint32_t op,
			   const uint64_t *a, uint64_t *reply)
{
	(void)c; (void)reply;
	if (op != KH_OP_CONSOLE_WRITE)
		return STATUS_INVALID_ARGUMENT;
	return console_write(p, a[0], a[1]);
}
