/*
 * kernel_elf32.c - ELF32 (ColdFire) validation in the shared checker
 * (lib/src/elf.c, used by the kernel and both loaders): a big-endian
 * EM_68K image parses to the right entry and segments; the class must be
 * the one the limits ask for (ELF32 for ColdFire, ELF64 for x86_64), bad
 * headers or segments get their own status with the output untouched;
 * the loaders' view (elf_check's fault, byte order, paddr, header only).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "elf.h"

#define USER_BASE 0x44000000ull
#define USER_TOP  0x47efc000ull
#define EM_68K    4u

static const struct elf_limits cf = { EM_68K, USER_BASE, USER_TOP, true, ELF_ORDER_ANY,
				      false, 0 };
static const struct elf_limits x86 = { 62, 0x400000ull, 0x0000800000000000ull, false,
				       ELF_ORDER_ANY, false, 0 };
/* The ColdFire loader's view: big-endian only, no rule on virtual
 * addresses, the entry in physical terms, at most 16 program headers. */
static const struct elf_limits loader = { EM_68K, 0, 0, true, ELF_ORDER_MSB, true, 16 };

static uint8_t img[4096];

static void put(size_t at, uint32_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		img[at + n - 1 - i] = (uint8_t)(v >> (8 * i));   /* big-endian */
}

static void header(unsigned phnum, uint32_t entry)
{
	memset(img, 0, sizeof(img));
	memcpy(img, "\x7f" "ELF", 4);
	img[4] = 1;                  /* ELFCLASS32 */
	img[5] = 2;                  /* big-endian */
	img[6] = 1;
	put(16, 2, 2);               /* ET_EXEC */
	put(18, EM_68K, 2);
	put(20, 1, 4);
	put(24, entry, 4);
	put(28, 52, 4);              /* phoff */
	put(40, 52, 2);
	put(42, 32, 2);              /* phentsize */
	put(44, phnum, 2);
}

static void phdr(unsigned i, uint32_t type, uint32_t flags, uint32_t off, uint32_t vaddr,
		 uint32_t filesz, uint32_t memsz)
{
	size_t at = 52 + 32 * i;

	put(at, type, 4);
	put(at + 4, off, 4);
	put(at + 8, vaddr, 4);
	put(at + 12, vaddr, 4);
	put(at + 16, filesz, 4);
	put(at + 20, memsz, 4);
	put(at + 24, flags, 4);
}

/* text (R+X), a note, data (R+W) with bss: the shape user.ld produces. */
static void good(void)
{
	header(3, USER_BASE + 0x10);
	phdr(0, 1, 5, 0x200, USER_BASE, 0x100, 0x100);
	phdr(1, 4, 4, 0x300, 0, 0x10, 0x10);
	phdr(2, 1, 6, 0x400, USER_BASE + 0x1000, 0x80, 0x3000);
}

static void test_good_elf32_parses(void **state)
{
	struct elf_image im;

	(void)state;
	good();
	assert_int_equal(elf_parse(img, sizeof(img), &cf, &im), STATUS_OK);
	assert_int_equal(im.entry, USER_BASE + 0x10);
	assert_int_equal(im.segment_count, 2);
	assert_int_equal(im.segment[0].vaddr, USER_BASE);
	assert_int_equal(im.segment[0].offset, 0x200);
	assert_int_equal(im.segment[0].flags, ELF_SEG_EXEC);
	assert_int_equal(im.segment[1].vaddr, USER_BASE + 0x1000);
	assert_int_equal(im.segment[1].filesz, 0x80);
	assert_int_equal(im.segment[1].memsz, 0x3000);
	assert_int_equal(im.segment[1].flags, ELF_SEG_WRITE);
}

/* Expects `want` and an untouched output. */
static void expect(const struct elf_limits *lim, enum status want)
{
	struct elf_image im;

	memset(&im, 0xa5, sizeof(im));
	assert_int_equal(elf_parse(img, sizeof(img), lim, &im), want);
	for (size_t i = 0; i < sizeof(im); i++)
		assert_int_equal(((uint8_t *)&im)[i], 0xa5);
}

static void test_class_must_match_limits(void **state)
{
	(void)state;
	good();
	expect(&x86, STATUS_NOT_SUPPORTED);      /* ELF32 where ELF64 is wanted */
	good();
	img[4] = 2;                               /* claims ELF64 */
	expect(&cf, STATUS_NOT_SUPPORTED);
}

static void test_bad_headers(void **state)
{
	(void)state;
	good();
	put(42, 56, 2);                           /* ELF64's phentsize */
	expect(&cf, STATUS_BAD_IMAGE);
	good();
	put(28, 4090, 4);                         /* phdrs past the end */
	expect(&cf, STATUS_BAD_IMAGE);
	good();
	put(18, 62, 2);                           /* EM_X86_64 */
	expect(&cf, STATUS_NOT_SUPPORTED);
}

static void test_bad_segments(void **state)
{
	(void)state;
	good();
	phdr(2, 1, 6, 0xff0, USER_BASE + 0x1000, 0x80, 0x3000);   /* file bytes past the end */
	expect(&cf, STATUS_BAD_IMAGE);
	good();
	phdr(2, 1, 6, 0x400, USER_BASE + 0x1000, 0x4000, 0x3000); /* filesz > memsz */
	expect(&cf, STATUS_BAD_IMAGE);
	good();
	phdr(0, 1, 5, 0x200, 0x40000000, 0x100, 0x100);           /* kernel memory */
	expect(&cf, STATUS_OUT_OF_RANGE);
	good();
	phdr(2, 1, 6, 0x400, USER_TOP - 0x1000, 0x80, 0x3000);    /* runs past the top */
	expect(&cf, STATUS_OUT_OF_RANGE);
	good();
	put(24, USER_BASE + 0x1010, 4);                            /* entry in data */
	expect(&cf, STATUS_OUT_OF_RANGE);
}

/* The loaders' entry points: which check failed, a required byte order,
 * the physical addresses, and the header-only check of programs. */
static void test_loader_view(void **state)
{
	struct elf_image im;

	(void)state;
	good();
	assert_int_equal(elf_check(img, sizeof(img), &loader, &im), ELF_FAULT_NONE);
	assert_int_equal(im.segment[1].paddr, USER_BASE + 0x1000);
	img[5] = 1;                               /* little-endian */
	assert_int_equal(elf_check(img, sizeof(img), &loader, &im), ELF_FAULT_ORDER);
	good();
	put(16, 3, 2);                            /* ET_DYN */
	assert_int_equal(elf_check(img, sizeof(img), &loader, &im), ELF_FAULT_TYPE);
	assert_int_equal(elf_check_header(img, sizeof(img), &loader), ELF_FAULT_NONE);
	put(18, 62, 2);                           /* EM_X86_64 */
	assert_int_equal(elf_check_header(img, sizeof(img), &loader), ELF_FAULT_MACHINE);
	good();
	put(28, 4090, 4);                         /* phdrs past the end */
	assert_int_equal(elf_check_header(img, sizeof(img), &loader), ELF_FAULT_PHDR_BOUNDS);
	assert_int_equal(elf_check_header(img, 40, &loader), ELF_FAULT_SHORT);
}

/* The entry point by p_paddr for the loader, by p_vaddr for the kernel;
 * the loader's own program-header limit. */
static void test_loader_rules(void **state)
{
	struct elf_limits by_vaddr = loader;
	struct elf_image im;

	(void)state;
	by_vaddr.physical = false;
	good();
	put(52 + 8, 0x1000, 4);                   /* text's p_vaddr elsewhere */
	assert_int_equal(elf_check_segments(img, sizeof(img), &loader, NULL, &im), ELF_FAULT_NONE);
	assert_int_equal(elf_check_entry(&im, &loader), ELF_FAULT_NONE);
	assert_int_equal(elf_check_entry(&im, &by_vaddr), ELF_FAULT_ENTRY);
	good();
	put(44, 17, 2);                           /* 17 headers, the rest PT_NULL */
	assert_int_equal(elf_check(img, sizeof(img), &loader, &im), ELF_FAULT_PHDRS);
	assert_int_equal(elf_parse(img, sizeof(img), &cf, &im), STATUS_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_elf32_parses),
		cmocka_unit_test(test_class_must_match_limits),
		cmocka_unit_test(test_bad_headers),
		cmocka_unit_test(test_bad_segments),
		cmocka_unit_test(test_loader_view),
		cmocka_unit_test(test_loader_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
