"""The closed loop on ColdFire (QEMU mcf5208evb): devdisc writes the blob
through the kernel's Store capability (semihosting in supervisor mode)
and the machine reboots re-tuned.  One case per CTest test:

  grow      a fresh store, coldfire-devdisc-big.img (mcf5208evb-big.dts:
            a 256 MiB window): the storewriter driver started on each
            boot holding the Store capability; exactly one
            `event=retune ... reboot=yes`,
            one reboot, `kernel: heap fixed ... pool=<new>`, the window
            mapped, `decision=ok ... why=cured`; `bootcfg log` (the host
            tool on the ColdFire-written store) has the grow record
  shrink    after grow, the stock board (coldfire.img): a lazy shrink,
            `reboot=no`, no reboot; the next boot fixes the smaller pool
  giveup    hard_cap below the window's need: `decision=give-up
            why=over-cap`, no reboot; the next boot `why=guarded-config`,
            nothing written, still no reboot: no loop
  torn      coldfire-devdisctorn.img tears its first store write (32
            bytes of the slot sector) and QEMU is killed: the store
            still selects the previous blob, no log record; the next
            boot of the big board converges (one reboot, cured)
  kill      QEMU killed on the big board's `event=retune ... reboot=yes`
            line (wherever the write was): the next boot converges (at
            most one more reboot, then cured, the window mapped)
  baddtb    coldfire.img with its DTB's magic smashed: devdisc says
            `error step=discover status=bad-magic`, the kernel stays up
            (hello runs, no panic)
  rundtb    scripts/run --arch coldfire --dtb: a malformed .dts, a
            truncated, a misaligned and a hostile (0xfffffff4 length) .dtb
            each end in one `run: --dtb` line, exit 4, before QEMU starts;
            mcf5208evb-extra.dts boots coldfire.img carrying it (devdisc
            finds the eDMA node)

Every boot also checks: no panic, no fault, the space bank never lowers
its limit within a boot.
"""

import os
import struct
import subprocess
import sys

from harness import Test, check, key_values, khqemu, log_records, blob, check_spacebank

REPO = khqemu.REPO

TIMEOUT = 40
BIG_FRAMES = 65536
FDT_MAGIC = b"\xd0\x0d\xfe\xed"


def image(t, variant=None):
    name = f"coldfire-{variant}.img" if variant else "coldfire.img"
    path = t.build_dir / "coldfire" / name
    check(path.exists(), f"{path} is missing (ColdFire sub-build not done?)")
    return path


def lines(m, pattern):
    return [key_values(mt.group(0)) for _, mt in m.matching(pattern)]


def check_healthy(m):
    check(not m.matching(r"kernel: (fault|panic)"), "a fault or panic: " + "; ".join(
        mt.group(0) for _, mt in m.matching(r"kernel: (fault|panic).*")))
    check_spacebank(m)


def run(t, img, store, until=(r"devdisc: done",)):
    """Boots img until every pattern of `until` and hello's last line (each
    searched from the start); returns the machine, closed."""
    with t.machine(img, store, arch="coldfire") as m:
        for pattern in until:
            m.wait_for(pattern, timeout=TIMEOUT)
        m.wait_for(r"hello: frames ", timeout=TIMEOUT)
        check_healthy(m)
        return m


def grow(t, store):
    """The big board on store: one re-tune reboot, then cured.  Returns
    (old pool, new pool)."""
    m = run(t, image(t, "devdisc-big"), store,
            until=(r"devdisc: decision=ok .*why=cured", r"devdisc: done"))
    events = lines(m, r"devdisc: event=retune .*")
    check(len(events) == 2 and events[0]["reboot"] == "yes" and events[1]["reboot"] == "no",
          f"want one reboot=yes then the cure's reboot=no write, got {events}")
    check(len(lines(m, r"devdisc: reboot reason=retune")) == 1, "not exactly one reboot")
    boots = lines(m, r"boot: config slot=.*")
    check(len(boots) == 2, f"{len(boots)} boots")
    heaps = lines(m, r"kernel: heap fixed .*")
    new = int(events[0]["new"])
    check(int(heaps[1]["pool"]) == new and new >= BIG_FRAMES,
          f"second heap {heaps[1]}, the re-tune asked for {new}")
    check(lines(m, r"devdisc: mapped node=/soc/window@c0000000 .*")[-1]["frames"] == str(BIG_FRAMES),
          "the window is not mapped after the reboot")
    writes = lines(m, r"devdisc: store-write .*")
    check(all(w["status"] == "ok" for w in writes), f"store writes {writes}")
    check_store_driver(m, len(boots))
    return int(events[0]["old"]), new


def check_store_driver(m, boots):
    """Each boot started the storewriter driver holding devdisc's Store
    capability and nothing else but the console and its endpoint; devdisc
    holds no writer of its own."""
    granted = lines(m, r"devdisc: granted dev=store .*")
    check(len(granted) == boots and all(g["to"] == "storewriter" and g["caps"] == "store" and
                                        g["status"] == "ok" for g in granted), f"{granted}")
    for g in granted:
        want = (rf"kernel: process storewriter pid={g['pid']} "
                r"caps=console:w,endpoint:x,store:rw$")
        check(m.matching(want), f"no {want!r}")


def case_grow(t):
    store = t.store()
    old, new = grow(t, store)
    recs = log_records(t, store)
    check([r["reason"] for r in recs] == ["grow", "cured"], f"log {recs}")
    check(recs[0]["old"] == str(old) and recs[0]["new"] == str(new) and
          recs[0]["reboot"] == "yes" and int(recs[0]["need"]) >= BIG_FRAMES, f"log {recs[0]}")
    cur = blob(t, store)
    check(cur["pool"] == str(new) and cur["generation"] == "3", f"blob {cur}")


def case_shrink(t):
    store = t.store()
    _, new = grow(t, store)
    m = run(t, image(t), store)
    (dec,) = lines(m, r"devdisc: decision=.*")
    events = lines(m, r"devdisc: event=retune .*")
    check(dec["reboot"] == "no" and dec["write"] == "yes" and int(dec["new"]) < new,
          f"want a lazy shrink, got {dec}")
    check(len(events) == 1 and events[0]["reboot"] == "no", f"events {events}")
    check(not m.matching(r"devdisc: reboot|kernel: reset"), "rebooted")
    check(int(lines(m, r"kernel: heap fixed .*")[0]["pool"]) == new, "pool moved before a boot")
    m2 = run(t, image(t), store)
    check(int(lines(m2, r"kernel: heap fixed .*")[0]["pool"]) == int(dec["new"]),
          "the shrink was not applied at the next boot")
    check(log_records(t, store)[-1]["reboot"] == "no", "shrink record")


def case_giveup(t):
    store = t.store()
    t.tool("set", store, "hard_cap=30000")
    m = run(t, image(t, "devdisc-big"), store)
    (dec,) = lines(m, r"devdisc: decision=.*")
    check(dec["decision"] == "give-up" and dec["why"] == "over-cap", f"{dec}")
    check(not m.matching(r"devdisc: reboot|kernel: reset"), "rebooted")
    check(lines(m, r"devdisc: store-write .*")[0]["status"] == "ok", "give-up not written")
    m2 = run(t, image(t, "devdisc-big"), store)
    (dec2,) = lines(m2, r"devdisc: decision=.*")
    check(dec2["why"] == "guarded-config" and dec2["reboot"] == "no", f"{dec2}")
    check(not m2.matching(r"devdisc: event=retune|devdisc: reboot"), "wrote or rebooted again")
    recs = log_records(t, store)
    # `bootcfg set` leaves its own record (manual) first.
    check([r["reason"] for r in recs] == ["manual", "give-up"], f"log {recs}")


def case_torn(t):
    store = t.store()
    before = blob(t, store)
    with t.machine(image(t, "devdisctorn"), store, arch="coldfire") as m:
        _, torn = m.wait_for(r"devdisc: (torn|store-write) .*", TIMEOUT)
        check(torn.group(1) == "torn", torn.group(0))
        m.proc.kill()
        m.proc.wait()
    cur = blob(t, store)
    check(cur["generation"] == before["generation"] and cur["pool"] == before["pool"],
          f"after the tear: {cur}, before {before}")
    check(log_records(t, store) == [], "the torn write left a log record")
    grow(t, store)


def case_kill(t):
    store = t.store()
    with t.machine(image(t, "devdisc-big"), store, arch="coldfire") as m:
        m.wait_for(r"devdisc: event=retune .*reboot=yes", TIMEOUT)
        m.proc.kill()
        m.proc.wait()
    m = run(t, image(t, "devdisc-big"), store,
            until=(r"devdisc: decision=ok .*why=cured", r"devdisc: done"))
    check(len(lines(m, r"devdisc: reboot reason=retune")) <= 1, "more than one reboot")
    check(lines(m, r"devdisc: mapped node=/soc/window@c0000000 .*")[-1]["frames"] ==
          str(BIG_FRAMES), "the window is not mapped")
    reasons = [r["reason"] for r in log_records(t, store)]
    check(reasons[-1] == "cured" and set(reasons) <= {"grow", "cured"}, f"log {reasons}")


def dtb_offset(data):
    """Where the image's `dtb` entry starts (payload layout: loader.h)."""
    payload = 0x10000
    count = struct.unpack_from(">I", data, payload + 8)[0]
    for i in range(count):
        at = payload + 16 + i * 136
        if data[at:at + 16].rstrip(b"\0") == b"dtb":
            return payload + struct.unpack_from(">I", data, at + 128)[0]
    return -1


def case_baddtb(t):
    store = t.store()
    data = bytearray(image(t).read_bytes())
    at = dtb_offset(data)
    check(at > 0 and data[at:at + 4] == FDT_MAGIC, "no DTB in coldfire.img")
    data[at:at + 4] = b"\xde\xad\xbe\xef"
    bad = t.dir / "bad-dtb.img"
    bad.write_bytes(bytes(data))
    m = run(t, bad, store, until=(r"devdisc: error .*",))
    (err,) = lines(m, r"devdisc: error .*")
    check(err["step"] == "discover" and err["status"] == "bad-magic", f"{err}")
    check(not m.matching(r"devdisc: event=retune"), "wrote a blob on a bad DTB")


def scripts_run(t, store, *args):
    env = dict(os.environ, KH_BUILD_DIR=str(t.build_dir))
    return subprocess.run([sys.executable, str(REPO / "scripts" / "run"), "--arch", "coldfire",
                           "--no-build", "--store", str(store), *args],
                          capture_output=True, text=True, env=env, timeout=120)


def case_rundtb(t):
    store = t.store()
    good = t.build_dir / "coldfire" / "dtb" / "mcf5208evb.dtb"
    data = good.read_bytes()
    bad_dts = t.dir / "syntax.dts"
    bad_dts.write_text("/dts-v1/;\n/ { reg = <1 ; };\n")
    truncated = t.dir / "truncated.dtb"
    truncated.write_bytes(data[:-8])
    hostile = t.build_dir / "tests" / "fixtures" / "fdt" / "hostile"
    for f in (bad_dts, truncated, hostile / "unaligned-struct.dtb", hostile / "hang-proplen.dtb"):
        r = scripts_run(t, store, "--dtb", str(f), "--until", "hello: frames", "--timeout", "20")
        errs = [l for l in r.stderr.splitlines() if l.startswith("run: --dtb ")]
        check(r.returncode == 4 and len(errs) == 1, f"{f.name}: exit {r.returncode}: {r.stderr}")
        check("QEMU pid" not in r.stderr and not r.stdout.strip(), f"{f.name}: QEMU started")
    extra = REPO / "tests" / "fixtures" / "fdt" / "mcf5208evb-extra.dts"
    r = scripts_run(t, store, "--dtb", str(extra), "--until", "devdisc: done", "--timeout", "30")
    check(r.returncode == 0, f"--dtb {extra.name}: exit {r.returncode}: {r.stderr}")
    check("devdisc: found node=/soc/dma@fc044000 " in r.stdout, "the eDMA node was not found")
    check("kernel: panic" not in r.stdout, "panic")


CASES = {"grow": case_grow, "shrink": case_shrink, "giveup": case_giveup,
         "torn": case_torn, "kill": case_kill, "baddtb": case_baddtb, "rundtb": case_rundtb}


def body(t, case):
    CASES[case](t)


if __name__ == "__main__":
    Test("qemu_coldfire_retune").run(body)
