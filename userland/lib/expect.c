/*
 * expect.c - check counting for the test programs (kh_expect.h).
 */
#include "kh_expect.h"
#include "kh_user.h"

static unsigned passed, failed;

void kh_expect(const char *what, uint64_t got, uint64_t want)
{
	if (got == want) {
		passed++;
		return;
	}
	failed++;
	kh_printf("FAIL %s got=0x%lx want=0x%lx\n", what, (unsigned long)got, (unsigned long)want);
}

void kh_expect_true(const char *what, int cond)
{
	kh_expect(what, cond != 0, 1);
}

int kh_expect_done(const char *prog)
{
	kh_printf("%s: done passed=%u failed=%u\n", prog, passed, failed);
	return failed ? 1 : 0;
}
