"""The closed loop of issue 6 on the default image: QMP device_add /
device_del (through scripts/hotplug), devdisc's hot-plug watch, the
retune policy, the store writer and the reboot.  One case per CTest test:

  headroom  a 16 MiB ivshmem: need passes the pool, the kept headroom
            covers it (decision grow, served-from-headroom), mapped, no
            reboot, the blob for the next boot written; device_del:
            removed, DEVICE_DELETED.
  grow      a 256 MiB ivshmem on a fresh store: exactly one
            `event=retune ... reboot=yes`, the next boot reserves the new
            N, maps the (now cold) device, `decision=ok why=cured`, the
            blob's pending fields cleared; `bootcfg log` has the grow
            record with the right old/new N and the trigger's bdf, and
            the grow and the cure name two boots (boot counter) and the
            generations of their blobs.
  cycles    20 add/remove cycles of a 1 MiB ivshmem: each mapped then
            removed with DEVICE_DELETED, the pool's free count back to
            its value before each add, no store write, no reboot.
  giveup    hard_cap set below the need of a 256 MiB BAR: no reboot,
            `decision=give-up why=over-cap`, the device unmapped, a
            give-up record, the system keeps answering hot-plug.
  guard     a store saying K re-tune boots did not cure a shortage
            (pending_target set, attempts = K) and the 256 MiB device
            present at boot: `decision=give-up why=loop-guard`, no
            reboot, the guard written; the same configuration again:
            `why=guarded-config`, nothing written; the device moved to
            another slot (a changed configuration) re-arms it: one
            re-tune reboot, then cured.
  rearm     the 256 MiB device present at boot with hard_cap below its
            need: give-up why=over-cap, then guarded-config; `bootcfg set
            hard_cap=...` raised on the host re-arms the guard: the next
            boot re-tunes (one reboot) and is cured, the device mapped.
  torn      devdisctorn boots with the 256 MiB device present (a cold
            change) and tears its store write; the machine is killed:
            the store still selects the previous blob, and the next boot
            of the default image converges (retune, reboot, cured).
  kill      QEMU killed on the `event=retune` line of a hot-plug re-tune
            (wherever the write was): the next boot converges.
  tiny      the smallest pool the codec accepts (BOOTCFG_POOL_MIN: the
            issue's "pool=1") and headroom 0 on the default machine: the
            store writer still reaches the disk (its path is reserved
            before any device is mapped): one re-tune reboot, then cured.
            A blob with pool=1 (below the minimum, checksum right) is
            rejected in one line and the other slot boots and settles.
  limits    a store at generation 2^64 - 1 with a log record at seq
            2^32 - 1, the 256 MiB device present at boot: the grow is
            written (the store compacted to small generations, the seq
            wrapped to 1) and applied: one re-tune reboot, then cured.

Every case also checks that no boot saw the space bank's limit go down.
"""

import re
import struct

from harness import (Test, check, key_values, khqemu, BOOT_TIMEOUT, log_records, blob,
                     check_spacebank, patch_slot, crc32c, BLOB_GENERATION, BLOB_POOL, hotplug)

WATCH_RE = r"devdisc: hotplug watching"
BIG = 256 << 20
PAGE = 4096


def lines(m, pattern, start=0):
    return [key_values(mt.group(0)) for _, mt in m.matching(pattern, start)]


def check_healthy(m):
    check(m.running(), "QEMU died")
    check(not m.matching(r"devdisc: error|kernel: (fault|panic)"),
          "errors: " + "; ".join(mt.group(0) for _, mt in
                                  m.matching(r"devdisc: error.*|kernel: (fault|panic).*")))


def boot(t, store, image=None, extra=()):
    m = t.machine(t.image(image), store, extra=list(extra))
    m.wait_for(WATCH_RE, BOOT_TIMEOUT)
    return m


def expect_arrival(m, start, mapped=True):
    """The present/arrived pair (noticed within 50 ms of guest time), then
    the device mapped (or not) and the decision.  Returns (index of the
    arrival, the decision's fields)."""
    _, present = m.wait_for(r"devdisc: hotplug slot=\d+ event=present .*", 30, start)
    check(int(key_values(present.group(0))["after_ms"]) <= 50, present.group(0))
    i, _ = m.wait_for(r"devdisc: hotplug slot=\d+ event=arrived .*", 30, start)
    _, dec = m.wait_for(r"devdisc: decision=.*", 30, i)
    check(bool(m.matching(r"devdisc: mapped dev=01:00\.0 ", i)) == mapped,
          f"mapped should be {mapped}: {[l for l in m.output().splitlines()[i:] if 'mapped' in l]}")
    return i, key_values(dec.group(0))


def remove(m, dev_id, start):
    out = hotplug(m, "del", dev_id)
    check(f"removed id={dev_id} (DEVICE_DELETED)" in out, out)
    _, rm = m.wait_for(r"devdisc: removed dev=01:00\.0 .*", 30, start)
    m.wait_for(r"devdisc: hotplug slot=\d+ event=gone", 30, start)
    return key_values(rm.group(0))


def case_headroom(t):
    store = t.store()
    with boot(t, store) as m:
        start = len(m.output().splitlines())
        hotplug(m, "add", "ivshmem", "16M")
        i, dec = expect_arrival(m, start)
        check(dec["decision"] == "grow" and dec["why"] == "served-from-headroom" and
              dec["reboot"] == "no", f"decision {dec}")
        check(int(dec["need"]) > int(dec["pool"]), f"need within the pool: {dec}")
        rm = remove(m, "ivshmem0", i)
        check(rm["frames"] == str((16 << 20) // PAGE + 1) and rm["status"] == "ok", f"{rm}")
        check(not m.matching(r"devdisc: reboot|reboot=yes"), "rebooted")
        check_healthy(m)
        check_spacebank(m)
    recs = log_records(t, store)
    check([r["reason"] for r in recs][:1] == ["grow"] and recs[0]["reboot"] == "no" and
          recs[0]["trigger"] == "01:00.0", f"log {recs}")


def case_grow(t):
    store = t.store()
    pool0 = int(blob(t, store)["pool"])
    with boot(t, store) as m:
        start = len(m.output().splitlines())
        hotplug(m, "add", "ivshmem", "256M")
        expect_arrival(m, start, mapped=False)
        _, ev = m.wait_for(r"devdisc: event=retune .*", 30, start)
        ev = key_values(ev.group(0))
        check(ev["reboot"] == "yes" and ev["old"] == str(pool0), f"event {ev}")
        new = int(ev["new"])
        check(new >= BIG // PAGE, f"new N {new} below the BAR's frames")
        i, cfg = m.wait_for(r"boot: config slot=.*", 60, start)
        check(key_values(cfg.group(0))["pool"] == str(new), cfg.group(0))
        m.wait_for(r"kernel: heap fixed .*pool=%d " % new, 30, i)
        m.wait_for(WATCH_RE, BOOT_TIMEOUT, i)
        m.wait_for(r"devdisc: mapped dev=01:00\.0 frames=%d" % (BIG // PAGE + 1), 1, i)
        (dec,) = lines(m, r"devdisc: decision=.*", i)
        check(dec["decision"] == "ok" and dec["why"] == "cured", f"after reboot: {dec}")
        check(len(m.matching(r"devdisc: event=retune .*reboot=yes")) == 1, "not one reboot")
        check(len(m.matching(r"boot: config slot=")) == 2, "more than one reboot")
        check_healthy(m)
        check_spacebank(m)
    cur = blob(t, store)
    check((cur["pool"], cur["pending_target"], cur["attempts"]) == (str(new), "0", "0"),
          f"blob after the cure: {cur}")
    recs = log_records(t, store)
    grow = [r for r in recs if r["reboot"] == "yes"]
    check(len(grow) == 1, f"log {recs}")
    g = grow[0]
    check((g["old"], g["new"], g["reason"], g["trigger"]) ==
          (str(pool0), str(new), "grow", "01:00.0"), f"grow record {g}")
    check(int(g["need"]) > BIG // PAGE, f"need in {g}")
    # two re-tunes (the grow, the cure) in two boots: two boot numbers,
    # each record tied to the blob it was written with
    boots = [int(r["boot"]) for r in recs]
    check(len(recs) == 2 and boots[1] == boots[0] + 1 and boots[0] >= 1,
          f"boot numbers in the log: {boots}")
    check(int(recs[1]["gen"]) == int(cur["generation"]) and
          int(recs[0]["gen"]) < int(recs[1]["gen"]), f"generations in {recs}")
    check(int(cur["boot_count"]) == boots[1], f"blob boot_count {cur['boot_count']}")


def case_cycles(t):
    store = t.store()
    with boot(t, store) as m:
        start = len(m.output().splitlines())
        for k in range(20):
            at = len(m.output().splitlines())
            hotplug(m, "add", "ivshmem", "1M", "--id", f"c{k}")
            expect_arrival(m, at)
            _, present = m.wait_for(r"devdisc: hotplug slot=\d+ event=present .*", 1, at)
            before = key_values(present.group(0))["pool_free"]
            rm = remove(m, f"c{k}", at)
            check(rm["pool_free"] == before and rm["frames"] == str((1 << 20) // PAGE + 1),
                  f"cycle {k}: free {before} before the add, removed line {rm}")
        check(len(m.matching(r"devdisc: removed ", start)) == 20, "not 20 removals")
        check(not m.matching(r"devdisc: (reboot|event=retune)|stale-mapping"),
              "a cycle wrote the store, rebooted or leaked a mapping")
        check_healthy(m)
        check_spacebank(m)
    check(log_records(t, store) == [], "the cycles wrote log records")


def case_giveup(t):
    store = t.store()
    t.tool("set", store, "hard_cap=16384")
    with boot(t, store) as m:
        start = len(m.output().splitlines())
        hotplug(m, "add", "ivshmem", "256M")
        expect_arrival(m, start, mapped=False)
        _, dec = m.wait_for(r"devdisc: decision=give-up .*", 30, start)
        check(key_values(dec.group(0))["why"] == "over-cap", dec.group(0))
        m.wait_for(r"devdisc: store-write status=ok", 30, start)
        # still up and watching: a small device is served, the big one removed
        at = len(m.output().splitlines())
        hotplug(m, "add", "ivshmem", "1M", "--id", "small")
        m.wait_for(r"devdisc: mapped dev=03:00\.0 ", 30, at)
        m.wait_for(r"devdisc: decision=", 30, at)
        check(not m.matching(r"devdisc: mapped dev=01:00\.0"), "the over-cap BAR got mapped")
        check(not m.matching(r"devdisc: reboot|reboot=yes"), "rebooted")
        check(len(m.matching(r"boot: config slot=")) == 1, "rebooted")
        check_healthy(m)
        check_spacebank(m)
    cur = blob(t, store)
    check(cur["last_reason"] == "give-up" and cur["guard_fingerprint"] != "0" * 16, f"{cur}")
    recs = log_records(t, store)
    # the hand change (bootcfg set) left its own record first
    check([r["reason"] for r in recs][:2] == ["manual", "give-up"] and
          recs[1]["reboot"] == "no", f"log {recs}")


def cold_big(port="rp0"):
    return ["-object", f"memory-backend-ram,id=big,size={BIG}",
            "-device", f"ivshmem-plain,memdev=big,bus={port},id=big"]


def boot_decision(t, store, extra):
    """One boot: its first decision's fields; checks nothing rebooted."""
    with t.machine(t.image(), store, extra=extra) as m:
        m.wait_for(WATCH_RE, BOOT_TIMEOUT)
        (dec,) = lines(m, r"devdisc: decision=.*")
        check(not m.matching(r"devdisc: reboot"), "rebooted")
        check_healthy(m)
        check_spacebank(m)
        return dec, bool(m.matching(r"devdisc: event=retune"))


def case_guard(t):
    store = t.store()
    t.tool("set", store, "pending_target=87168", "attempts=2")
    dec, wrote = boot_decision(t, store, cold_big())
    check((dec["decision"], dec["why"], dec["reboot"]) == ("give-up", "loop-guard", "no") and
          wrote, f"first boot: {dec}")
    cur = blob(t, store)
    check(cur["guard_fingerprint"] != "0" * 16 and cur["pending_target"] == "0", f"{cur}")
    dec, wrote = boot_decision(t, store, cold_big())
    check((dec["decision"], dec["why"]) == ("give-up", "guarded-config") and not wrote,
          f"same configuration again: {dec}")
    recs = log_records(t, store)
    check([r["reason"] for r in recs] == ["manual", "give-up"], f"log {recs}")
    # another slot, another fingerprint: the policy may reboot again
    with t.machine(t.image(), store, extra=cold_big("rp1")) as m:
        i, _ = m.wait_for(r"devdisc: event=retune .*reboot=yes", BOOT_TIMEOUT)
        m.wait_for(r"boot: config slot=.*", 60, i)
        m.wait_for(WATCH_RE, BOOT_TIMEOUT, i)
        (dec,) = lines(m, r"devdisc: decision=.*", i)
        check((dec["decision"], dec["why"]) == ("ok", "cured"), f"after the re-arm: {dec}")
        check(m.matching(r"devdisc: mapped dev=03:00\.0 ", i), "device not mapped")
        check_healthy(m)


def case_rearm(t):
    store = t.store()
    t.tool("set", store, "hard_cap=16384")
    dec, wrote = boot_decision(t, store, cold_big())
    check((dec["decision"], dec["why"]) == ("give-up", "over-cap") and wrote, f"first boot: {dec}")
    dec, wrote = boot_decision(t, store, cold_big())
    check((dec["decision"], dec["why"]) == ("give-up", "guarded-config") and not wrote,
          f"same configuration and cap again: {dec}")
    t.tool("set", store, "hard_cap=1048576")
    with t.machine(t.image(), store, extra=cold_big()) as m:
        _, dec = m.wait_for(r"devdisc: decision=.*", BOOT_TIMEOUT)
        dec = key_values(dec.group(0))
        check((dec["decision"], dec["why"], dec["reboot"]) == ("grow", "need-exceeds-pool", "yes"),
              f"after raising hard_cap: {dec}")
        i, _ = m.wait_for(r"devdisc: event=retune .*reboot=yes", 30)
        m.wait_for(r"boot: config slot=.*", 60, i)
        m.wait_for(WATCH_RE, BOOT_TIMEOUT, i)
        (dec,) = lines(m, r"devdisc: decision=.*", i)
        check((dec["decision"], dec["why"]) == ("ok", "cured"), f"after the re-tune: {dec}")
        check(m.matching(r"devdisc: mapped dev=01:00\.0 ", i), "device not mapped")
        check_healthy(m)
        check_spacebank(m)
    recs = [r["reason"] for r in log_records(t, store) if r["reason"] != "manual"]
    check(recs == ["give-up", "grow", "cured"] or recs == ["give-up", "grow"], f"log {recs}")


def converge(t, store, pool0):
    """The next boots of the default image with the device present: one
    re-tune reboot, then cured."""
    with t.machine(t.image(), store, extra=cold_big()) as m:
        _, cfg = m.wait_for(r"boot: config slot=.*", BOOT_TIMEOUT)
        check(key_values(cfg.group(0))["pool"] == str(pool0), f"first boot on {cfg.group(0)}")
        i, _ = m.wait_for(r"devdisc: event=retune .*reboot=yes", BOOT_TIMEOUT)
        m.wait_for(r"boot: config slot=.*", 60, i)
        m.wait_for(WATCH_RE, BOOT_TIMEOUT, i)
        (dec,) = lines(m, r"devdisc: decision=.*", i)
        check(dec["decision"] == "ok" and dec["why"] == "cured", f"after the reboot {dec}")
        check(m.matching(r"devdisc: mapped dev=01:00\.0 ", i), "device not mapped")
        check_healthy(m)
        check_spacebank(m)


def case_torn(t):
    store = t.store()
    pool0 = int(blob(t, store)["pool"])
    with t.machine(t.image("devdisctorn"), store, extra=cold_big()) as m:
        _, torn = m.wait_for(r"devdisc: (torn|store-write) .*", BOOT_TIMEOUT)
        check(torn.group(1) == "torn", torn.group(0))
        m.proc.kill()
        m.proc.wait()
    cur = blob(t, store)
    check(cur["pool"] == str(pool0) and cur["generation"] == "1", f"after the tear: {cur}")
    check(log_records(t, store) == [], "the torn write left a log record")
    converge(t, store, pool0)


def case_kill(t):
    store = t.store()
    pool0 = int(blob(t, store)["pool"])
    with boot(t, store) as m:
        start = len(m.output().splitlines())
        hotplug(m, "add", "ivshmem", "256M", "--id", "big")
        m.wait_for(r"devdisc: event=retune .*reboot=yes", 30, start)
        m.proc.kill()
        m.proc.wait()
    cur = blob(t, store)
    if cur["pool"] == str(pool0):
        converge(t, store, pool0)
        return
    # the write completed: the next boot runs on it, with no further reboot
    with t.machine(t.image(), store, extra=cold_big()) as m:
        m.wait_for(WATCH_RE, BOOT_TIMEOUT)
        (dec,) = lines(m, r"devdisc: decision=.*")
        check(dec["decision"] == "ok" and dec["why"] == "cured", f"{dec}")
        check_healthy(m)


LOG_OFFSET = 1024


def put_log_record(store, index, seq, pool):
    """A valid `manual` record (docs/bootcfg.md) at ring index `index`."""
    rec = bytearray(64)
    struct.pack_into("<4sIIIIIHBBIQ", rec, 0, b"KHLG", seq, 0, pool, pool, 0, 2, 0, 0,
                     0xFFFFFFFF, 0)
    struct.pack_into("<I", rec, 60, crc32c(rec[:60]))
    data = bytearray(store.read_bytes())
    data[LOG_OFFSET + 64 * index:LOG_OFFSET + 64 * (index + 1)] = rec
    store.write_bytes(bytes(data))


def case_limits(t):
    store = t.store()
    pool0 = int(blob(t, store)["pool"])
    patch_slot(store, 0, *BLOB_GENERATION, 2**64 - 1, fix_crc=True)
    put_log_record(store, 0, 2**32 - 1, pool0)
    check(blob(t, store)["generation"] == str(2**64 - 1), "generation not at its limit")
    converge(t, store, pool0)
    cur = blob(t, store)
    check(int(cur["generation"]) <= 4, f"the store was not compacted: {cur}")
    recs = log_records(t, store)
    seqs = [int(r["seq"]) for r in recs]
    check(seqs[0] == 2**32 - 1 and seqs[1:3] == [1, 2] and recs[1]["reason"] == "grow",
          f"log after the wrap: {[(r['seq'], r['reason']) for r in recs]}")


def pool_min():
    text = (khqemu.REPO / "lib" / "include" / "bootcfg.h").read_text()
    return int(re.search(r"#define BOOTCFG_POOL_MIN\s+(\d+)u", text).group(1))


def case_tiny(t):
    store = t.store()
    n = pool_min()
    t.tool("set", store, f"pool={n}", "headroom=0")
    with t.machine(t.image(), store) as m:
        _, cfg = m.wait_for(r"boot: config slot=.*", BOOT_TIMEOUT)
        check(key_values(cfg.group(0))["pool"] == str(n), f"first boot on {cfg.group(0)}")
        i, w = m.wait_for(r"devdisc: store-write status=\S+ .*", BOOT_TIMEOUT)
        check("status=ok" in w.group(0), f"the re-tune write failed: {w.group(0)}")
        m.wait_for(r"boot: config slot=.*", 60, i)
        m.wait_for(WATCH_RE, BOOT_TIMEOUT, i)
        (dec,) = lines(m, r"devdisc: decision=.*", i)
        check(dec["decision"] == "ok" and dec["why"] == "cured", f"after the reboot {dec}")
        check(len(m.matching(r"boot: config slot=")) == 2, "not exactly one re-tune reboot")
        check_healthy(m)
    # Below the minimum (pool=1, checksum right): not a valid-looking blob.
    # The loader says so and boots on the other slot; nothing panics.
    low = t.store("low.img")
    t.tool("set", low, "headroom=0")                    # slot B, generation 2
    patch_slot(low, 1, BLOB_POOL[0], BLOB_POOL[1], 1, fix_crc=True)
    with t.machine(t.image(), low) as m:
        m.wait_for(r"boot: config slot B rejected: bad-pool", BOOT_TIMEOUT)
        _, cfg = m.wait_for(r"boot: config slot=.*", BOOT_TIMEOUT)
        check(key_values(cfg.group(0))["slot"] == "A", f"pool=1 blob chosen: {cfg.group(0)}")
        m.wait_for(r"devdisc: settled ", BOOT_TIMEOUT)
        check_healthy(m)


CASES = {"tiny": case_tiny, "limits": case_limits, "headroom": case_headroom, "grow": case_grow, "cycles": case_cycles,
         "giveup": case_giveup, "guard": case_guard, "rearm": case_rearm, "torn": case_torn, "kill": case_kill}


def body(t, case):
    check(case in CASES, f"unknown case {case}")
    CASES[case](t)


Test("qemu_retune").run(body)
