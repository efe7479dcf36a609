"""The ColdFire system on QEMU mcf5208evb, one case per CTest test:

  boot          default image: loader lines, the blob's N and H (set with
                bootcfg on the ColdFire store) in the kernel's heap line
                and in what hello reads back, hello runs, the heap does
                not move, every user frame comes back
  corrupt       the newest slot has a bad checksum: boot on the older one
                and say so
  faults        illegal instruction, privilege violation, divide by zero:
                each program killed with the fault line; hello runs after
  reboot        reboot_once asks for one reboot on a cold boot; the second
                boot's loader says reason=requested, hello runs
  devmem        cf_devmem maps UART0's page at its physical address (no
                MMU), writes through it, every refusal right; the pool
                record comes back
  frames        cf_frames: FrameAlloc without an MMU, a frame of the window
                at its own address mapped, written, read, freed; every
                refusal (outside the window, misaligned, twice, a frame
                cf_frameholder holds: busy until it gives it back); a big
                RESERVE leaves the window alone; every frame comes back
  store         cf_store: the Store capability round trip and its refusals
                (bad-length, out-of-range, bad buffers, wrong op and type);
                the store file unchanged
  no-store      no boot arguments (no store path): built-in defaults, said
                on the console, hello runs
  sdram         the loader probes SDRAM: with -m 256M the memory line, the
                kernel's RAM records, hello's frames and the frame limit
                are the 256 MiB machine's (32768 frames more than 128 MiB
                gives); with -m 64M the loader says it needs 128 MiB and
                halts
  heapfit       the largest pool and headroom the codec accepts on the
                128 MiB board: the kernel refuses that heap in one line and
                boots on the older slot (the defaults), no panic, hello runs
  bad-kernel    the kernel in the ROM image claims another machine: the
                loader refuses it before copying anything, and is judged
                once it has halted (the CPU stopped in boot_fail())

Semihosting's exit call always exits 0, so everything is read from the
console.
"""

import re
import struct
import time

from harness import Test, check, key_values, patch_slot, BLOB_POOL, khqemu

TIMEOUT = 25      # seconds per wait; a boot to idle takes about one


def image(t, variant=None):
    name = f"coldfire-{variant or 'hello'}.img"
    path = t.build_dir / "coldfire" / name
    check(path.exists(), f"{path} is missing (ColdFire sub-build not done?)")
    return path


def boot(t, variant, store):
    return t.machine(image(t, variant), store, arch="coldfire")


def line(m, pattern, start=0):
    index, _ = m.wait_for(pattern, timeout=TIMEOUT, start=start)
    return m.lines[index]


def case_boot(t):
    store = t.store()
    t.tool("set", store, "pool=1234", "headroom=321")      # slot B, generation 2
    with boot(t, None, store) as m:
        cfg = key_values(line(m, r"boot: config slot="))
        check(cfg["slot"] == "B" and cfg["generation"] == "2", f"loader chose {cfg}")
        line(m, r"boot: no MMU: user programs run without isolation")
        heap = key_values(line(m, r"kernel: heap fixed bytes="))
        check(heap["pool"] == "1234" and heap["headroom"] == "321",
              f"heap line has pool={heap['pool']} headroom={heap['headroom']}")
        line(m, r"kernel: process hello pid=1 caps=console")
        line(m, r"hello: from user space pid=1")
        seen = key_values(line(m, r"hello: heap bytes="))
        check(seen["bytes"] == heap["bytes"], f"hello sees heap {seen['bytes']}, "
              f"kernel fixed {heap['bytes']}")
        check(seen["pool"] == "1234" and seen["headroom"] == "321", f"hello sees {seen}")
        frames = key_values(line(m, r"hello: frames "))
        check(frames["heap_stable"] == "yes", "heap moved while hello ran")
        lo, hi = (int(x) for x in frames["ticks"].split(".."))
        check(hi > lo, f"no timer ticks in user mode ({frames['ticks']})")
        idle = key_values(line(m, r"kernel: idle heap bytes="))
        check(idle["bytes"] == heap["bytes"], "heap size changed by the end")
        check(idle["user_frames"] == "0", f"user frames left: {idle['user_frames']}")
        check(not m.matching(r"kernel: panic"), "kernel panicked")


def case_corrupt(t):
    store = t.store()                                        # A, generation 1
    t.tool("set", store, "pool=2000", "headroom=300")        # B, generation 2
    t.tool("set", store, "pool=3000", "headroom=500")        # A, generation 3
    patch_slot(store, 0, BLOB_POOL[0], BLOB_POOL[1], 3000 ^ 0x10, fix_crc=False)
    with boot(t, None, store) as m:
        line(m, r"boot: config slot A rejected: bad-checksum")
        cfg = key_values(line(m, r"boot: config slot="))
        check(cfg["slot"] == "B" and cfg["generation"] == "2" and cfg["a"] == "bad-checksum",
              f"loader chose {cfg}")
        heap = key_values(line(m, r"kernel: heap fixed bytes="))
        check(heap["pool"] == "2000" and heap["headroom"] == "300", f"heap line {heap}")
        line(m, r"hello: from user space")


FAULTS = [("fault_illegal", "invalid-opcode"), ("fault_priv", "privilege-violation"),
          ("fault_div0", "divide-error")]


def case_faults(t):
    with boot(t, "faults", t.store()) as m:
        for pid, (name, cause) in enumerate(FAULTS, 1):
            f = key_values(line(m, rf"kernel: fault pid={pid} name={name} "))
            check(f["cause"] == cause, f"{name}: cause={f['cause']}, want {cause}")
            check(int(f["addr"], 16) >= 0x44000000, f"{name}: addr={f['addr']}")
        check(not m.matching(r"NOT STOPPED"), "a fault program went on")
        line(m, r"hello: from user space pid=4")
        idle = key_values(line(m, r"kernel: idle heap bytes="))
        check(idle["user_frames"] == "0", "a killed program's frames were not freed")


def case_reboot(t):
    with boot(t, "reboot", t.store()) as m:
        first, _ = m.wait_for(r"boot: reason=cold", timeout=TIMEOUT)
        line(m, r"reboot_once: cold boot, asking for a reboot", first)
        line(m, r"kernel: reset reason=2 via=reset-vector", first)
        second, _ = m.wait_for(r"boot: reason=requested", timeout=TIMEOUT, start=first + 1)
        line(m, r"reboot_once: boot_reason=requested, not rebooting", second)
        hello = key_values(line(m, r"hello: frames ", second))
        check(hello["boot_reason"] == "requested", f"hello sees boot_reason={hello['boot_reason']}")
        check(len(m.matching(r"boot: coldfire loader")) == 2, "not exactly one reboot")


def case_devmem(t):
    with boot(t, "devmem", t.store()) as m:
        line(m, r"kernel: process cf_devmem pid=1 caps=console,devmem:0xfc060000-0xfc060fff")
        line(m, r"cf_devmem: written through the mapping")
        line(m, r"cf_devmem: ok failures=0")
        check(not m.matching(r"cf_devmem: FAIL"), "a DevMem check failed")
        line(m, r"hello: from user space pid=2")
        idle = key_values(line(m, r"kernel: idle heap bytes="))
        check(idle["pool_used"] == "0", f"pool records left: {idle['pool_used']}")


def case_frames(t):
    with boot(t, "frames", t.store()) as m:
        w = key_values(line(m, r"kernel: framealloc window base="))
        check((w["base"], w["top"], w["frames"], w["free"]) ==
              ("0x47000000", "0x47f00000", "3840", "3840"), f"window {w}")
        held = key_values(line(m, r"cf_frameholder: holding va="))
        check(held["va"] == held["phys"] == "0x47008000", f"held {held}")
        line(m, r"cf_frames: mapped va=0x47000000 written and read")
        line(m, r"cf_frames: busy then mapped va=0x47008000")
        line(m, r"cf_frames: ok failures=0")
        line(m, r"cf_frameholder: ok failures=0")
        check(not m.matching(r"cf_frame(s|holder): FAIL"), "a FrameAlloc check failed")
        line(m, r"hello: from user space pid=3")
        idle = key_values(line(m, r"kernel: idle heap bytes="))
        check(idle["user_frames"] == "0", f"user frames left: {idle['user_frames']}")


def case_store(t):
    store = t.store()
    before = store.read_bytes()
    with boot(t, "store", store) as m:
        line(m, r"kernel: process cf_store pid=1 caps=console,store")
        line(m, r"cf_store: ok failures=0")
        check(not m.matching(r"cf_store: FAIL"), "a Store check failed")
        line(m, r"hello: from user space pid=2")
    check(store.read_bytes() == before, "the store file changed")


def case_no_store(t):
    with boot(t, None, None) as m:
        line(m, r"boot: config store missing: no path given, using built-in defaults")
        cfg = key_values(line(m, r"boot: config slot="))
        check(cfg["slot"] == "default" and cfg["reason"] == "no-store", f"loader chose {cfg}")
        line(m, r"hello: from user space pid=1")


PAYLOAD_OFFSET = 0x10000     # bootloader/coldfire/loader.h
ENTRY_BYTES = 136


def case_bad_kernel(t):
    data = bytearray(image(t).read_bytes())
    count = struct.unpack_from(">I", data, PAYLOAD_OFFSET + 8)[0]
    check(count >= 2, f"payload lists {count} files")
    name_at = PAYLOAD_OFFSET + 16
    check(data[name_at:name_at + 7] == b"kernel\0", "first payload entry is not the kernel")
    offset = struct.unpack_from(">I", data, name_at + 128)[0]
    kernel = PAYLOAD_OFFSET + offset
    check(data[kernel:kernel + 4] == b"\x7fELF", "kernel entry is not an ELF file")
    struct.pack_into(">H", data, kernel + 18, 62)          # e_machine = EM_X86_64
    bad = t.dir / "bad-kernel.img"
    bad.write_bytes(bytes(data))
    with t.machine(bad, t.store(), arch="coldfire") as m:
        line(m, r"boot: error kernel: not-supported")
        wait_halted(m)
        check(not m.matching(r"kernel: starting|boot: entering kernel"),
              "the loader went on with a foreign kernel")
        check(m.lines[-2:] == ["boot: error kernel: not-supported", "boot: halted"],
              f"the loader printed more after its failure: {m.lines[-2:]!r}")


STOP_2700 = "0x4e72 0x2700"      # stop #0x2700, the end of boot_fail()


def cpu_state(m):
    """(PC, SR) from the monitor's `info registers`."""
    regs = m.qmp.execute("human-monitor-command", **{"command-line": "info registers"})
    found = re.search(r"PC = ([0-9a-f]+)\s+SR = ([0-9a-f]+)", regs)
    check(found, f"no PC/SR in info registers: {regs!r}")
    return int(found.group(1), 16), int(found.group(2), 16)


def wait_halted(m):
    """Waits until the loader has halted: the CPU sits after boot_fail()'s
    `stop #0x2700` (interrupts masked, so it never wakes) and its PC does
    not move.  The failure lines are printed just before the stop, so judging
    on the line alone could race the loader going on."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        pc, sr = cpu_state(m)
        words = m.qmp.execute("human-monitor-command",
                              **{"command-line": f"xp /2hx {pc - 4:#x}"})
        if sr == 0x2700 and STOP_2700 in words:
            time.sleep(0.2)
            check(cpu_state(m) == (pc, sr), "the CPU moved after stop #0x2700")
            return
        time.sleep(0.1)
    raise TimeoutError(f"the loader did not halt within {TIMEOUT}s")


def case_heapfit(t):
    store = t.store()
    t.tool("set", store, "pool=4194304", "headroom=4194304", "hard_cap=16777216")
    with boot(t, None, store) as m:
        rej = key_values(line(m, r"boot: config slot=\S+ rejected: heap \d+ does not fit RAM"))
        check(rej.get("slot") == "B", f"rejected {rej}")
        heap = key_values(line(m, r"kernel: heap fixed "))
        check((heap["pool"], heap["headroom"]) == ("8192", "16384"), f"heap on {heap}")
        line(m, r"kernel: idle ")
        check(not m.matching(r"kernel: panic"), "the kernel panicked")


def sdram_boot(t, memory):
    """hello's image with `memory` of SDRAM: the loader's memory line, the
    kernel's heap and limit lines and hello's frames line (or the loader's
    halt)."""
    with t.machine(image(t), None, arch="coldfire", memory=memory) as m:
        _, first = m.wait_for(r"boot: (memory sdram=|error sdram)", TIMEOUT)
        if "error" in first.group(0):
            m.wait_for(r"boot: halted", TIMEOUT)
            return m.lines, None
        line(m, r"hello: frames ")
        keys = ("kernel: heap fixed ", "kernel: framealloc limit=", "hello: frames ")
        return m.lines, {k: key_values(line(m, k)) for k in keys}


def case_sdram(t):
    small_lines, small = sdram_boot(t, "128M")
    big_lines, big = sdram_boot(t, "256M")
    check("boot: memory sdram=[0x40000000,0x50000000) scratch=[0x47fe0000,0x48000000)"
          in big_lines, "the 256 MiB memory line")
    check(big["kernel: heap fixed "]["ram_records"] == "65536" and
          big["hello: frames "]["ram"] == "65536", f"256 MiB: {big}")
    more = int(big["kernel: framealloc limit="]["limit"]) - \
        int(small["kernel: framealloc limit="]["limit"])
    records = 32768 * 32 // 4096       # the extra RAM records live in the heap
    check(32768 - records - 2 <= more <= 32768 - records, f"limit grew by {more}")
    lines, none = sdram_boot(t, "64M")
    check(none is None and "boot: error sdram: less than 128 MiB (QEMU -m 128M at least)"
          in lines and not any(l.startswith("kernel:") for l in lines), f"64 MiB: {lines[-3:]}")


CASES = {"sdram": case_sdram, "heapfit": case_heapfit, "boot": case_boot, "corrupt": case_corrupt, "faults": case_faults,
         "reboot": case_reboot, "devmem": case_devmem, "frames": case_frames,
         "store": case_store, "no-store": case_no_store, "bad-kernel": case_bad_kernel}


def body(t, case):
    CASES[case](t)


if __name__ == "__main__":
    Test("qemu_coldfire").run(body)
