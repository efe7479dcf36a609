/* The shared formatter against the host's snprintf, which is the reference
 * for every conversion fmt.h promises. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "fmt.h"

struct buf_sink {
	struct fmt_sink sink;
	char text[128];
	size_t len;
};

static void buf_put(struct fmt_sink *s, char c)
{
	struct buf_sink *b = (struct buf_sink *)s;

	if (b->len + 1 < sizeof(b->text))
		b->text[b->len++] = c;
	b->text[b->len] = '\0';
}

static const char *format(struct buf_sink *b, const char *fmt, ...)
{
	va_list ap;

	b->sink.put = buf_put;
	b->len = 0;
	b->text[0] = '\0';
	va_start(ap, fmt);
	fmt_vformat(&b->sink, fmt, ap);
	va_end(ap);
	return b->text;
}

static const uint64_t samples[] = {
	0, 1, 9, 10, 15, 16, 99, 100, 65535, 65536, 4294967295u, 4294967296ull,
	1000000007ull, 0x123456789abcdefull, 18446744073709551615ull,
	10000000000000000000ull, 0xffff0000ffff0000ull,
};

static void test_unsigned_matches_snprintf(void **state)
{
	(void)state;
	struct buf_sink b;
	char want[64];

	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		unsigned long long v = samples[i];
		snprintf(want, sizeof(want), "%llu %llx", v, v);
		assert_string_equal(format(&b, "%llu %llx", v, v), want);
		snprintf(want, sizeof(want), "%lu/%lx", (unsigned long)v, (unsigned long)v);
		assert_string_equal(format(&b, "%lu/%lx", (unsigned long)v, (unsigned long)v), want);
		snprintf(want, sizeof(want), "%u %x", (unsigned)v, (unsigned)v);
		assert_string_equal(format(&b, "%u %x", (unsigned)v, (unsigned)v), want);
	}
}

static void test_signed_and_width(void **state)
{
	(void)state;
	struct buf_sink b;

	assert_string_equal(format(&b, "%d %d %ld", -1, 0, -9223372036854775807L - 1),
			    "-1 0 -9223372036854775808");
	assert_string_equal(format(&b, "%08x|%03lu|%2u", 0xbeefu, 7ul, 12345u),
			    "0000beef|007|12345");
	assert_string_equal(format(&b, "%zu", (size_t)4096), "4096");
}

static void test_strings_chars_percent(void **state)
{
	(void)state;
	struct buf_sink b;

	assert_string_equal(format(&b, "%s=%c%%", "key", 'v'), "key=v%");
	assert_string_equal(format(&b, "[%s]", (const char *)NULL), "[(null)]");
}

static void test_bad_conversions_are_visible(void **state)
{
	(void)state;
	struct buf_sink b;

	/* An unknown conversion is printed as written and takes no argument. */
	assert_string_equal(format(&b, "a%qb%u", 5u), "a%qb5");
	/* A trailing '%' ends the output. */
	assert_string_equal(format(&b, "end%"), "end");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unsigned_matches_snprintf),
		cmocka_unit_test(test_signed_and_width),
		cmocka_unit_test(test_strings_chars_percent),
		cmocka_unit_test(test_bad_conversions_are_visible),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
