"""The config store's driver, storewriter (userland/drivers/storewriter),
started by the test program storetest as devdisc starts it
(userland/storewriter/sw_client.h), one case per CTest test:

  write  on a fresh store (slot A, generation 1) the driver writes slot B,
         generation 2, pool + 64, and one log record; `bootcfg show/log` on
         the host see exactly that; the next boot's loader picks B/2 and
         that run writes A/3 (slots alternate).  The driver is tried on the
         boot disk first (not-found) and holds exactly one frame of
         FrameAlloc besides its console and endpoint; killed, it is
         replaced (a write to the dead one answers not-found at once).
  torn   storetorn starts tornwriter, which writes the first bytes of the
         new slot sector only, and QEMU is killed there: the store still
         selects A/1 (B fails its checksum), the next boot says so, and a
         full write then converges to B/2 with one log record.
"""

from harness import Test, check, key_values, BOOT_TIMEOUT

POOL_STEP = 64
CONFIG_RE = r"boot: config slot=\S+ .*"
WROTE_RE = r"^storetest: (wrote|failed) .*"


def show(t, store):
    """`bootcfg show`: the header's fields and each slot's fields."""
    header, slots, cur = {}, {}, None
    for line in t.tool("show", store).splitlines():
        kv = key_values(line)
        if line.startswith("store="):
            header = kv
        elif line.startswith("slot="):
            cur = slots.setdefault(kv["slot"], dict(kv))
        elif cur is not None and kv:
            cur.update(kv)
    return header, slots


def log_records(t, store):
    """`bootcfg log` rows as dicts keyed by the header's column names."""
    lines = [l.split() for l in t.tool("log", store).splitlines() if l.strip()]
    check(lines and lines[0][0] == "seq", f"unexpected bootcfg log output {lines[:1]}")
    return [dict(zip(lines[0], row)) for row in lines[1:]]


def boot_store(t, store, image="store"):
    """Boots an image; returns (config line fields, storetest line fields)."""
    with t.machine(t.image(image), store) as m:
        _, cfg = m.wait_for(CONFIG_RE, BOOT_TIMEOUT)
        _, done = m.wait_for(WROTE_RE, BOOT_TIMEOUT)
        check(done.group(1) == "wrote", done.group(0))
        check_driver(m)
        return key_values(cfg.group(0)), key_values(done.group(0))


def check_driver(m):
    """storetest tried the boot disk, then drove the store through a
    driver holding nothing but console, endpoint and one frame; with that
    driver killed, a write answers not-found at once and a new driver
    takes over with the pool's books unchanged."""
    _, rs = m.wait_for(r"storetest: restarted .*", 10)
    rs = key_values(rs.group(0))
    check(rs["dead-write"] == "not-found" and rs["pool_used"] == "same", f"restart {rs}")
    opened = [key_values(mt.group(0)) for _, mt in m.matching(r"storewriter: open .*")]
    check([o["status"] for o in opened] == ["not-found", "ok"] * 2, f"driver opens {opened}")
    check(opened[3]["pid"] == rs["pid"] and opened[3]["pid"] != opened[1]["pid"],
          f"the new driver {rs}, opens {opened}")
    _, store = m.wait_for(r"storetest: store dev=\S+ pid=(\d+) frames=(\d+)", 1)
    check(store.group(1) == opened[1]["pid"] and int(store.group(2)) > 0, store.group(0))
    want = (rf"kernel: process storewriter pid={store.group(1)} "
            r"caps=console:w,endpoint:x,framealloc:0x0-0x0:rw$")
    check(m.matching(want), f"no {want!r}")


def expect_current(t, store, slot, generation, pool):
    header, slots = show(t, store)
    check(header.get("current") == slot and header.get("generation") == str(generation),
          f"store selects {header}, want slot {slot} generation {generation}")
    check(slots[slot].get("pool") == str(pool), f"slot {slot}: {slots[slot]}")
    return slots


def case_write(t):
    store = t.store()
    base = int(show(t, store)[1]["A"]["pool"])
    cfg, wrote = boot_store(t, store)
    check((cfg["slot"], cfg["generation"]) == ("A", "1"), f"first boot on {cfg}")
    check((wrote["slot"], wrote["generation"], wrote["pool"]) == ("B", "2", str(base + POOL_STEP)),
          f"storetest wrote {wrote}")
    slots = expect_current(t, store, "B", 2, base + POOL_STEP)
    check(slots["B"]["last_reason"] == "manual", f"slot B: {slots['B']}")
    check(slots["A"]["pool"] == str(base), "slot A was touched")
    recs = log_records(t, store)
    check(len(recs) == 1, f"want one log record, got {recs}")
    r = recs[0]
    check((r["seq"], r["old"], r["new"], r["reason"], r["reboot"]) ==
          ("1", str(base), str(base + POOL_STEP), "manual", "no"), f"log record {r}")
    # The loader now picks what the guest wrote; that run writes the other slot.
    cfg, wrote = boot_store(t, store)
    check((cfg["slot"], cfg["generation"]) == ("B", "2"), f"second boot on {cfg}")
    check((wrote["slot"], wrote["generation"], wrote["pool"]) ==
          ("A", "3", str(base + 2 * POOL_STEP)), f"second write {wrote}")
    expect_current(t, store, "A", 3, base + 2 * POOL_STEP)
    check([x["seq"] for x in log_records(t, store)] == ["1", "2"], "log is not 1, 2")


def case_torn(t):
    store = t.store()
    base = int(show(t, store)[1]["A"]["pool"])
    with t.machine(t.image("storetorn"), store) as m:
        _, torn = m.wait_for(r"^storetest: (torn|failed) .*", BOOT_TIMEOUT)
        check(torn.group(1) == "torn", torn.group(0))
        kv = key_values(torn.group(0))
        check((kv["slot"], kv["generation"]) == ("B", "2"), torn.group(0))
        m.proc.kill()                      # power lost right after the write
        m.proc.wait()
    _, slots = show(t, store)
    check(slots["B"]["status"] not in ("ok", "empty"), f"torn slot B decodes: {slots['B']}")
    expect_current(t, store, "A", 1, base)
    check(log_records(t, store) == [], "the torn run left a log record")
    # Next boot: previous blob, and a full write converges.
    cfg, wrote = boot_store(t, store)
    check((cfg["slot"], cfg["generation"], cfg["reason"], cfg["b"]) ==
          ("A", "1", "only-valid", "bad-checksum"),
          f"boot after the torn write on {cfg}")
    check((wrote["slot"], wrote["generation"]) == ("B", "2"), f"rewrite {wrote}")
    expect_current(t, store, "B", 2, base + POOL_STEP)
    recs = log_records(t, store)
    check(len(recs) == 1 and recs[0]["new"] == str(base + POOL_STEP), f"log {recs}")


CASES = {"write": case_write, "torn": case_torn}


def body(t, case):
    check(case in CASES, f"unknown case {case}")
    CASES[case](t)


Test("qemu_store").run(body)
