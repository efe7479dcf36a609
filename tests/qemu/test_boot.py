"""Boots the default image on TCG through every program of the manifest:
the loader's lines, the kernel's heap line (fixed with the pool N and
headroom H of the store the loader chose, and the same size once sealed),
the kernel's process line for each manifest program in manifest order
(rising pids, the manifest's capabilities), then the first program's own
output."""

from harness import Test, check, key_values, khqemu, BOOT_TIMEOUT


def programs():
    """[(name, caps)] of the x86_64 manifest, in start order."""
    manifest = khqemu.REPO / "userland" / "manifests" / "manifest-x86_64.txt"
    progs = []
    for line in manifest.read_text().splitlines():
        words = line.split("#", 1)[0].split()
        if words and not words[0].startswith("@"):
            progs.append((words[0], words[1] if len(words) > 1 else ""))
    check(progs, "empty manifest")
    return progs


def check_heap(m, cfg, start):
    """The heap line carries the loader's N and H; sealing keeps its size."""
    i, heap = m.wait_for(r"kernel: heap fixed (.*)", BOOT_TIMEOUT, start=start)
    kv = key_values(heap.group(1))
    check(kv.get("pool") == cfg.get("pool") and kv.get("headroom") == cfg.get("headroom"),
          f"heap line pool={kv.get('pool')} headroom={kv.get('headroom')}, loader chose "
          f"pool={cfg.get('pool')} headroom={cfg.get('headroom')}")
    check(kv.get("bytes", "").isdigit() and int(kv["bytes"]) > 0,
          f"heap line without a size: {heap.group(0)}")
    _, sealed = m.wait_for(r"kernel: heap sealed (.*)", BOOT_TIMEOUT, start=i + 1)
    check(key_values(sealed.group(1)).get("bytes") == kv["bytes"],
          f"heap fixed at {kv['bytes']} bytes but sealed as {sealed.group(0)}")
    return i


def check_processes(m, progs, start):
    """One process line per manifest program, in order, pids rising; an
    image marked `spawned` only says it waits for its parent."""
    index, last_pid, first = start, 0, None
    for name, caps in progs:
        if caps == "spawned":   # started only by a parent (docs/capabilities.md)
            check(m.matching(rf"kernel: image {name} start=by-parent$"), f"{name} started at boot")
            continue
        index, proc = m.wait_for(rf"kernel: process {name} pid=(\d+) caps=(\S*)",
                                 BOOT_TIMEOUT, start=index)
        pid = int(proc.group(1))
        check(pid > last_pid, f"{name} started with pid {pid} after pid {last_pid}")
        check(proc.group(2) == caps, f"{name}: caps {proc.group(2)!r}, manifest says {caps!r}")
        last_pid = pid
        first = index if first is None else first
        index += 1
    return first


def body(t):
    progs = programs()
    with t.machine(t.image(), t.store()) as m:
        _, cfg = m.wait_for(r"boot: config (.*)", BOOT_TIMEOUT)
        kv = key_values(cfg.group(1))
        check(kv.get("slot") == "A" and kv.get("generation") == "1",
              f"fresh store should boot on slot A generation 1: {cfg.group(0)}")
        i, _ = m.wait_for(r"boot: entering kernel", BOOT_TIMEOUT)
        _, info = m.wait_for(r"kernel: bootinfo .*programs=(\d+)", BOOT_TIMEOUT, start=i)
        check(int(info.group(1)) == len(progs),
              f"bootinfo has {info.group(1)} programs, the manifest {len(progs)}")
        i = check_heap(m, kv, i)
        first = check_processes(m, progs, i)
        m.wait_for(rf"^{progs[0][0]}: ", BOOT_TIMEOUT, start=first + 1)
        check(not m.matching(r"kernel: panic"), "kernel panicked")


Test("qemu_boot").run(body)
