"""The kernel's own promises, read from the serial log.

case `heap`: the fixed heap's size is the same in the `kernel: heap fixed`
line, in what hello reads through the stats system call (twice, with
timer ticks in user mode between), and in the `kernel: idle` line after all
programs ran; sysprobe's system-call edge cases all got their error.

case `faults`: after three programs were killed by faults and hello ran,
every user frame is back on the free list (idle free = free + user at the
seal) and the heap is unchanged.

case `badprog`: a program linked below the user base and one granted an
unknown capability type are skipped with a line each, nothing of them is
left in memory, and hello still runs."""

from harness import Test, check, key_values, BOOT_TIMEOUT


def ints(line, *keys):
    kv = key_values(line)
    check(all(k in kv for k in keys), f"missing {keys} in {line!r}")
    return [int(kv[k]) for k in keys]


def heap_lines(m):
    _, fixed = m.wait_for(r"kernel: heap fixed .*", BOOT_TIMEOUT)
    _, sealed = m.wait_for(r"kernel: heap sealed .*", BOOT_TIMEOUT)
    _, idle = m.wait_for(r"kernel: idle .*", BOOT_TIMEOUT)
    return fixed.group(0), sealed.group(0), idle.group(0)


def case_heap(t):
    # Not the default image: its daemons (spacebank, devdisc) never end.
    with t.machine(t.image("heap"), t.store()) as m:
        fixed, sealed, idle = heap_lines(m)
        _, user = m.wait_for(r"^hello: heap .*", BOOT_TIMEOUT)
        _, frames = m.wait_for(r"^hello: frames .*", BOOT_TIMEOUT)
        _, probe = m.wait_for(r"^sysprobe: done .*", BOOT_TIMEOUT)
        sizes = [ints(fixed, "bytes")[0], ints(sealed, "bytes")[0],
                 ints(user.group(0), "bytes")[0], ints(idle, "bytes")[0]]
        check(len(set(sizes)) == 1, f"heap bytes changed: fixed/sealed/user/idle = {sizes}")
        used = [ints(sealed, "used")[0], ints(user.group(0), "used")[0], ints(idle, "used")[0]]
        check(len(set(used)) == 1, f"heap used changed after the seal: {used}")
        check(used[0] <= sizes[0], f"used {used[0]} beyond the heap {sizes[0]}")
        kv = key_values(frames.group(0))
        check(kv.get("heap_stable") == "yes", f"hello saw the heap move: {frames.group(0)}")
        before, after = (int(x) for x in kv["ticks"].split(".."))
        check(after > before, f"no timer tick reached user mode: {frames.group(0)}")
        check(key_values(user.group(0)).get("sealed") == "1", "heap not sealed in user mode")
        check(ints(probe.group(0), "failed") == [0], probe.group(0))
        check(ints(idle, "user_frames") == [0], f"user frames left: {idle}")
        check(not m.matching(r"sysprobe: FAIL"), "a sysprobe check failed")


def case_faults(t):
    with t.machine(t.image("faults"), t.store()) as m:
        fixed, sealed, idle = heap_lines(m)
        free, held = ints(sealed, "free_frames", "user_frames")
        check(held > 0, f"no user frames at the seal: {sealed}")
        check(ints(idle, "free_frames", "user_frames") == [free + held, 0],
              f"frames not returned: seal {sealed!r}, idle {idle!r}")
        check(ints(fixed, "bytes") == ints(idle, "bytes"), "heap bytes changed")
        check(len(m.matching(r"kernel: fault ")) == 3, "want exactly three fault lines")
        check(len(m.matching(r"kernel: exit pid=\d+ name=hello status=0")) == 1,
              "hello did not exit cleanly after the faults")


def case_badprog(t):
    with t.machine(t.image("badprog"), t.store()) as m:
        _, sealed, idle = heap_lines(m)
        skips = {mt.group(1): mt.group(2) for _, mt in
                 m.matching(r"kernel: skip program (\S+) reason=(\S+)")}
        check(skips == {"bad_low": "out-of-range", "sysprobe": "not-found"},
              f"skip lines: {skips}")
        check(not m.matching(r"^bad_low: |kernel: process (bad_low|sysprobe) "),
              "a refused program ran")
        m.wait_for(r"kernel: exit pid=1 name=hello status=0", BOOT_TIMEOUT)
        free, held = ints(sealed, "free_frames", "user_frames")
        check(ints(idle, "free_frames", "user_frames") == [free + held, 0],
              f"frames not returned: seal {sealed!r}, idle {idle!r}")


CASES = {"heap": case_heap, "faults": case_faults, "badprog": case_badprog}


def body(t, case):
    check(case in CASES, f"unknown case {case}")
    CASES[case](t)


Test("qemu_kernel").run(body)
