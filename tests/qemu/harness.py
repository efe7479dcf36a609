"""harness - what every QEMU test shares (python3 standard library only).

A test is a script run by CTest as `python3 test_x.py BUILD_DIR [CASE]`.  It boots
QEMU through scripts/lib/khqemu.py (the module scripts/run uses), keeps the
serial log in BUILD_DIR/qemu-tests/<test>.log for post-mortem, and always
kills QEMU at the end.  Stores are made with build/bin/bootcfg, and byte
edits go through the small codec helpers below.  The serial lines the
tests match, and their keys, are the contract of docs/log-lines.md.
"""

import os
import re
import struct
import subprocess
import sys
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts" / "lib"))
import khqemu  # noqa: E402

SLOT_BYTES = 512
BLOB_BYTES = 64
BOOT_TIMEOUT = 45          # seconds; a TCG boot takes about one


class TestFailure(Exception):
    pass


def check(cond, message):
    if not cond:
        raise TestFailure(message)


class Test:
    """One test run: a scratch directory, stores, machines, a verdict."""

    def __init__(self, name):
        if len(sys.argv) not in (2, 3):
            sys.exit(f"usage: {sys.argv[0]} BUILD_DIR [CASE]")
        self.case = sys.argv[2] if len(sys.argv) == 3 else None
        self.name = f"{name}_{self.case}" if self.case else name
        self.build_dir = Path(sys.argv[1]).resolve()
        self.dir = self.build_dir / "qemu-tests" / self.name
        self.dir.mkdir(parents=True, exist_ok=True)
        self.bootcfg = self.build_dir / "bin" / "bootcfg"
        self.runs = 0

    def image(self, variant=None):
        name = "disk.img" if not variant else f"disk-{variant}.img"
        path = self.build_dir / "x86_64" / name
        check(path.exists(), f"{path} is missing (x86_64 sub-build not done?)")
        return path

    def store(self, name="store.img"):
        """A fresh store from `bootcfg init` (slot A, generation 1)."""
        path = self.dir / name
        path.unlink(missing_ok=True)
        self.tool("init", path)
        return path

    def empty_store(self, name="empty.img"):
        path = self.dir / name
        path.write_bytes(bytes(khqemu.STORE_BYTES))
        return path

    def tool(self, *args):
        r = subprocess.run([str(self.bootcfg)] + [str(a) for a in args],
                           capture_output=True, text=True)
        check(r.returncode == 0, f"bootcfg {' '.join(map(str, args))}: "
              f"exit {r.returncode}: {r.stderr.strip()}")
        return r.stdout

    def machine(self, image, store, **opts):
        """Starts QEMU; the log of the k-th machine of this test is
        <name>.log, then <name>-2.log, ..."""
        self.runs += 1
        suffix = "" if self.runs == 1 else f"-{self.runs}"
        log = self.build_dir / "qemu-tests" / f"{self.name}{suffix}.log"
        o = khqemu.Options(build_dir=self.build_dir, image=image, store=store,
                           no_store=store is None, headless=True, **opts)
        return khqemu.Machine(o, log_path=log)

    def run(self, body):
        """Runs body(self); prints PASS or the reason and exits 0 or 1."""
        try:
            body(self) if self.case is None else body(self, self.case)
        except (TestFailure, TimeoutError, RuntimeError) as e:
            print(f"FAIL {self.name}: {e}")
            print(f"  serial logs: {self.build_dir / 'qemu-tests'}/{self.name}*.log")
            sys.exit(1)
        except Exception:
            traceback.print_exc()
            sys.exit(1)
        print(f"PASS {self.name}")
        sys.exit(0)


def hotplug(m, *args):
    """scripts/hotplug on machine m's QMP socket; its output (exit 0 checked)."""
    script = khqemu.REPO / "scripts" / "hotplug"
    r = subprocess.run([sys.executable, str(script), "--qmp", m.opts.qmp, *args],
                       capture_output=True, text=True, timeout=60)
    out = r.stdout + r.stderr
    check(r.returncode == 0, f"hotplug {' '.join(args)}: exit {r.returncode}: {out.strip()}")
    return out


def key_values(line):
    """`a=1 b=x` pairs of a log line as a dict (words without '=' skipped)."""
    return dict(w.split("=", 1) for w in line.split() if "=" in w)


# ---- store bytes (format: docs/bootcfg.md) --------------------------------

# The store and the space bank as the re-tune tests on both machines read
# them (test_retune.py, test_coldfire_retune.py).

def log_records(t, store):
    """`bootcfg log STORE` as one dict per record, keyed by the header."""
    rows = [l.split() for l in t.tool("log", store).splitlines() if l.strip()]
    check(rows and rows[0][0] == "seq", f"unexpected bootcfg log output {rows[:1]}")
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def blob(t, store):
    """The current slot's fields from `bootcfg show`."""
    cur, slots = None, {}
    for line in t.tool("show", store).splitlines():
        kv = key_values(line)
        if line.startswith("store="):
            cur = kv["current"]
        elif line.startswith("slot="):
            slot = slots.setdefault(kv["slot"], {})
        elif kv:
            slot.update(kv)
    return slots[cur]


def check_spacebank(m):
    """Within each boot the space bank's limit never goes down."""
    limits = []
    for line in m.output().splitlines():
        if line.startswith("boot: config"):
            limits = []
        mt = re.match(r"spacebank: limit=(\d+)", line)
        if mt:
            limits.append(int(mt.group(1)))
            check(limits == sorted(limits), f"space bank limit went down: {limits}")


def crc32c(data):
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def patch_slot(path, slot, offset, fmt, value, fix_crc):
    """Overwrites one field of a slot's blob; with fix_crc the checksum is
    recomputed so only that field is wrong."""
    data = bytearray(Path(path).read_bytes())
    base = slot * SLOT_BYTES
    struct.pack_into(fmt, data, base + offset, value)
    if fix_crc:
        blob = data[base:base + BLOB_BYTES - 4]
        struct.pack_into("<I", data, base + BLOB_BYTES - 4, crc32c(blob))
    Path(path).write_bytes(bytes(data))


def slot_field(path, slot, offset, fmt):
    data = Path(path).read_bytes()
    return struct.unpack_from(fmt, data, slot * SLOT_BYTES + offset)[0]


BLOB_VERSION = (4, "<H")
BLOB_GENERATION = (8, "<Q")
BLOB_POOL = (16, "<I")
BLOB_HEADROOM = (20, "<I")
