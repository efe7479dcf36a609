/*
 * kernel_elf.c - user-program ELF validation: a well-formed image parses
 * to the right entry and segments (in either byte order), and each way of
 * being malformed, foreign or outside user space gets its own status with
 * the output untouched.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "elf.h"

#define USER_BASE 0x400000ull
#define USER_TOP  0x0000800000000000ull
#define EM_X86_64 62u

static const struct elf_limits lim = {
	.machine = EM_X86_64, .user_base = USER_BASE, .user_top = USER_TOP, .elf32 = false,
};

struct image {
	uint8_t b[4096];
	int big;
};

static void put(struct image *im, size_t at, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		im->b[at + (im->big ? n - 1 - i : i)] = (uint8_t)(v >> (8 * i));
}

/* ELF header with `phnum` program headers right after it. */
static void header(struct image *im, int big, unsigned phnum, uint64_t entry)
{
	memset(im->b, 0, sizeof(im->b));
	im->big = big;
	memcpy(im->b, "\x7f" "ELF", 4);
	im->b[4] = 2;
	im->b[5] = big ? 2 : 1;
	im->b[6] = 1;
	put(im, 16, 2, 2);            /* ET_EXEC */
	put(im, 18, EM_X86_64, 2);
	put(im, 20, 1, 4);
	put(im, 24, entry, 8);
	put(im, 32, 64, 8);           /* phoff */
	put(im, 52, 64, 2);
	put(im, 54, 56, 2);
	put(im, 56, phnum, 2);
}

static void phdr(struct image *im, unsigned i, uint32_t type, uint32_t flags, uint64_t off,
		 uint64_t vaddr, uint64_t filesz, uint64_t memsz)
{
	size_t at = 64 + 56 * i;

	put(im, at, type, 4);
	put(im, at + 4, flags, 4);
	put(im, at + 8, off, 8);
	put(im, at + 16, vaddr, 8);
	put(im, at + 24, vaddr, 8);
	put(im, at + 32, filesz, 8);
	put(im, at + 40, memsz, 8);
}

/* text (R+X) at 4 MiB, a note, data (R+W) with bss. */
static void good(struct image *im, int big)
{
	header(im, big, 3, USER_BASE + 0x10);
	phdr(im, 0, 1, 5, 0x200, USER_BASE, 0x100, 0x100);
	phdr(im, 1, 4, 4, 0x300, 0, 0x10, 0x10);
	phdr(im, 2, 1, 6, 0x400, USER_BASE + 0x1000, 0x80, 0x3000);
}

static void test_good_image_parses(void **state)
{
	(void)state;
	for (int big = 0; big < 2; big++) {
		struct image im;
		struct elf_image out;
		good(&im, big);
		assert_int_equal(elf_parse(im.b, sizeof(im.b), &lim, &out), STATUS_OK);
		assert_int_equal(out.entry, USER_BASE + 0x10);
		assert_int_equal(out.segment_count, 2);
		assert_int_equal(out.segment[0].vaddr, USER_BASE);
		assert_int_equal(out.segment[0].flags, ELF_SEG_EXEC);
		assert_int_equal(out.segment[1].offset, 0x400);
		assert_int_equal(out.segment[1].filesz, 0x80);
		assert_int_equal(out.segment[1].memsz, 0x3000);
		assert_int_equal(out.segment[1].flags, ELF_SEG_WRITE);
	}
}

static void expect(struct image *im, size_t size, enum status want)
{
	struct elf_image out, untouched;

	memset(&out, 0x3c, sizeof(out));
	untouched = out;
	assert_int_equal(elf_parse(im->b, size, &lim, &out), want);
	assert_memory_equal(&out, &untouched, sizeof(out));
}

static void test_malformed_is_bad_image(void **state)
{
	(void)state;
	struct image im;

	good(&im, 0); im.b[1] = 'X';                   expect(&im, sizeof(im.b), STATUS_BAD_IMAGE);
	good(&im, 0); im.b[5] = 3;                     expect(&im, sizeof(im.b), STATUS_BAD_IMAGE);
	good(&im, 0); im.b[6] = 0;                     expect(&im, sizeof(im.b), STATUS_BAD_IMAGE);
	good(&im, 0);                                  expect(&im, 63, STATUS_BAD_IMAGE);
	good(&im, 0); put(&im, 54, 32, 2);             expect(&im, sizeof(im.b), STATUS_BAD_IMAGE);
	good(&im, 0); put(&im, 56, 0, 2);              expect(&im, sizeof(im.b), STATUS_BAD_IMAGE);
	good(&im, 0); put(&im, 32, 4090, 8);           expect(&im, sizeof(im.b), STATUS_BAD_IMAGE);
	good(&im, 0); put(&im, 32, UINT64_MAX - 8, 8); expect(&im, sizeof(im.b), STATUS_BAD_IMAGE);
	/* file bytes beyond the file, filesz > memsz */
	good(&im, 0); phdr(&im, 0, 1, 5, 0xf80, USER_BASE, 0x100, 0x100);
	expect(&im, sizeof(im.b), STATUS_BAD_IMAGE);
	good(&im, 0); phdr(&im, 0, 1, 5, UINT64_MAX, USER_BASE, 2, 0x100);
	expect(&im, sizeof(im.b), STATUS_BAD_IMAGE);
	good(&im, 0); phdr(&im, 2, 1, 6, 0x400, USER_BASE + 0x1000, 0x200, 0x100);
	expect(&im, sizeof(im.b), STATUS_BAD_IMAGE);
	/* only empty loads */
	header(&im, 0, 1, USER_BASE); phdr(&im, 0, 1, 5, 0, USER_BASE, 0, 0);
	expect(&im, sizeof(im.b), STATUS_BAD_IMAGE);
}

static void test_foreign_is_not_supported(void **state)
{
	(void)state;
	struct image im;

	good(&im, 0); im.b[4] = 1;          expect(&im, sizeof(im.b), STATUS_NOT_SUPPORTED);
	good(&im, 0); put(&im, 18, 4, 2);   expect(&im, sizeof(im.b), STATUS_NOT_SUPPORTED);
	good(&im, 0); put(&im, 16, 3, 2);   expect(&im, sizeof(im.b), STATUS_NOT_SUPPORTED);
	header(&im, 0, ELF_MAX_SEGMENTS + 1, USER_BASE);
	for (unsigned i = 0; i <= ELF_MAX_SEGMENTS; i++)
		phdr(&im, i, 1, 5, 0, USER_BASE + i * 0x1000, 0x10, 0x10);
	expect(&im, sizeof(im.b), STATUS_NOT_SUPPORTED);
}

static void test_outside_user_space(void **state)
{
	(void)state;
	struct image im;

	good(&im, 0); phdr(&im, 0, 1, 5, 0x200, 0xffffffff80100000ull, 0x100, 0x100);
	expect(&im, sizeof(im.b), STATUS_OUT_OF_RANGE);
	good(&im, 0); phdr(&im, 0, 1, 5, 0x200, 0x1000, 0x100, 0x100);
	expect(&im, sizeof(im.b), STATUS_OUT_OF_RANGE);
	good(&im, 0); phdr(&im, 2, 1, 6, 0x400, USER_TOP - 0x1000, 0x80, 0x2000);
	expect(&im, sizeof(im.b), STATUS_OUT_OF_RANGE);
	good(&im, 0); phdr(&im, 2, 1, 6, 0x400, USER_BASE + 0x1000, 0x80, UINT64_MAX);
	expect(&im, sizeof(im.b), STATUS_OUT_OF_RANGE);
	/* entry in the data segment, or nowhere */
	good(&im, 0); put(&im, 24, USER_BASE + 0x1010, 8); expect(&im, sizeof(im.b), STATUS_OUT_OF_RANGE);
	good(&im, 0); put(&im, 24, USER_BASE + 0x100, 8);  expect(&im, sizeof(im.b), STATUS_OUT_OF_RANGE);
}

/* Every truncation of a good image short of its last byte in use fails,
 * and none reads past the buffer it is given (run under valgrind/ASan). */
static void test_truncations_fail(void **state)
{
	(void)state;
	struct image im;
	struct elf_image out;

	good(&im, 0);
	for (size_t size = 0; size < 0x480; size++) {
		uint8_t *copy = malloc(size ? size : 1);
		memcpy(copy, im.b, size);
		assert_int_not_equal(elf_parse(copy, size, &lim, &out), STATUS_OK);
		free(copy);
	}
	assert_int_equal(elf_parse(im.b, 0x480, &lim, &out), STATUS_OK);
	assert_int_equal(elf_parse(NULL, 64, &lim, &out), STATUS_INVALID_ARGUMENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_image_parses),
		cmocka_unit_test(test_malformed_is_bad_image),
		cmocka_unit_test(test_foreign_is_not_supported),
		cmocka_unit_test(test_outside_user_space),
		cmocka_unit_test(test_truncations_fail),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
