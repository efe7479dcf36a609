/*
 * fuzz - many random system calls with random arguments from a fixed
 * seed (printed), over every number the kernel knows and Linux ones.  It
 * holds DevMem, FrameAlloc and an IOPort (the POST port, harmless), but
 * nothing that ends or blocks it for good (no reboot, settle, process or
 * endpoint).  Afterwards it gives back what its lucky calls mapped and
 * checks that the pool, heap and frame figures are what they were.
 *
 * Manifest: fuzz console,devmem:all,framealloc,ioport:0x80-0x80
 */
#include "kh_user.h"
#include "kh_objects.h"
#include "kh_expect.h"

#define SEED   0x5eed0001u
#define CALLS  20000u
#define WIN    KH_FRAME_VA_BASE

static uint64_t rng = SEED;
static struct kh_stats scratch;
static uint32_t granted;   /* invocations that succeeded */

static uint64_t next(void)
{
	/* xorshift64: simple, full period, reproducible from the seed */
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static const uint64_t vas[] = {
	0x10000000, 0x10001000, 0x10400000, 0x7fff00000000ull, WIN, WIN + 0x1000,
	WIN + 0x200000, 0x400000, 0x10000008, WIN + 8,
};
#define NVAS (sizeof(vas) / sizeof(vas[0]))

static uint64_t pick_arg(void)
{
	static const uint64_t fixed[] = {
		0, 1, 2, 4, 0x80, 0xfed00000, 0xfed00010, 0x200000, 0x8000000000ull,
		0xffff800000000000ull, ~0ull, 0x1000, 8191, 8193, 1u << 20, 0xffffffffull,
		KH_NO_SLOT,
	};
	uint64_t r = next();

	switch (r % 4) {
	case 0:  return fixed[(r >> 8) % (sizeof(fixed) / sizeof(fixed[0]))];
	case 1:  return vas[(r >> 8) % NVAS];
	case 2:  return (uint64_t)&scratch;
	default: return next();
	}
}

static uint32_t pick_op(void)
{
	static const uint32_t ops[] = {
		KH_OP_DEVMEM_MAP, KH_OP_DEVMEM_UNMAP, KH_OP_IO_IN, KH_OP_IO_OUT,
		KH_OP_FRAME_MAP, KH_OP_FRAME_FREE, KH_OP_FRAME_LIMIT, KH_OP_SETTLE,
		KH_OP_FRAME_RESERVE, KH_OP_FRAME_UNRESERVE,
		KH_OP_POOL_GROW, KH_OP_REBOOT, KH_OP_PROC_STOP, KH_OP_BOOTINFO_READ,
		KH_OP_CALL, KH_OP_RECV, KH_OP_REPLY,
		KH_OP_DEVMEM_PUBLISH, KH_OP_DEVMEM_RESCIND, KH_OP_DEATHS,
	};
	uint64_t r = next();

	return r % 8 ? ops[(r >> 8) % (sizeof(ops) / sizeof(ops[0]))] : (uint32_t)(r >> 16);
}

/* One random call.  Console writes are skipped (they would print noise),
 * sleeps are kept short, exit is never issued. */
static void one_call(void)
{
	uint64_t r = next(), a[4] = { pick_arg(), pick_arg(), pick_arg(), pick_arg() };
	uint32_t slot = (uint32_t)(r >> 8) % 70, op = pick_op();

	switch (r % 10) {
	case 0: case 1: case 2: case 3: case 4:
		if (op != KH_OP_CONSOLE_WRITE && !(slot == 0 && op >> 8 == KH_CAP_CONSOLE))
			granted += !kh_invoke(slot, op, a[0], a[1], a[2], a[3], 0, 0);
		break;
	case 5:  kh_syscall6(KH_SYS_STATS, a[0], a[1], 0, 0, 0, 0); break;
	case 6:  kh_syscall6(KH_SYS_CAP_FIND, a[0], a[1], 0, 0, 0, 0); break;
	case 7:  kh_syscall6(KH_SYS_SLEEP, a[0] % 3, 0, 0, 0, 0, 0); break;
	case 8:  kh_syscall6((r >> 20) % 400, a[0], a[1], a[2], a[3], 0, 0); break;
	default: {
		/* stats .. past the end; never exit (1) or a long sleep */
		uint64_t nr = KH_SYS_BASE + 2 + (r >> 20) % 12;
		/* derive and delete too, but the console (slot 0) stays */
		if (nr != KH_SYS_SLEEP && !(nr == KH_SYS_CAP_DELETE && a[0] == 0))
			kh_syscall6(nr, a[0], a[1], a[2], a[3], 0, 0);
		break;
	}
	}
}

static void give_back(uint32_t dev, uint32_t fa)
{
	uint64_t reserved = 0;

	kh_frame_reserve(fa, 0, &reserved);
	kh_frame_unreserve(fa, reserved, &reserved);
	for (unsigned i = 0; i < NVAS; i++) {
		while (!kh_devmem_unmap(dev, vas[i]))
			;
		kh_frame_free(fa, vas[i]);
	}
}

int main(void)
{
	struct kh_stats before, after;
	uint32_t dev, fa;

	kh_cap_find(KH_CAP_DEVMEM, 0, &dev);
	kh_cap_find(KH_CAP_FRAMEALLOC, 0, &fa);
	kh_stats(&before);
	kh_printf("fuzz: seed=0x%x calls=%u\n", SEED, CALLS);
	for (uint32_t i = 0; i < CALLS; i++)
		one_call();
	give_back(dev, fa);
	kh_stats(&after);
	kh_expect("pool used", after.pool_used, before.pool_used);
	kh_expect("pool free", after.pool_free, before.pool_free);
	kh_expect("pool capacity", after.pool_capacity, before.pool_capacity);
	kh_expect("heap bytes", after.heap_bytes, before.heap_bytes);
	kh_expect("heap used", after.heap_used, before.heap_used);
	kh_expect("free frames", after.free_frames, before.free_frames);
	kh_expect("frame limit", after.frame_limit, before.frame_limit);
	kh_printf("fuzz: invocations_ok=%u pool_used=%u heap=%lu free_frames=%lu\n", granted,
		  after.pool_used, (unsigned long)after.heap_bytes, (unsigned long)after.free_frames);
	return kh_expect_done("fuzz");
}
