"""The reboot note: the reboot image's first program asks the kernel for a
reboot on a cold boot; the loader of the next boot reports
reason=requested (and clears the note), and hello runs."""

from harness import Test, check, BOOT_TIMEOUT


def body(t):
    with t.machine(t.image("reboot"), t.store()) as m:
        first, _ = m.wait_for(r"boot: reason=cold", BOOT_TIMEOUT)
        second, _ = m.wait_for(r"boot: reason=(\S+)", BOOT_TIMEOUT, start=first + 1)
        check(m.lines[second] == "boot: reason=requested",
              f"second boot says {m.lines[second]!r}")
        m.wait_for(r"^hello: ", BOOT_TIMEOUT, start=second)
        check(len(m.matching(r"boot: reason=")) == 2, "more than one reboot")


Test("qemu_reboot").run(body)
