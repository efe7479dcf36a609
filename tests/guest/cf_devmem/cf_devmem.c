/*
 * cf_devmem - DevMem without an MMU: the user address of a device page is
 * its physical address.  Maps UART0's register page, writes a line
 * straight to the transmit register, checks the pool counted the page,
 * unmaps; and the refusals: another address, RAM outside the grant, no
 * such mapping.
 */
#include "kh_user.h"
#include "kh_objects.h"

#define UART0_PAGE 0xfc060000u
#define UTB        0x0cu
#define SDRAM      0x40000000u

static int failures;

static void expect(const char *what, enum status got, enum status want)
{
	if (got == want)
		return;
	kh_printf("cf_devmem: FAIL %s: %s, want %s\n", what, status_name(got), status_name(want));
	failures++;
}

static uint32_t pool_used(void)
{
	struct kh_stats s;

	return kh_stats(&s) ? 0xffffffffu : s.pool_used;
}

/* Bytes to the UART through the mapping (the console cap is not used). */
static void uart_write(const char *s)
{
	volatile uint8_t *utb = (volatile uint8_t *)(uintptr_t)(UART0_PAGE + UTB);

	for (; *s; s++)
		*utb = (uint8_t)*s;
}

int main(void)
{
	uint32_t slot;
	uint64_t reply;

	if (kh_cap_find(KH_CAP_DEVMEM, 0, &slot)) {
		kh_printf("cf_devmem: FAIL no devmem capability\n");
		return 1;
	}
	uint32_t before = pool_used();
	expect("map at another address", kh_invoke(slot, KH_OP_DEVMEM_MAP, UART0_PAGE, 1,
		0x44f00000u, 0, &reply, NULL), STATUS_INVALID_ARGUMENT);
	expect("map RAM (outside the grant)", kh_invoke(slot, KH_OP_DEVMEM_MAP, SDRAM, 1, SDRAM,
		0, &reply, NULL), STATUS_OUT_OF_RANGE);
	expect("map uart0", kh_invoke(slot, KH_OP_DEVMEM_MAP, UART0_PAGE, 1, UART0_PAGE, 0,
		&reply, NULL), STATUS_OK);
	if (pool_used() != before + 1) {
		kh_printf("cf_devmem: FAIL pool_used %u after the map, want %u\n", pool_used(),
			  before + 1);
		failures++;
	}
	uart_write("cf_devmem: written through the mapping\n");
	expect("unmap", kh_invoke(slot, KH_OP_DEVMEM_UNMAP, UART0_PAGE, 0, 0, 0, &reply, NULL),
	       STATUS_OK);
	expect("unmap again", kh_invoke(slot, KH_OP_DEVMEM_UNMAP, UART0_PAGE, 0, 0, 0, &reply,
		NULL), STATUS_NOT_FOUND);
	if (pool_used() != before) {
		kh_printf("cf_devmem: FAIL pool_used %u after the unmap, want %u\n", pool_used(),
			  before);
		failures++;
	}
	kh_printf("cf_devmem: %s failures=%d\n", failures ? "FAIL" : "ok", failures);
	return failures != 0;
}
