"""devdisc's tables when FrameAlloc refuses them (docs/devdisc.md "Tables
and limits"), x86_64; the ColdFire side is test_coldfire_devdisc.py's case
huge-noframes (devdisc without a FrameAlloc grant).

case `noframes`: disk-devdisc-noframes.img, devdisc without a FrameAlloc
grant, on the default machine (more functions and BARs than the seeds):
no `table` line; exactly one `limit` line per table that stayed short,
`devices` with have=8 (the seed) and need = every function QEMU reports
(query-pci), `regions` with have=8 and need = the mappable memory BARs of
the functions kept; the walk lists the first 8 functions, one
truncated-devices and one too-many-regions warning; the store cannot be
opened (`store-open status=not-found`), nothing reboots; devdisc still
decides and settles, with used = the frames of the mapped lines.

case `exhausted`: disk-devdisc-exhausted.img, devdisc granted FrameAlloc
but started after framehog (tests/guest/framehog), which holds every frame
of the limit (`framehog: reserved=<n> status=ok left=0`, before devdisc's
first line): the same as noframes, FrameAlloc refusing with no-memory
(`store-open status=no-memory`)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import Test, check, key_values, BOOT_TIMEOUT
from test_devdisc import ROM, frames, qmp_devices

SEED_DEVICES, SEED_REGIONS = 8, 8    # userland/devdisc/daemon/dd_pci_bus.c


def boot(t, variant):
    with t.machine(t.image(variant), t.store()) as m:
        _, settled = m.wait_for(r"devdisc: settled .*", BOOT_TIMEOUT)
        devices = qmp_devices(m.qmp.execute("query-pci"))
        lines = [mt.group(0) for _, mt in m.matching(r"(devdisc|framehog): .*")]
        check(not m.matching(r"devdisc: error|kernel: (fault|panic)|reboot=yes"),
              "devdisc failed or rebooted")
    return devices, lines, key_values(settled.group(0))


def starting(lines, prefix):
    return [key_values(l) for l in lines if l.startswith(prefix)]


def limits(lines):
    """{what: (have, need)}; each table once at most."""
    out = {}
    for kv in starting(lines, "devdisc: limit what="):
        check(kv["what"] not in out, f"two limit lines for {kv['what']}")
        out[kv["what"]] = (int(kv["have"]), int(kv["need"]))
    return out


def mappable(devices, kept):
    """Memory BARs with an address (not the expansion ROM) of the kept functions."""
    return [(bdf, index, size) for bdf, _, _, bars in devices if bdf in kept
            for index, kind, addr, size in bars if kind == "memory" and index != ROM and addr > 0]


def check_seeded(devices, lines, settled, store_status):
    """The fallback: the seeds, one limit line per short table, settled."""
    check(len(devices) > SEED_DEVICES, f"the machine has only {len(devices)} functions")
    check(not starting(lines, "devdisc: table "), "a table grew: FrameAlloc did not refuse")
    opened = starting(lines, "devdisc: store-open ")
    check(len(opened) == 1 and opened[0]["status"] == store_status, f"store-open {opened}")
    kept = [f["dev"] for f in starting(lines, "devdisc: found ")]
    check(len(kept) == SEED_DEVICES, f"{len(kept)} functions listed, the seed holds {SEED_DEVICES}")
    bars = mappable(devices, kept)
    check(len(bars) > SEED_REGIONS, f"the kept functions have only {len(bars)} mappable BARs")
    want = {"devices": (SEED_DEVICES, len(devices)), "regions": (SEED_REGIONS, len(bars))}
    check(limits(lines) == want, f"limit lines {limits(lines)}, want {want}")
    warnings = [(w["what"], w["detail"]) for w in starting(lines, "devdisc: warning ")]
    check(sorted(warnings) == sorted([("truncated-devices", str(SEED_DEVICES)),
                                      ("too-many-regions", str(len(bars) - SEED_REGIONS))]),
          f"warnings {warnings}")
    mapped = sum(int(kv["frames"]) for kv in starting(lines, "devdisc: mapped "))
    check(mapped > 0 and int(settled["used"]) == mapped, f"settled {settled}, mapped {mapped}")
    check(len(starting(lines, "devdisc: decision=")) == 1, "no decision")


def case_noframes(t):
    check_seeded(*boot(t, "devdisc-noframes"), "not-found")


def case_exhausted(t):
    devices, lines, settled = boot(t, "devdisc-exhausted")
    hog = starting(lines, "framehog: ")
    check(len(hog) == 1 and hog[0]["status"] == "ok" and int(hog[0]["reserved"]) > 0
          and hog[0]["left"] == "0", f"framehog {hog}")
    check(lines[0].startswith("framehog: "), f"devdisc ran before framehog: {lines[0]}")
    check_seeded(devices, lines, settled, "no-memory")


def main(t, case):
    {"noframes": case_noframes, "exhausted": case_exhausted}[case](t)


if __name__ == "__main__":
    Test("devdisc_tables").run(main)
