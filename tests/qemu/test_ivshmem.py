"""The ivshmem driver over the device-manager protocol (docs/hotplug.md
section 8, docs/capabilities.md), default image, the BAR backed by a host
file (memory-backend-file,share=on) as `scripts/hotplug add ivshmem SIZE
--file PATH` does.

case `boot`: the device is there at boot.  devdisc grants its BARs to a
spawned `ivshmem` driver (`devdisc: granted ... status=ok`); the driver's
ready text appears at offset 0 of the file; a request written by the host
(text at 1028, number at 1024) comes back upper-cased at 2052 with its
number at 2048, and the driver logs it.  Then device_del: devdisc tells
the driver (`revoking`), the rescind line lists the driver's pid with two
mappings (devdisc's and the driver's), `removed` gives back exactly the
device's frames, DEVICE_DELETED arrives.

Ctrl-T typed on the serial line prints the process table: the driver
with one device mapping of 256 frames and its four slots.

case `hotplug`: the same with the device hot-plugged by scripts/hotplug;
the pool's free count after the removal is the one before the arrival.

case `many`: eight ivshmem devices at boot (four behind the root ports,
four on pcie.0).  devdisc drives seven at once, each driver on an
endpoint of its own, the store writer holding the eighth endpoint: the
last device gets `devdisc: limit what=drivers have=8 need=9` and no
driver.  Requests written to two devices at the same time are both
answered, each by its own driver; removing one driven device revokes
that driver only."""

import os
import struct
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import Test, check, key_values, hotplug, BOOT_TIMEOUT

SIZE = 1 << 20
REQUEST = b"hello from the host, request one"


def read_text(path, offset):
    with open(path, "rb") as f:
        f.seek(offset)
        return f.read(1100).split(b"\0", 1)[0]


def wait_file(path, offset, want, timeout=20):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if os.path.exists(path) and read_text(path, offset).startswith(want):
            return read_text(path, offset)
        time.sleep(0.05)
    check(False, f"no {want!r} at offset {offset} of {path}")


def round_trip(m, path, start):
    _, g = m.wait_for(r"devdisc: granted dev=(\S+) to=ivshmem pid=(\d+) caps=(\S+) status=ok",
                      BOOT_TIMEOUT, start)
    bdf, pid = g.group(1), g.group(2)
    ready = wait_file(path, 0, b"kheap-ivshmem ready")
    check(ready == f"kheap-ivshmem ready pid={pid} dev={bdf}".encode(), ready)
    fd = os.open(path, os.O_RDWR)
    os.pwrite(fd, REQUEST + b"\0", 1028)
    os.pwrite(fd, struct.pack("<I", 7), 1024)
    os.close(fd)
    m.wait_for(rf"ivshmem: dev={bdf} request=7 bytes={len(REQUEST)}$", 20, start)
    end = time.monotonic() + 5
    while time.monotonic() < end and read_text(path, 2048)[:4] != struct.pack("<I", 7):
        time.sleep(0.02)
    with open(path, "rb") as f:
        f.seek(2048)
        number = struct.unpack("<I", f.read(4))[0]
    check(number == 7, f"reply number {number}")
    check(read_text(path, 2052) == REQUEST.upper(), read_text(path, 2052))
    return bdf, pid


def remove(m, dev_id, bdf, pid, start):
    out = hotplug(m, "del", dev_id)
    check(f"removed id={dev_id} (DEVICE_DELETED)" in out, out)
    i, _ = m.wait_for(rf"devdisc: revoking dev={bdf} pid={pid}$", 20, start)
    j, rm = m.wait_for(rf"devdisc: removed dev={bdf} .*", 20, i)
    kv = key_values(rm.group(0))
    check(kv["status"] == "ok", rm.group(0))
    # one rescind per BAR; the driver maps BAR 2 (devdisc's mapping and its)
    rescinds = [r for k, r in m.matching(r"kernel: rescind frames=(\d+) mappings=(\d+) "
                                         r"holders=(\S+)$", i) if k < j]
    check(sum(int(r.group(1)) for r in rescinds) == int(kv["frames"]),
          f"{[r.group(0) for r in rescinds]} / {rm.group(0)}")
    check(all(pid in r.group(3).split(",") for r in rescinds) and
          any(r.group(2) == "2" for r in rescinds), [r.group(0) for r in rescinds])
    check(not m.matching(r"kernel: panic|devdisc: error"), "errors")
    return kv


def status_key(m, pid):
    """Ctrl-T prints the process table: the driver maps BAR 2 (256
    frames) and holds exactly console, endpoint and its two BARs."""
    start = len(m.output().splitlines())
    m.type(b"\x14")
    m.wait_for(r"kernel: ps processes=\d+ pool_free=\d+ pool_used=\d+ free_frames=\d+$", 10, start)
    _, drv = m.wait_for(rf"kernel: ps pid={pid} name=ivshmem state=\S+ frames=\d+ "
                        r"devmaps=(\d+) devframes=(\d+) caps=(\d+)$", 10, start)
    check(drv.groups() == ("1", "256", "4"), drv.group(0))
    m.wait_for(r"kernel: ps pid=\d+ name=devdisc ", 10, start)
    m.wait_for(rf"kernel: ps pid={pid} slot=3 ", 10, start)
    slots = [mt.group(1) for _, mt in m.matching(rf"kernel: ps pid={pid} slot=\d+ (\S+)$", start)]
    check(slots[:2] == ["console:w", "endpoint:x"] and
          any(x.startswith("devmem:0x") and x.endswith(":rwc") for x in slots[2:]), slots)


def case_boot(t):
    path = t.dir / "ivshmem.bin"
    extra = ["-object", f"memory-backend-file,id=m0,size={SIZE},share=on,mem-path={path}",
             "-device", "ivshmem-plain,memdev=m0,bus=rp0,id=ivs0"]
    with t.machine(t.image(), t.store(), extra=extra) as m:
        _, settled = m.wait_for(r"devdisc: settled .*", BOOT_TIMEOUT)
        bdf, pid = round_trip(m, path, 0)
        _, mapped = m.wait_for(rf"devdisc: mapped dev={bdf} frames=(\d+)", 5)
        status_key(m, pid)
        kv = remove(m, "ivs0", bdf, pid, 0)
        used = int(key_values(settled.group(0))["used"])
        check(int(kv["pool_used"]) == used - int(mapped.group(1)),
              f"pool_used {kv['pool_used']}, settled used {used}, device {mapped.group(1)}")


def case_hotplug(t):
    path = t.dir / "ivshmem-hp.bin"
    with t.machine(t.image(), t.store()) as m:
        m.wait_for(r"devdisc: settled .*", BOOT_TIMEOUT)
        time.sleep(0.3)
        start = len(m.output().splitlines())
        out = hotplug(m, "add", "ivshmem", "1M", "--file", str(path))
        check("added id=ivshmem0" in out, out)
        _, arr = m.wait_for(r"devdisc: hotplug slot=\d+ event=arrived .*", 20, start)
        bdf, pid = round_trip(m, path, start)
        kv = remove(m, "ivshmem0", bdf, pid, start)
        check(kv["pool_free"] == key_values(arr.group(0))["pool_free"],
              f"pool_free {kv['pool_free']} after, {arr.group(0)} before")


def ask(path, number, text):
    fd = os.open(path, os.O_RDWR)
    os.pwrite(fd, text + b"\0", 1028)
    os.pwrite(fd, struct.pack("<I", number), 1024)
    os.close(fd)


def case_many(t):
    # 1 MiB each, 4 KiB pages: devdisc only holds their records (no page
    # tables), so eight of them fit where eight mappings would not
    paths, extra = [], []
    for i in range(8):
        paths.append(t.dir / f"ivshmem{i}.bin")
        paths[i].unlink(missing_ok=True)      # no text of an earlier run
        where = f"bus=rp{i}" if i < 4 else f"bus=pcie.0,addr=0x{0x10 + i:x}"
        extra += ["-object", f"memory-backend-file,id=m{i},size={SIZE},share=on,"
                  f"mem-path={paths[i]}", "-device", f"ivshmem-plain,memdev=m{i},{where},id=ivs{i}"]
    with t.machine(t.image(), t.store(), extra=extra) as m:
        m.wait_for(r"devdisc: settled .*", BOOT_TIMEOUT)
        granted = [g for _, g in m.matching(r"devdisc: granted dev=(\S+) to=ivshmem pid=(\d+) "
                                            r"caps=\S+ status=(\S+)$")]
        check(len(granted) == 7 and all(g.group(3) == "ok" for g in granted),
              [g.group(0) for g in granted])
        limits = m.matching(r"devdisc: limit what=drivers have=8 need=9$")
        check(len(limits) == 1, f"{len(limits)} drivers limit lines")
        check(len({g.group(2) for g in granted}) == 7, "two devices share a driver")
        # which file is whose: the ready text names the device
        owner = {}
        end = time.monotonic() + 20
        while len(owner) < 7 and time.monotonic() < end:
            for p in paths:
                text = read_text(p, 0).decode() if p.exists() else ""
                if text.startswith("kheap-ivshmem ready"):
                    owner[key_values(text)["dev"]] = p
            time.sleep(0.05)
        check(len(owner) == 7, f"ready texts: {sorted(owner)}")
        (bdf_a, pa), (bdf_b, pb) = sorted(owner.items())[:2]
        start = len(m.output().splitlines())
        ask(pa, 11, b"first device")
        ask(pb, 12, b"second device")
        m.wait_for(rf"ivshmem: dev={bdf_a} request=11 bytes=12$", 20, start)
        m.wait_for(rf"ivshmem: dev={bdf_b} request=12 bytes=13$", 20, start)
        check(read_text(pa, 2052) == b"FIRST DEVICE" and read_text(pb, 2052) == b"SECOND DEVICE",
              f"{read_text(pa, 2052)!r} {read_text(pb, 2052)!r}")
        # device 0 sits behind rp0 and can be removed: only its driver goes
        rp0 = [g for g in granted if owner.get(g.group(1)) == paths[0]]
        check(len(rp0) == 1, f"ivs0 (behind rp0) was not driven: {sorted(owner)}")
        bdf, pid = rp0[0].group(1), rp0[0].group(2)
        start = len(m.output().splitlines())
        remove(m, "ivs0", bdf, pid, start)
        revoked = m.matching(r"devdisc: revoking dev=\S+ pid=\d+$", start)
        check(len(revoked) == 1, [r.group(0) for _, r in revoked])


def main(t, case):
    {"boot": case_boot, "hotplug": case_hotplug, "many": case_many}[case](t)


if __name__ == "__main__":
    Test("ivshmem").run(main)
