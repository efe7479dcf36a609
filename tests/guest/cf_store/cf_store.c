/*
 * cf_store - the Store capability's checks on ColdFire (kernel/object/
 * store.c): a sector read and written back, then every refusal, each
 * leaving the store file as it was: length 0 and above 512, a range past
 * the store's end or wrapping, a buffer outside the program (read and
 * write), a read into the program's read-only text, an unknown operation
 * and a Store operation on another capability's slot.
 */
#include "kh_user.h"
#include "kh_objects.h"
#include <stdbool.h>

#define SECTOR 512u
#define STORE  5120u                 /* BOOTCFG_STORE_BYTES */
#define KERNEL 0x40000000u           /* the kernel image: not the program's */

static uint8_t before[SECTOR], after[SECTOR];
static int failures;

static void expect(const char *what, enum status got, enum status want)
{
	if (got == want)
		return;
	kh_printf("cf_store: FAIL %s: %s, want %s\n", what, status_name(got), status_name(want));
	failures++;
}

static void refused(const char *what, enum status got)
{
	if (got != STATUS_OK)
		return;
	kh_printf("cf_store: FAIL %s: ok, want a refusal\n", what);
	failures++;
}

static bool same(const uint8_t *a, const uint8_t *b)
{
	for (unsigned i = 0; i < SECTOR; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

/* The last sector (the log ring's tail) read, written back unchanged,
 * flushed, read again. */
static void round_trip(uint32_t slot)
{
	expect("read", kh_store_read(slot, STORE - SECTOR, before, SECTOR), STATUS_OK);
	expect("write", kh_store_write(slot, STORE - SECTOR, before, SECTOR), STATUS_OK);
	expect("flush", kh_store_flush(slot), STATUS_OK);
	expect("read again", kh_store_read(slot, STORE - SECTOR, after, SECTOR), STATUS_OK);
	if (!same(before, after)) {
		kh_printf("cf_store: FAIL read back differs\n");
		failures++;
	}
}

static void refusals(uint32_t slot, uint32_t console)
{
	expect("len 0", kh_store_read(slot, 0, after, 0), STATUS_BAD_LENGTH);
	expect("len 513", kh_store_read(slot, 0, after, SECTOR + 1), STATUS_BAD_LENGTH);
	expect("past the end", kh_store_write(slot, STORE - 256, before, SECTOR), STATUS_OUT_OF_RANGE);
	expect("wrapping", kh_store_read(slot, 0xffffff00u, after, SECTOR), STATUS_OUT_OF_RANGE);
	refused("read into the kernel", kh_store_read(slot, 0, (void *)(uintptr_t)KERNEL, SECTOR));
	refused("write from the kernel",
		kh_store_write(slot, 0, (const void *)(uintptr_t)KERNEL, SECTOR));
	refused("read into text", kh_store_read(slot, 0, (void *)(uintptr_t)&refusals, 16));
	expect("unknown op", kh_invoke(slot, KH_OP(STORE, 9), 0, 0, 0, 0, NULL, NULL),
	       STATUS_INVALID_ARGUMENT);
	expect("wrong type", kh_invoke(console, KH_OP_STORE_FLUSH, 0, 0, 0, 0, NULL, NULL),
	       STATUS_WRONG_TYPE);
	expect("read after", kh_store_read(slot, STORE - SECTOR, after, SECTOR), STATUS_OK);
	if (!same(before, after)) {
		kh_printf("cf_store: FAIL a refused call changed the store\n");
		failures++;
	}
}

int main(void)
{
	uint32_t slot, console;

	if (kh_cap_find(KH_CAP_STORE, 0, &slot) || kh_cap_find(KH_CAP_CONSOLE, 0, &console)) {
		kh_printf("cf_store: FAIL no store or console capability\n");
		return 1;
	}
	round_trip(slot);
	refusals(slot, console);
	kh_printf("cf_store: ok failures=%d\n", failures);
	return failures != 0;
}
