/*
 * cap_misc - IOPort, FrameAlloc, BootInfo and Process through the invoke
 * call, success and every error.  Runs beside the other programs of
 * disk-caps.img, whose pids follow the manifest order:
 * 1 cap_devmem, 2 cap_misc, 3 nodevmem, 4 devholder (faults), 5 sleeper.
 *
 * Manifest: cap_misc console,ioport:0x70-0x71,framealloc,bootinfo,process
 * (derive and delete on its IOPort slot; spawn hands its console on)
 */
#include "kh_user.h"
#include "kh_objects.h"
#include "kh_expect.h"

#define PID_DEVHOLDER 4u
#define PID_SLEEPER   5u
#define WIN           KH_FRAME_VA_BASE
#define PAGE          4096ull

static uint32_t con, io, fa, bi, proc;

static void ioport(void)
{
	uint32_t v = 0;

	kh_expect("cmos index", kh_io_out(io, 0x70, 1, 0x0a), STATUS_OK);
	kh_expect("cmos read", kh_io_in(io, 0x71, 1, &v), STATUS_OK);
	kh_expect_true("cmos value is a byte", v <= 0xff);
	kh_expect("port past the range", kh_io_in(io, 0x72, 1, &v), STATUS_OUT_OF_RANGE);
	kh_expect("port below the range", kh_io_in(io, 0x6f, 1, &v), STATUS_OUT_OF_RANGE);
	kh_expect("word runs past", kh_io_in(io, 0x71, 2, &v), STATUS_MISALIGNED);
	kh_expect("dword runs past", kh_io_in(io, 0x70, 4, &v), STATUS_OUT_OF_RANGE);
	kh_expect("bad width", kh_io_in(io, 0x70, 3, &v), STATUS_INVALID_ARGUMENT);
	kh_expect("io via framealloc", kh_invoke(fa, KH_OP_IO_IN, 0x70, 1, 0, 0, 0, 0),
		  STATUS_WRONG_TYPE);
}

static void framealloc(void)
{
	uint64_t pa = 0, limit0, limit1, used0, used1;
	uint32_t phase;

	kh_expect("limit", kh_frame_limit(fa, &limit0, &used0, &phase), STATUS_OK);
	kh_expect("map frame", kh_frame_map(fa, WIN, &pa), STATUS_OK);
	kh_expect_true("frame pa aligned", pa && !(pa % PAGE));
	volatile uint64_t *w = (volatile uint64_t *)WIN;
	kh_expect("frame zeroed", w[7], 0);
	w[7] = 0x1234;
	kh_expect("frame writable", w[7], 0x1234);
	kh_expect("map twice", kh_frame_map(fa, WIN, &pa), STATUS_OVERLAP);
	kh_expect("outside window", kh_frame_map(fa, 0x10000000, &pa), STATUS_OUT_OF_RANGE);
	kh_expect("misaligned", kh_frame_map(fa, WIN + 8, &pa), STATUS_MISALIGNED);
	kh_expect("map second", kh_frame_map(fa, WIN + PAGE, &pa), STATUS_OK);
	kh_frame_limit(fa, &limit1, &used1, &phase);
	kh_expect("used counts", used1, used0 + 2);
	kh_expect_true("limit never decreases", limit1 >= limit0);
	kh_expect("free", kh_frame_free(fa, WIN), STATUS_OK);
	kh_expect("free twice", kh_frame_free(fa, WIN), STATUS_NOT_FOUND);
	kh_expect("free text", kh_frame_free(fa, 0x400000), STATUS_OUT_OF_RANGE);
	kh_frame_limit(fa, &limit1, &used1, &phase);
	kh_expect("used after free", used1, used0 + 1);
	/* WIN + PAGE stays held: the kernel returns it at exit. */
}

/* Reserving up to the limit: exactly limit - used more frames are granted,
 * one more is refused and changes nothing. */
static void reserve(void)
{
	uint64_t limit, used, used2, held = 0;
	uint32_t phase;

	kh_frame_limit(fa, &limit, &used, &phase);
	kh_expect("reserve 10", kh_frame_reserve(fa, 10, &held), STATUS_OK);
	kh_expect("reserved", held, 10);
	kh_expect("unreserve too many", kh_frame_unreserve(fa, 11, &held), STATUS_OUT_OF_RANGE);
	kh_expect("unreserve 4", kh_frame_unreserve(fa, 4, &held), STATUS_OK);
	kh_expect("reserved after", held, 6);
	kh_frame_limit(fa, &limit, &used, &phase);
	uint64_t room = limit - used;
	kh_expect("reserve up to the limit", kh_frame_reserve(fa, room, &held), STATUS_OK);
	kh_expect("one more refused", kh_frame_reserve(fa, 1, &held), STATUS_NO_MEMORY);
	kh_frame_limit(fa, &limit, &used2, &phase);
	kh_expect("used reaches the limit", used2, limit);
	kh_expect("give most back", kh_frame_unreserve(fa, room, &held), STATUS_OK);
	kh_expect("six left", held, 6);     /* returned by the kernel at exit */
	kh_printf("cap_misc: reserved up to limit=%lu room=%lu\n", (unsigned long)limit,
		  (unsigned long)room);
}

static void bootinfo(void)
{
	struct kh_bootfacts b;
	struct kh_stats s;

	kh_stats(&s);
	kh_expect("bootinfo", kh_bootinfo_read(bi, &b), STATUS_OK);
	kh_expect("bootinfo pool", b.pool_frames, s.pool_n);
	kh_expect("bootinfo reason", b.boot_reason, s.boot_reason);
	kh_expect("bootinfo ram", b.ram_frames, s.ram_frames);
	kh_expect("bootinfo programs", b.program_count, 5);
	kh_expect("bootinfo size", kh_invoke(bi, KH_OP_BOOTINFO_READ, (uint64_t)&b, 8, 0, 0, 0, 0),
		  STATUS_BAD_LENGTH);
	kh_expect("bootinfo into text", kh_invoke(bi, KH_OP_BOOTINFO_READ, 0x400000, sizeof(b),
						  0, 0, 0, 0), STATUS_NO_PERMISSION);
}

/* The caller's own endpoint: a call on it that no child will ever
 * receive ends with not-found when the child ends (after its second). */
static void own_endpoint(void)
{
	uint64_t ep = 0, ep2 = 0;
	uint32_t pid;
	struct kh_msg m = { .label = 1, .cap = KH_NO_SLOT };

	kh_expect("own endpoint", kh_invoke(proc, KH_OP_PROC_ENDPOINT, 0, 0, 0, 0, &ep, 0),
		  STATUS_OK);
	kh_expect("third child", kh_proc_spawn(proc, "sleeper", &con, 1, &pid), STATUS_OK);
	kh_expect("call a child that never receives", kh_call((uint32_t)ep, &m), STATUS_NOT_FOUND);
	kh_expect("own endpoint again", kh_invoke(proc, KH_OP_PROC_ENDPOINT, 0, 0, 0, 0, &ep2, 0),
		  STATUS_OK);
	kh_expect("the same endpoint, a new slot", ep2 != ep, 1);
}

/* Children of sleeper's image: each holds only what cap_misc names and
 * may grant; only a child can be stopped by its parent. */
static void spawn(void)
{
	struct kh_procinfo pi;
	uint32_t pid = 0, nograntcon, empty[1] = { 63 }, past[1] = { 99 };

	kh_expect("spawn naming an empty slot", kh_proc_spawn(proc, "sleeper", empty, 1, 0),
		  STATUS_BAD_SLOT);
	kh_expect("spawn naming a slot past the table", kh_proc_spawn(proc, "sleeper", past, 1, 0),
		  STATUS_BAD_SLOT);
	kh_expect("console without grant", kh_cap_derive(con, 0, 0, KH_RIGHT_READ, &nograntcon),
		  STATUS_OK);
	kh_expect("spawn with a slot it may not grant",
		  kh_proc_spawn(proc, "sleeper", &nograntcon, 1, 0), STATUS_NO_PERMISSION);
	uint32_t masked[1] = { KH_MSG_CAP(con, KH_RIGHT_READ | KH_RIGHT_RESCIND) };
	kh_expect("spawn with rescind in the mask", kh_proc_spawn(proc, "sleeper", masked, 1, 0),
		  STATUS_WIDER_THAN_HELD);
	masked[0] = con | 1u << 24;
	kh_expect("spawn with bits above the mask", kh_proc_spawn(proc, "sleeper", masked, 1, 0),
		  STATUS_BAD_SLOT);
	masked[0] = KH_MSG_CAP(con, KH_RIGHT_READ);
	kh_expect("spawn with a narrowed copy", kh_proc_spawn(proc, "sleeper", masked, 1, &pid),
		  STATUS_OK);
	kh_sleep_ms(50);
	kh_expect("stop the narrowed child", kh_proc_stop(proc, pid), STATUS_OK);
	kh_expect("spawn", kh_proc_spawn(proc, "sleeper", &con, 1, &pid), STATUS_OK);
	kh_expect_true("new pid", pid > PID_SLEEPER);
	kh_expect("spawn unknown", kh_proc_spawn(proc, "nosuch", 0, 0, 0), STATUS_NOT_FOUND);
	kh_expect("spawn empty", kh_invoke(proc, KH_OP_PROC_SPAWN, (uint64_t)"x", 0, 0, 0, 0, 0),
		  STATUS_BAD_LENGTH);
	kh_expect("spawn long", kh_invoke(proc, KH_OP_PROC_SPAWN, (uint64_t)"x", 99, 0, 0, 0, 0),
		  STATUS_BAD_LENGTH);
	kh_sleep_ms(50);
	kh_expect("child live", kh_proc_info(proc, pid, &pi), STATUS_OK);
	kh_expect("child state", pi.state, KH_PROC_LIVE);
	kh_expect("stop child", kh_proc_stop(proc, pid), STATUS_OK);
	kh_expect("info stopped", kh_proc_info(proc, pid, &pi), STATUS_OK);
	kh_expect("child stopped", pi.state, KH_PROC_STOPPED);
	kh_expect("stop again", kh_proc_stop(proc, pid), STATUS_NOT_FOUND);
	kh_expect("second child", kh_proc_spawn(proc, "sleeper", &con, 1, &pid), STATUS_OK);
	kh_sleep_ms(50);
	kh_expect("stop second child", kh_proc_stop(proc, pid), STATUS_OK);
	own_endpoint();
}

static void process(void)
{
	struct kh_procinfo pi;

	kh_sleep_ms(100);   /* devholder has faulted by now */
	kh_expect("info devholder", kh_proc_info(proc, PID_DEVHOLDER, &pi), STATUS_OK);
	kh_expect("devholder faulted", pi.state, KH_PROC_FAULTED);
	kh_expect("devholder cause", pi.fault_cause, 0);   /* page-fault, first in the list */
	kh_expect("devholder addr", pi.fault_addr, 0);
	kh_expect("info sleeper", kh_proc_info(proc, PID_SLEEPER, &pi), STATUS_OK);
	kh_expect("sleeper live", pi.state, KH_PROC_LIVE);
	kh_expect("stop another's process", kh_proc_stop(proc, PID_SLEEPER), STATUS_NOT_CHILD);
	kh_expect("info sleeper again", kh_proc_info(proc, PID_SLEEPER, &pi), STATUS_OK);
	kh_expect("sleeper still live", pi.state, KH_PROC_LIVE);
	kh_expect("stop self", kh_proc_stop(proc, kh_getpid()), STATUS_INVALID_ARGUMENT);
	kh_expect("info nobody", kh_proc_info(proc, 99, &pi), STATUS_NOT_FOUND);
	kh_expect("info size", kh_invoke(proc, KH_OP_PROC_INFO, 1, (uint64_t)&pi, 4, 0, 0, 0),
		  STATUS_BAD_LENGTH);
	spawn();
}

/* Derive narrows, delete empties (docs/capabilities.md). */
static void derive_delete(void)
{
	uint32_t one, v = 0, x;

	kh_expect("derive one port", kh_cap_derive(io, 0x70, 0x70, KH_RIGHT_READ | KH_RIGHT_WRITE,
						   &one), STATUS_OK);
	kh_expect("narrowed port works", kh_io_out(one, 0x70, 1, 0x0a), STATUS_OK);
	kh_expect("outside the narrowed range", kh_io_in(one, 0x71, 1, &v), STATUS_OUT_OF_RANGE);
	kh_expect("widen the range", kh_cap_derive(one, 0x70, 0x71, KH_RIGHT_READ, &x),
		  STATUS_WIDER_THAN_HELD);
	kh_expect("widen the rights", kh_cap_derive(one, 0x70, 0x70, KH_RIGHT_GRANT, &x),
		  STATUS_WIDER_THAN_HELD);
	kh_expect("ask for rescind", kh_cap_derive(io, 0x70, 0x70, KH_RIGHT_RESCIND, &x),
		  STATUS_WIDER_THAN_HELD);
	kh_expect("reversed range", kh_cap_derive(io, 0x71, 0x70, KH_RIGHT_READ, &x),
		  STATUS_INVALID_ARGUMENT);
	kh_expect("range on framealloc", kh_cap_derive(fa, 1, 2, KH_RIGHT_READ, &x),
		  STATUS_INVALID_ARGUMENT);
	kh_expect("derive empty slot", kh_cap_derive(63, 0, 0, 0, &x), STATUS_BAD_SLOT);
	kh_expect("delete", kh_cap_delete(one), STATUS_OK);
	kh_expect("deleted is gone", kh_io_in(one, 0x70, 1, &v), STATUS_BAD_SLOT);
	kh_expect("delete twice", kh_cap_delete(one), STATUS_BAD_SLOT);
}

int main(void)
{
	kh_expect("find console", kh_cap_find(KH_CAP_CONSOLE, 0, &con), STATUS_OK);
	kh_expect("find ioport", kh_cap_find(KH_CAP_IOPORT, 0, &io), STATUS_OK);
	kh_expect("find framealloc", kh_cap_find(KH_CAP_FRAMEALLOC, 0, &fa), STATUS_OK);
	kh_expect("find bootinfo", kh_cap_find(KH_CAP_BOOTINFO, 0, &bi), STATUS_OK);
	kh_expect("find process", kh_cap_find(KH_CAP_PROCESS, 0, &proc), STATUS_OK);
	kh_expect("find bad type", kh_cap_find((enum kh_cap_type)99, 0, &io), STATUS_WRONG_TYPE);
	ioport();
	framealloc();
	reserve();
	bootinfo();
	derive_delete();
	process();
	return kh_expect_done("cap_misc");
}
