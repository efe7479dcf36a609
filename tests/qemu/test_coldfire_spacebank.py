"""The space bank's clients on ColdFire (QEMU mcf5208evb): the cases and
checks of test_spacebank.py (clients, relax, deaths, default), on
coldfire-<variant>.img built from the same programs and manifests.

Not on ColdFire: the bank cannot serve all it promises: the kernel's limit counts the 3840 frames of the frame window, which only MAP takes (no MMU), RESERVE never, so every "all of it" check misses exactly the window (GAP_FAILS; docs/coldfire.md).

So `gap` is the window's frame count from the kernel's window line, and
the checks a client makes against "available" must fail by exactly that
much, each named below; any other FAIL line fails the test, and so does
a gap that is gone (then drop GAP_FAILS: the kernel serves it all).
"""

import re

import test_spacebank
from harness import check, key_values, khqemu

# Per client: (check name, got - want in window frames, or a status name
# that the check got instead of ok), in log order.
GAP_FAILS = {
    "sbclient": [("got the available frames", -1), ("got = limit - used - others", -1),
                 ("nothing available", +1)],
    "sbsettle": [("got the available frames", -1), ("available = released", +1),
                 ("got the available frames", -1)],
    "sbmany": [("a new client gets their frames", "no-memory")],
}


def status_number(name):
    """The number of status `name` (the X list of lib/include/status.h)."""
    text = (khqemu.REPO / "lib" / "include" / "status.h").read_text()
    names = re.findall(r'^\s*X\(\w+,\s*"([\w-]+)"\)', text, re.M)
    check(name in names, f"no status {name}")
    return names.index(name)


class ColdFire(test_spacebank.Target):
    """coldfire-<variant>.img; the window's frames the bank cannot serve."""
    name = "qemu_coldfire_spacebank"
    manifest = "manifest-coldfire.txt"

    def boot(self, t, variant=None):
        path = t.build_dir / "coldfire" / f"coldfire{'-' + variant if variant else ''}.img"
        check(path.exists(), f"{path} is missing (ColdFire sub-build not done?)")
        return t.machine(path, t.store(), arch="coldfire")

    def gap(self, m):
        got = m.matching(r"^kernel: framealloc window .*")
        check(len(got) == 1, "want one kernel framealloc window line")
        kv = key_values(got[0][1].group(0))
        check(kv["frames"] == kv["free"], f"window frames taken at the seal: {kv}")
        return int(kv["frames"])

    def known_fails(self, m, prog):
        """Checks prog's FAIL lines among GAP_FAILS' names are exactly its
        list, each off by the gap; returns how many."""
        want = GAP_FAILS.get(prog, [])
        names = {n for n, _ in want}
        got = [mt for _, mt in m.matching(r"^FAIL (.+) got=0x([0-9a-f]+) want=0x([0-9a-f]+)$")
               if mt.group(1) in names]
        check([mt.group(1) for mt in got] == [n for n, _ in want],
              f"{prog}: FAIL lines {[mt.group(0) for mt in got]}, want {want}")
        for mt, (_, off) in zip(got, want):
            g, w = int(mt.group(2), 16), int(mt.group(3), 16)
            ok = g == status_number(off) if isinstance(off, str) else g - w == off * self.gap(m)
            check(ok, f"{mt.group(0)}: not off by the window ({self.gap(m)} frames)")
        return len(want)


test_spacebank.run(ColdFire())
