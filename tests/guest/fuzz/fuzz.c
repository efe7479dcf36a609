/*
 * fuzz - many random system calls with random arguments, over every
 * number the kernel knows and Linux ones, and random IPC calls to
 * fuzz_peer carrying random capabilities both ways.  Seed and count come
 * at run time from QEMU's fw_cfg file opt/kheap/fuzz ("seed=<n>
 * calls=<n>", -fw_cfg name=opt/kheap/fuzz,string=...), else the built-in
 * ones; both are printed.  It holds DevMem, FrameAlloc, an IOPort (the
 * POST port, harmless), the fw_cfg ports (read once, before fuzzing) and
 * the call right on fuzz_peer's endpoint, which always answers; nothing
 * that ends or blocks it for good (no reboot, settle, process).
 * Afterwards it gives back what its lucky calls mapped, checks that the
 * pool, heap and frame figures are what they were, and tells the peer to
 * stop.
 *
 * Manifest: fuzz console,devmem:all,framealloc,ioport:0x80-0x80,
 *           ioport:0x510-0x511,endpoint:fuzzipc
 */
#include <stdbool.h>
#include "kh_user.h"
#include "kh_objects.h"
#include "kh_expect.h"
#include "fuzz_peer.h"

#define SEED   0x5eed0001u
#define CALLS  20000u
#define WIN    KH_FRAME_VA_BASE

#define FW_CFG_SELECTOR 0x510
#define FW_CFG_DATA     0x511
#define FW_CFG_FILE_DIR 0x19
#define FW_CFG_FILE     "opt/kheap/fuzz"

static uint64_t rng = SEED;
static uint64_t seed = SEED;
static uint32_t calls = CALLS;
static uint32_t ep = KH_NO_SLOT;
static uint32_t ipc_ok, caps_in;
static struct kh_msg msg;
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

/* ---- run-time seed and count from fw_cfg ----------------------------- */

static uint32_t fw_read(uint32_t io, unsigned n)
{
	uint32_t v = 0, b = 0;

	while (n--) {
		kh_io_in(io, FW_CFG_DATA, 1, &b);
		v = v << 8 | (b & 0xff);        /* fw_cfg's own fields are big endian */
	}
	return v;
}

static bool same_string(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* The selector of fw_cfg file `name` and its size, or 0. */
static uint16_t fw_find(uint32_t io, const char *name, uint32_t *size)
{
	char entry[57];

	kh_io_out(io, FW_CFG_SELECTOR, 2, FW_CFG_FILE_DIR);
	for (uint32_t n = fw_read(io, 4); n && n < 4096; n--) {
		uint32_t sz = fw_read(io, 4);
		uint16_t sel = (uint16_t)fw_read(io, 2);
		fw_read(io, 2);
		for (unsigned i = 0; i < 56; i++)
			entry[i] = (char)fw_read(io, 1);
		entry[56] = 0;
		if (same_string(entry, name)) {
			*size = sz;
			return sel;
		}
	}
	return 0;
}

/* A decimal or 0x-hex number at *s; *s moves past it. */
static uint64_t parse_number(const char **s)
{
	const char *p = *s;
	unsigned base = 10;
	uint64_t v = 0;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		base = 16, p += 2;
	for (;; p++) {
		unsigned d = *p >= '0' && *p <= '9' ? (unsigned)(*p - '0') :
			     *p >= 'a' && *p <= 'f' ? (unsigned)(*p - 'a' + 10) :
			     *p >= 'A' && *p <= 'F' ? (unsigned)(*p - 'A' + 10) : 99;
		if (d >= base)
			break;
		v = v * base + d;
	}
	*s = p;
	return v;
}

static bool take(const char **s, const char *key)
{
	const char *p = *s;

	while (*key && *p == *key)
		p++, key++;
	if (*key)
		return false;
	*s = p;
	return true;
}

/* "seed=<n> calls=<n>", either key may be missing; seed 0 is ignored
 * (xorshift would stay at 0). */
static void parse_setting(const char *s)
{
	while (*s) {
		if (take(&s, "seed=")) {
			uint64_t v = parse_number(&s);
			if (v)
				seed = v;
		} else if (take(&s, "calls=")) {
			calls = (uint32_t)parse_number(&s);
		}
		while (*s && *s != ' ')
			s++;
		while (*s == ' ')
			s++;
	}
}

static void read_setting(void)
{
	char text[64];
	uint32_t io, size = 0;

	if (kh_cap_find(KH_CAP_IOPORT, 1, &io))
		return;
	uint16_t sel = fw_find(io, FW_CFG_FILE, &size);
	if (!sel)
		return;
	kh_io_out(io, FW_CFG_SELECTOR, 2, sel);
	uint32_t i;
	for (i = 0; i < size && i + 1 < sizeof text; i++)
		text[i] = (char)fw_read(io, 1);
	text[i] = 0;
	parse_setting(text);
}

/* ---- the calls --------------------------------------------------------- */

/* A random message to fuzz_peer, often with one of our capabilities (any
 * slot, held or not); what comes back may carry one of the peer's. */
static void ipc_call(void)
{
	uint64_t r = next();

	if (ep == KH_NO_SLOT)
		return;
	msg.label = next() | 1;                  /* never FUZZ_PEER_QUIT (even) */
	for (int i = 0; i < 4; i++)
		msg.word[i] = pick_arg();
	msg.len = r % 8 ? (uint32_t)(r >> 8) % (KH_MSG_BUF_BYTES + 1) : (uint32_t)(r >> 16);
	msg.cap = r % 3 ? (uint32_t)(r >> 24) % 70 : KH_NO_SLOT;
	if (kh_call(ep, &msg) == STATUS_OK) {
		ipc_ok++;
		caps_in += msg.cap != KH_NO_SLOT;
	}
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
	case 7:  if (r & 0x100)
			 kh_syscall6(KH_SYS_SLEEP, a[0] % 3, 0, 0, 0, 0, 0);
		 else
			 ipc_call();
		 break;
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

/* The peer's last message; the endpoint slot may have been given away
 * and overwritten, so look it up again. */
static void stop_peer(void)
{
	if (ep == KH_NO_SLOT || kh_cap_find(KH_CAP_ENDPOINT, 0, &ep))
		return;
	msg = (struct kh_msg){ .label = FUZZ_PEER_QUIT, .cap = KH_NO_SLOT };
	kh_expect("peer stops", kh_call(ep, &msg), STATUS_OK);
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
	kh_cap_find(KH_CAP_ENDPOINT, 0, &ep);
	read_setting();
	rng = seed;
	kh_stats(&before);
	kh_printf("fuzz: seed=0x%lx calls=%u\n", (unsigned long)seed, calls);
	for (uint32_t i = 0; i < calls; i++)
		one_call();
	give_back(dev, fa);
	kh_stats(&after);
	stop_peer();          /* after the figures: its exit frees its frames */
	kh_expect("pool used", after.pool_used, before.pool_used);
	kh_expect("pool free", after.pool_free, before.pool_free);
	kh_expect("pool capacity", after.pool_capacity, before.pool_capacity);
	kh_expect("heap bytes", after.heap_bytes, before.heap_bytes);
	kh_expect("heap used", after.heap_used, before.heap_used);
	kh_expect("free frames", after.free_frames, before.free_frames);
	kh_expect("frame limit", after.frame_limit, before.frame_limit);
	kh_printf("fuzz: invocations_ok=%u pool_used=%u heap=%lu free_frames=%lu\n", granted,
		  after.pool_used, (unsigned long)after.heap_bytes, (unsigned long)after.free_frames);
	kh_printf("fuzz: ipc_ok=%u caps_in=%u\n", ipc_ok, caps_in);
	return kh_expect_done("fuzz");
}
