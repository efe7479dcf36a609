/*
 * sysprobe - the system-call edge cases that must return an error, never
 * fault the kernel: Linux numbers, unknown numbers, bad pointers and
 * lengths, a call the manifest did not grant.  Prints one line per check
 * and a summary `sysprobe: done passed=<n> failed=<n>`.
 */
#include "kh_user.h"

#define KERNEL_ADDR  0xffffffff80100000ull
#define UNMAPPED     0x0000100000000000ull

static unsigned passed, failed;

static void expect(const char *what, uint64_t got, uint64_t want)
{
	if (got == want) {
		passed++;
		return;
	}
	failed++;
	kh_printf("sysprobe: FAIL %s got=0x%lx want=0x%lx\n", what,
		  (unsigned long)got, (unsigned long)want);
}

static uint64_t call(uint64_t nr, uint64_t a0, uint64_t a1)
{
	return kh_syscall6(nr, a0, a1, 0, 0, 0, 0);
}

static void linux_numbers(void)
{
	static const uint64_t numbers[] = { 0, 1, 9, 39, 60, 231, 1023 };
	const uint64_t enosys = (uint64_t)-KH_ENOSYS;

	for (unsigned i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++)
		expect("linux number", call(numbers[i], 1, 0x400000), enosys);
	expect("huge number", call(~0ull, 0, 0), enosys);
	expect("end of range", call(KH_SYS_END, 0, 0), enosys);
}

static void bad_buffers(void)
{
	struct kh_stats s;

	expect("write kernel ptr", call(KH_SYS_CONSOLE_WRITE, KERNEL_ADDR, 8), STATUS_OUT_OF_RANGE);
	expect("write null", call(KH_SYS_CONSOLE_WRITE, 0, 8), STATUS_NO_PERMISSION);
	expect("write unmapped", call(KH_SYS_CONSOLE_WRITE, UNMAPPED, 8), STATUS_NO_PERMISSION);
	expect("write wraps", call(KH_SYS_CONSOLE_WRITE, ~0ull - 4, 16), STATUS_OUT_OF_RANGE);
	expect("write too long", call(KH_SYS_CONSOLE_WRITE, 0x400000, 1u << 20), STATUS_OUT_OF_RANGE);
	expect("write zero bytes", call(KH_SYS_CONSOLE_WRITE, 0, 0), STATUS_OK);
	expect("stats kernel ptr", call(KH_SYS_STATS, KERNEL_ADDR, sizeof(s)), STATUS_OUT_OF_RANGE);
	expect("stats into text", call(KH_SYS_STATS, 0x400000, sizeof(s)), STATUS_NO_PERMISSION);
	expect("stats bad size", call(KH_SYS_STATS, (uint64_t)&s, 7), STATUS_BAD_LENGTH);
	expect("stats ok", call(KH_SYS_STATS, (uint64_t)&s, sizeof(s)), STATUS_OK);
}

int main(void)
{
	linux_numbers();
	bad_buffers();
	expect("reboot not granted", kh_reboot(BOOT_REASON_REQUESTED), STATUS_NO_PERMISSION);
	kh_printf("sysprobe: done passed=%u failed=%u\n", passed, failed);
	return failed ? 1 : 0;
}
