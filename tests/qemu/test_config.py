"""The loader picks the right boot-config slot, says which and why, and the
kernel gets that blob.  One case per CTest test:

  corrupt-newest  slot A (generation 3) has a bad checksum: boot on B (2)
  empty           an all-zero store: built-in defaults
  newer-version   both slots from a newer format (version 2, valid CRC):
                  defaults
  no-store        no second disk at all: defaults, and a line saying so
"""

from harness import (Test, check, key_values, patch_slot, slot_field, khqemu,
                     BLOB_POOL, BLOB_VERSION, BOOT_TIMEOUT)
import re

DEFAULTS_RE = re.compile(r"#define BOOTCFG_DEFAULT_(POOL|HEADROOM)\s+(\d+)u")


def defaults():
    text = (khqemu.REPO / "lib" / "include" / "bootcfg.h").read_text()
    return {k.lower(): int(v) for k, v in DEFAULTS_RE.findall(text)}


def corrupt_newest(t):
    store = t.store()                                   # slot A, generation 1
    t.tool("set", store, "pool=2000", "headroom=300")   # slot B, generation 2
    t.tool("set", store, "pool=3000", "headroom=500")   # slot A, generation 3
    check(slot_field(store, 0, *BLOB_POOL) == 3000, "bootcfg set did not write slot A")
    # flip one bit of A's pool: its checksum no longer matches
    patch_slot(store, 0, BLOB_POOL[0], "<I", 3000 ^ 0x10, fix_crc=False)
    expect = dict(slot="B", generation="2", reason="only-valid", a="bad-checksum", b="ok",
                  pool="2000", headroom="300")
    return store, expect, 2000, r"boot: config slot A rejected: bad-checksum"


def empty(t):
    expect = dict(slot="default", generation="0", reason="empty-store", a="empty", b="empty")
    return t.empty_store(), expect, defaults()["pool"], None


def newer_version(t):
    store = t.store()
    t.tool("set", store, "pool=3000")
    for slot in (0, 1):
        patch_slot(store, slot, BLOB_VERSION[0], BLOB_VERSION[1], 2, fix_crc=True)
    expect = dict(slot="default", generation="0", reason="no-valid-slot",
                  a="bad-version", b="bad-version")
    return store, expect, defaults()["pool"], r"boot: config slot A rejected: bad-version"


def no_store(t):
    expect = dict(slot="default", generation="0", reason="no-store")
    return None, expect, defaults()["pool"], r"boot: config store missing"


CASES = {"corrupt-newest": corrupt_newest, "empty": empty,
         "newer-version": newer_version, "no-store": no_store}


def body(t, case):
    store, expect, pool, extra_line = CASES[case](t)
    with t.machine(t.image(), store) as m:
        _, cfg = m.wait_for(r"boot: config slot=.*", BOOT_TIMEOUT)
        kv = key_values(cfg.group(0))
        for k, v in expect.items():
            check(kv.get(k) == v, f"expected {k}={v}: {cfg.group(0)}")
        if extra_line:
            check(m.matching(extra_line), f"no line matching {extra_line!r}")
        _, heap = m.wait_for(r"kernel: heap fixed .*", BOOT_TIMEOUT)
        check(key_values(heap.group(0)).get("pool") == str(pool),
              f"kernel pool should be {pool}: {heap.group(0)}")


Test("qemu_config").run(body)
