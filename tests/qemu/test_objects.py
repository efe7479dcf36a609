"""Kernel objects in QEMU (docs/capabilities.md), one image per case.

case `caps` (disk-caps.img): the capability test programs all pass; the
settle line's released frames equal relaxed - conservative; devholder's
fault and cap_devmem's exit with device mappings left every pool record
free (idle pool_used=0), every user frame free, and the heap smaller by
exactly the settled frames; sleeper's 20 ms sleep took at least 20 ms.

case `ipc` (disk-ipc.img): call / receive / reply with a buffer and a
capability transferred both ways; the server maps device memory through
the DevMem capability it received.

case `fuzz` (disk-fuzz.img): many random system calls and IPC calls to
fuzz_peer carrying random capabilities both ways, seed and count given at
run time (QEMU fw_cfg opt/kheap/fuzz, a seed that is not the built-in
one); the kernel survives, pool and heap figures are the same before and
after, both programs finish.  KH_FUZZ_SEED / KH_FUZZ_CALLS in the
environment pick another run.

case `probes` (disk-probes.img): the escapes of issue 12 stay closed: a
program holding only the local APIC page sends itself an NMI and is ended
(`cause=nmi`), the kernel goes on (hello runs after it, no panic); the
fenced ranges and the reset port refuse devmem:all and ioport:0xcf8-0xcff.

case `frames` (disk-frames.img): frameowner publishes four device frames
(four records), maps them twice and hands a narrowed capability to
framedriver, which maps it (still four records); the rescind line names
4 frames, 3 mappings and both pids, the records are back, framedriver's
next access to its old mapping faults at that address.

case `children` (disk-children.img): epparent drives three epchild
children on its own endpoints k = 0, 1, 2 (each call reaches the child of
its endpoint; ENDPOINT(1) twice is one endpoint; k = 8 is out-of-range; a
call waiting on k = 2 ends not-found only with that endpoint's child) and
narrows its FrameAlloc to n = 2 frames (over-quota past it, also through a
copy sent over IPC); two children spawned with n = 2 and n = 1 slots map
exactly that many (`kernel: process` lines `framealloc:0x0-0x1:rwcg`,
`framealloc:0x0-0x0:rwg`); ten children in turn take all 8 own endpoints
each and end (more than the table's 64 records: an ended owner's go
back); Ctrl-T shows the parent's counted and uncounted FrameAlloc slots.

case `musl` (disk-musl.img): a program linked with musl's libc.a formats
and parses, and Linux calls musl issues come back as ENOSYS."""

import os

from harness import Test, check, key_values, BOOT_TIMEOUT

PAGE = 4096


def ints(line, *keys):
    kv = key_values(line)
    check(all(k in kv for k in keys), f"missing {keys} in {line!r}")
    return [int(kv[k]) for k in keys]


def done_line(m, prog):
    _, d = m.wait_for(rf"^{prog}: done .*", BOOT_TIMEOUT)
    check(ints(d.group(0), "failed") == [0], d.group(0))
    check(ints(d.group(0), "passed")[0] > 0, d.group(0))


def case_caps(t):
    with t.machine(t.image("caps"), t.store()) as m:
        for prog in ("cap_devmem", "cap_misc", "nodevmem"):
            done_line(m, prog)
        _, idle = m.wait_for(r"kernel: idle .*", BOOT_TIMEOUT)
        fixed = m.matching(r"kernel: heap fixed .*")[0][1].group(0)
        sealed = m.matching(r"kernel: heap sealed .*")[0][1].group(0)
        cons = m.matching(r"kernel: framealloc limit=(\d+) phase=conservative")[0][1]
        settle = m.matching(r"kernel: settle .*")[0][1].group(0)
        check(not m.matching(r"^FAIL "), "a check failed")
        # every program announced with its capabilities
        for name, caps in (("cap_devmem", "console,devmem:all,devmem:0xfed00000-0xfed00fff,settle"),
                           ("sleeper", "console")):
            check(m.matching(rf"kernel: process {name} pid=\d+ caps={caps}$"),
                  f"no process line for {name}")
        frames, limit = ints(settle, "released_frames", "limit")
        check(frames > 0 and limit - int(cons.group(1)) == frames,
              f"relaxed - conservative != released: {cons.group(0)} / {settle}")
        idle_line = idle.group(0)
        check(ints(idle_line, "pool_used") == [0], f"pool records left: {idle_line}")
        check(ints(idle_line, "user_frames") == [0], f"user frames left: {idle_line}")
        check(ints(idle_line, "bytes")[0] == ints(fixed, "bytes")[0] - frames * PAGE,
              f"heap is not smaller by the settled frames: {fixed} / {idle_line}")
        free, held = ints(sealed, "free_frames", "user_frames")
        check(ints(idle_line, "free_frames") == [free + held + frames],
              f"frames not all back: {sealed} / {idle_line}")
        check(m.matching(r"kernel: fault pid=4 name=devholder cause=page-fault"),
              "devholder did not fault")
        slept = m.matching(r"^sleeper: slept .*")
        check(len(slept) == 5, "want the sleeper and its four spawned children")
        for _, line in slept:
            check(ints(line.group(0), "status", "ms")[1] >= 20, line.group(0))
        check(len(m.matching(r"kernel: stop pid=\d+ name=sleeper")) == 3, "three children stopped")
        check(m.matching(r"kernel: process sleeper pid=\d+ caps=console:rwcg$"),
              "a child holds only the console it was given")
        check(m.matching(r"kernel: process sleeper pid=\d+ caps=console:r$"),
              "a child spawned with a mask holds the console with that mask only")


def idle_clean(m):
    _, idle = m.wait_for(r"kernel: idle .*", BOOT_TIMEOUT)
    line = idle.group(0)
    check(ints(line, "pool_used", "user_frames") == [0, 0], f"left behind: {line}")
    check(not m.matching(r"^FAIL |kernel: fault |kernel: panic"), "a check failed or a fault")


def case_ipc(t):
    with t.machine(t.image("ipc"), t.store()) as m:
        done_line(m, "ipc_server")
        done_line(m, "ipc_client")
        idle_clean(m)
        check(m.matching(r"kernel: process ipc_server pid=1 caps=console,endpoint:echo:recv$"),
              "no process line for the server")


def case_fuzz(t):
    seed = int(os.environ.get("KH_FUZZ_SEED", "0x2468ace1"), 0)
    calls = int(os.environ.get("KH_FUZZ_CALLS", "20000"))
    setting = ["-fw_cfg", f"name=opt/kheap/fuzz,string=seed={seed:#x} calls={calls}"]
    with t.machine(t.image("fuzz"), t.store(), extra=setting) as m:
        _, said = m.wait_for(r"^fuzz: seed=(\S+) calls=(\d+)", BOOT_TIMEOUT)
        check((int(said.group(1), 16), int(said.group(2))) == (seed, calls),
              f"the run-time seed and count were not taken: {said.group(0)}")
        done_line(m, "fuzz")
        done_line(m, "fuzz_peer")
        _, res = m.wait_for(r"^fuzz: invocations_ok=(\d+) ", BOOT_TIMEOUT)
        check(int(res.group(1)) > 0, f"no random invocation ever succeeded: {res.group(0)}")
        _, ipc = m.wait_for(r"^fuzz: ipc_ok=(\d+) caps_in=(\d+)", BOOT_TIMEOUT)
        check(int(ipc.group(1)) > 0 and int(ipc.group(2)) > 0,
              f"no IPC call, or no capability came back: {ipc.group(0)}")
        idle_clean(m)
        fixed = m.matching(r"kernel: heap fixed .*")[0][1].group(0)
        idle = m.matching(r"kernel: idle .*")[0][1].group(0)
        check(ints(fixed, "bytes") == ints(idle, "bytes"), "heap bytes changed")


def case_musl(t):
    with t.machine(t.image("musl"), t.store()) as m:
        idle_clean(m)
        done = m.matching(r"^muslprobe: done passed=(\d+) failed=(\d+)")
        check(len(done) == 2, f"want two muslprobe runs, got {len(done)}")
        check(all(mt.group(2) == "0" for _, mt in done), "a musl check failed")
        check(m.matching(r"^muslprobe: pool=00042/0xcf8/-7$"), "snprintf line missing")


def case_probes(t):
    with t.machine(t.image("probes"), t.store()) as m:
        m.wait_for(r"kernel: fault pid=1 name=probe_nmi cause=nmi ", BOOT_TIMEOUT)
        done_line(m, "probe_fence")
        m.wait_for(r"^hello", BOOT_TIMEOUT)
        _, idle = m.wait_for(r"kernel: idle .*", BOOT_TIMEOUT)
        check(ints(idle.group(0), "pool_used", "user_frames") == [0, 0], idle.group(0))
        check(not m.matching(r"^FAIL |kernel: panic|probe_nmi: still running"),
              "a probe escaped")


def case_frames(t):
    with t.machine(t.image("frames"), t.store()) as m:
        done_line(m, "frameowner")
        done_line(m, "framedriver")
        _, r = m.wait_for(r"kernel: rescind frames=(\d+) mappings=(\d+) holders=(\S+)$",
                          BOOT_TIMEOUT)
        check(r.groups() == ("4", "3", "1,2"), r.group(0))
        m.wait_for(r"kernel: fault pid=2 name=framedriver cause=page-fault addr=0x20000000$",
                   BOOT_TIMEOUT)
        _, idle = m.wait_for(r"kernel: idle .*", BOOT_TIMEOUT)
        check(ints(idle.group(0), "pool_used", "user_frames") == [0, 0], idle.group(0))
        check(not m.matching(r"^FAIL |kernel: panic|survived"), "a check failed")


def case_sched(t):
    with t.machine(t.image("sched"), t.store()) as m:
        idle_clean(m)
        lines = m.matching(r"^spinner: pid=\d+ preempted=(\d+)")
        check(len(lines) == 2, "want two spinner lines")
        check(all(int(mt.group(1)) > 0 for _, mt in lines),
              f"a spinner never lost the CPU: {[mt.group(0) for _, mt in lines]}")


def case_children(t):
    with t.machine(t.image("children"), t.store()) as m:
        done_line(m, "epparent")
        _, key = m.wait_for(r"^epparent: status key slot=(\d+)$", BOOT_TIMEOUT)
        start = len(m.output().splitlines())
        m.type(b"\x14")
        m.wait_for(rf"kernel: ps pid=1 slot={key.group(1)} framealloc:0x0-0x1:rwcg$", 10, start)
        check(m.matching(r"kernel: ps pid=1 slot=2 framealloc:rwcg$", start),
              "the manifest grant shows no count")
        idle_clean(m)
        done = m.matching(r"^epchild: done passed=\d+ failed=(\d+)$")
        check(len(done) == 15 and all(mt.group(1) == "0" for _, mt in done),
              f"want 15 epchild children passing: {[mt.group(0) for _, mt in done]}")
        for n, caps in ((2, "framealloc:0x0-0x1:rwcg"), (1, "framealloc:0x0-0x0:rwg")):
            _, line = m.wait_for(rf"kernel: process epchild pid=(\d+) caps=console:rwcg,{caps}$",
                                 1)
            _, held = m.wait_for(rf"^epchild: frames pid={line.group(1)} held=(\d+) "
                                 r"refused=(\S+)$", 1)
            check(held.groups() == (str(n), "over-quota"), held.group(0))
        eps = m.matching(r"kernel: process epchild pid=\d+ caps=console:rwcg,endpoint:xrwcg$")
        check(len(eps) == 3, f"want three children holding one endpoint each, got {len(eps)}")


def case_deaths(t):
    """No death notice is lost: with every free slot of the process table
    holding an unread notice, the next spawn is refused (one kernel line)
    and every notice is still there for its reader."""
    with t.machine(t.image("deaths"), t.store()) as m:
        _, sp = m.wait_for(r"^deathsink: spawned=(\d+) refused=(\S+)$", BOOT_TIMEOUT)
        n = int(sp.group(1))
        check(sp.group(2) == "no-memory" and 10 <= n < 32, sp.group(0))
        _, lim = m.wait_for(r"kernel: limit what=processes have=16 need=17 unread-notices=(\d+)$",
                            1)
        check(int(lim.group(1)) == n, f"{lim.group(0)}: every stopped child's notice waits")
        _, nt = m.wait_for(r"^deathsink: notices=(\d+) pids=(\S+) respawn=(\S+)$", 10)
        check(nt.groups() == (str(n), "ok", "ok"), f"{nt.group(0)} after {n} children")
        stops = m.matching(r"kernel: stop pid=\d+ name=sleeper")
        check(len(stops) == n + 1, f"{len(stops)} stops for {n} + 1 children")


CASES = {"sched": case_sched, "caps": case_caps, "ipc": case_ipc, "fuzz": case_fuzz, "musl": case_musl,
         "probes": case_probes, "frames": case_frames, "children": case_children,
         "deaths": case_deaths}


def body(t, case):
    check(case in CASES, f"unknown case {case}")
    CASES[case](t)


Test("qemu_objects").run(body)
