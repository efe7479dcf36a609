"""The re-tune loop on machines people build (issue 10), one case per
CTest test, each on the default image with QEMU command lines beyond
scripts/run's four root ports:

  ports16   16 extra root ports laid out like libvirt (multifunction at
            00:02.x, 00:03.x): every port watched (no limit line); a 1 MiB
            ivshmem hot-plugged into the first port and into the last one
            (the project's rp3, last in walk order) is noticed within 50 ms
            of guest time and mapped.
  ports32   the same with 32 extra ports (00:02.x .. 00:05.x).
  bars40    18 small virtio devices (2 memory BARs each) and a 256 MiB
            ivshmem present at boot: more than 40 BARs, more than the 32
            DevMem mappings a process used to have.  The store opens before
            any device is mapped, the re-tune is written, exactly one
            reboot, every BAR mapped after it.
  storefirst  a store whose blob says pool 16, headroom 0 (the smallest the
            codec takes): the store opens first (its records taken while
            the pool is whole), the blob is written, one reboot, cured.

  nofit     a 64 MiB ivshmem hot-plugged into a libvirt-style port (no
            resource reserve: SeaBIOS gives it 2 MiB windows): `nofit`
            naming a window the BAR could use, the device not `mapped`
            (its decode stays off), need unchanged by it, no re-tune.

  delretune a 256 MiB ivshmem hot-plugged on a fresh store (a re-tune
            reboot), and device_del sent at the `event=retune` line: QEMU's
            DEVICE_DELETED arrives, the device is not mapped after the
            reboot and is gone from QEMU.

  pxb       a pxb-pcie expander (root bus 0x80) with two root ports and a
            virtio-rng behind each: the root bus found, both devices found
            and mapped, the expander's ports watched; device_del of one
            (removed, DEVICE_DELETED), then a 1 MiB ivshmem hot-plugged
            into that port: arrived and mapped.

  acpi      QEMU's default ACPI PCI hot-plug (no -global): every slot says
            mode=acpi; a 256 MiB ivshmem hot-plugged on the default pool
            gives the native outcome (one re-tune reboot, the device mapped
            cold, cured), then device_del completes (removed, released,
            DEVICE_DELETED, gone); a 1 MiB one then arrives within 50 ms
            and is mapped.

  bridge    a pcie-pci-bridge hot-plugged into rp0 with nothing behind it:
            bus numbers from rp0's range (secondary 2), its windows opened
            from rp0's, its BAR mapped, no error; then a 1 MiB ivshmem
            behind it (its SHPC slot 1): arrived, placed in the bridge's
            windows, mapped; device_del of each, the device first: removed,
            released, DEVICE_DELETED, gone.

  retunes10 ten re-tunes in one QEMU: each time the store is set back to
            pool 16 headroom 0 on the host and the machine reset, the boot
            re-tunes (store written, one reboot) and is cured; every boot's
            store-open holds the same records, and every cured boot's
            settle uses the same frames: the store disk's records and
            mappings after 10 re-tunes are what they were after one.

  functions 204 PCI functions at boot, more than the 192 the walk's table
            once held: every free slot of pcie.0 and the slot behind rp0
            filled with an 8-function virtio-rng (modern only: two memory
            BARs, no I/O), one more behind rp1.  devdisc's tables come from
            FrameAlloc sized from the walk (`table` lines: devices and
            regions), every function found, every one mapped, no `limit`
            line; then an 8-function virtio-rng hot-plugged into rp2
            outgrows the device table (room for 4): it grows on the
            rewalk, and all 8 functions are mapped.

Hot-plug goes through QMP directly (scripts/hotplug knows only rp0..rp3).
"""

import sys

from harness import Test, check, key_values, BOOT_TIMEOUT

WATCH_RE = r"devdisc: hotplug watching slots=(\d+)"
PAGE = 4096
BIG = 256 << 20


def libvirt_ports(count):
    """pcie-root-port ids pci.1.. at 00:02.0, 00:02.1, ... (8 per slot,
    function 0 multifunction), as libvirt lays them out."""
    args, ids = [], []
    for i in range(count):
        slot, fn = 2 + i // 8, i % 8
        multi = ",multifunction=on" if fn == 0 else ""
        ids.append(f"pci.{i + 1}")
        args += ["-device", f"pcie-root-port,port=0x{0x20 + i:x},chassis={10 + i},"
                 f"id=pci.{i + 1},bus=pcie.0,addr=0x{slot:x}.0x{fn:x}{multi}"]
    return args, ids


def plug_ivshmem(m, dev_id, port, size, **more):
    mem = f"{dev_id}-mem"
    m.qmp.execute("object-add", **{"qom-type": "memory-backend-ram", "id": mem, "size": size})
    m.qmp.execute("device_add", driver="ivshmem-plain", id=dev_id, memdev=mem, bus=port, **more)


def expect_plugged(m, start, frames):
    """present within 50 ms, arrived, and the device behind the port
    mapped with all its frames.  Returns the arrived line's fields."""
    _, present = m.wait_for(r"devdisc: hotplug slot=\d+ event=present .*", 30, start)
    check(int(key_values(present.group(0))["after_ms"]) <= 50, present.group(0))
    i, arr = m.wait_for(r"devdisc: hotplug slot=\d+ event=arrived .*", 30, start)
    bus = int(key_values(arr.group(0))["bus"])
    m.wait_for(r"devdisc: mapped dev=%02x:00\.0 frames=%d" % (bus, frames), 30, i)
    m.wait_for(r"devdisc: decision=", 30, i)   # the watch idle again
    return key_values(arr.group(0))


def plug_noticed(m, dev_id, port, frames):
    """A 1 MiB ivshmem into `port`, noticed within 50 ms and mapped.  The
    guest clock runs on while a loaded host (the suite runs two tests at
    once) deschedules QEMU, so a late notice is tried once more, after a
    removal, before it counts as a failure."""
    for attempt in (1, 2):
        start = len(m.output().splitlines())
        plug_ivshmem(m, f"{dev_id}-{attempt}", port, 1 << 20)
        _, present = m.wait_for(r"devdisc: hotplug slot=\d+ event=present .*", 30, start)
        late = int(key_values(present.group(0))["after_ms"]) > 50
        check(not late or attempt == 1, present.group(0))
        i, arr = m.wait_for(r"devdisc: hotplug slot=\d+ event=arrived .*", 30, start)
        bus = int(key_values(arr.group(0))["bus"])
        m.wait_for(r"devdisc: mapped dev=%02x:00\.0 frames=%d" % (bus, frames), 30, i)
        m.wait_for(r"devdisc: decision=", 30, i)
        if not late:
            return key_values(arr.group(0))
        m.qmp.execute("device_del", id=f"{dev_id}-{attempt}")
        wait_deleted(m, f"{dev_id}-{attempt}")
        m.wait_for(r"devdisc: hotplug slot=\d+ event=gone ", 10, i)


def check_healthy(m):
    check(m.running(), "QEMU died")
    bad = [mt.group(0) for _, mt in m.matching(r"(devdisc: (error|limit)|kernel: (fault|panic)).*")]
    check(not bad, "errors: " + "; ".join(bad))


def case_ports(t, count):
    args, ids = libvirt_ports(count)
    store = t.store()
    # libvirt puts the disks behind ports of their own; here they move out
    # of 00:02/00:03 so that the ports get libvirt's addresses.
    with t.machine(t.image(), store, extra=args, disk_addrs=("0x1c", "0x1d")) as m:
        w_at, w = m.wait_for(WATCH_RE, BOOT_TIMEOUT)
        check(int(w.group(1)) == count + 4, f"{w.group(0)}: want {count + 4} slots")
        small = (1 << 20) // PAGE + 1
        for k, port in enumerate((ids[0], "rp3")):
            arr = plug_noticed(m, f"iv{k}", port, small)
            check(arr["port"] == ("00:02.0" if port == ids[0] else "00:13.0"),
                  f"{port}: arrived {arr}")
        # 1024 frames of need per empty hot-plug slot: the boot may re-tune
        # once for the ports themselves, never for the 1 MiB devices.
        check(len(m.matching(r"devdisc: reboot")) <= 1, "more than one re-tune reboot")
        check(not m.matching(r"devdisc: event=retune .*reboot=yes", w_at), "re-tuned for 1 MiB")
        check_healthy(m)


def case_diskports(t):
    """libvirt's layout as it is: each disk behind a root port of its own
    (bus 1 and 2).  The loader boots, devdisc finds the store behind its
    port (the boot disk's driver says not-found), and a 256 MiB device
    plugged into rp0 (libvirt's own ports reserve too little window for
    it) re-tunes through it: one reboot, then cured."""
    args, ids = libvirt_ports(4)
    store = t.store()
    with t.machine(t.image(), store, early=args,
                   disk_addrs=(f"bus={ids[0]}", f"bus={ids[1]}")) as m:
        _, so = m.wait_for(r"devdisc: store-open .*", BOOT_TIMEOUT)
        check(key_values(so.group(0))["status"] == "ok", so.group(0))
        tried = {key_values(mt.group(0))["dev"]: key_values(mt.group(0))["status"]
                 for _, mt in m.matching(r"devdisc: granted dev=\S+ to=storewriter .*")}
        check(tried == {"01:00.0": "not-found", "02:00.0": "ok"}, f"store tried {tried}")
        m.wait_for(WATCH_RE, BOOT_TIMEOUT)
        start = len(m.output().splitlines())
        plug_ivshmem(m, "big0", "rp0", BIG)
        _, w = m.wait_for(r"devdisc: store-write status=(\S+) .*", 60, start)
        check(w.group(1) == "ok", w.group(0))
        m.wait_for(r"devdisc: reboot reason=retune", 30, start)
        m.wait_for(r"devdisc: decision=ok .*why=cured", 60, start)
        check(len(m.matching(r"devdisc: granted dev=02:00\.0 to=storewriter .*status=ok")) == 2,
              "the store's driver was not started again after the reboot")
        check_healthy(m)


def small_devices(n):
    """n virtio-rng devices on pcie.0 (QEMU picks the slots): each has a
    4 KiB and a 16 KiB memory BAR."""
    return [a for i in range(n) for a in ("-device", f"virtio-rng-pci,id=rng{i}")]


def mapped_bars(m, start):
    return sum(1 for _, mt in m.matching(r"devdisc: bar dev=\S+ index=\d+ addr=0x[1-9a-f]\S* "
                                         r"size=\d+ kind=mem", start))


def case_bars40(t):
    store = t.store()
    extra = small_devices(18) + [
        "-object", f"memory-backend-ram,id=big,size={BIG}",
        "-device", "ivshmem-plain,memdev=big,bus=rp0"]
    with t.machine(t.image(), store, extra=extra) as m:
        _, so = m.wait_for(r"devdisc: store-open .*", BOOT_TIMEOUT)
        check(key_values(so.group(0))["status"] == "ok", so.group(0))
        _, ev = m.wait_for(r"devdisc: event=retune .*", BOOT_TIMEOUT)
        check(key_values(ev.group(0))["reboot"] == "yes", ev.group(0))
        j, sw = m.wait_for(r"devdisc: store-write .*", 30)
        check(key_values(sw.group(0))["status"] == "ok", sw.group(0))
        i, _ = m.wait_for(r"boot: config slot=.*", 60, j)
        m.wait_for(WATCH_RE, BOOT_TIMEOUT, i)
        bars = mapped_bars(m, i)
        check(bars >= 40, f"only {bars} assigned memory BARs on the machine")
        check(not m.matching(r"devdisc: unmapped ", i), "BARs unmapped after the reboot: " +
              "; ".join(mt.group(0) for _, mt in m.matching(r"devdisc: unmapped .*", i)))
        _, dec = m.wait_for(r"devdisc: decision=.*", 1, i)
        check(key_values(dec.group(0))["why"] == "cured", dec.group(0))
        m.wait_for(r"devdisc: mapped dev=01:00\.0 frames=%d" % (BIG // PAGE + 1), 1, i)
        check(len(m.matching(r"boot: config slot=")) == 2, "not exactly one reboot")
        check_healthy(m)


def case_storefirst(t):
    store = t.store()
    t.tool("set", store, "pool=16", "headroom=0")
    with t.machine(t.image(), store) as m:
        _, so = m.wait_for(r"devdisc: store-open .*", BOOT_TIMEOUT)
        kv = key_values(so.group(0))
        check(kv["status"] == "ok" and int(kv["frames"]) > 0, so.group(0))
        _, dec = m.wait_for(r"devdisc: decision=.*", 30)
        check(key_values(dec.group(0))["reboot"] == "yes", dec.group(0))
        j, sw = m.wait_for(r"devdisc: store-write .*", 30)
        check(key_values(sw.group(0))["status"] == "ok", sw.group(0))
        i, _ = m.wait_for(r"boot: config slot=.*", 60, j)
        _, dec = m.wait_for(r"devdisc: decision=.*", BOOT_TIMEOUT, i)
        check(key_values(dec.group(0))["why"] == "cured", dec.group(0))
        check(not m.matching(r"devdisc: unmapped ", i), "BARs unmapped after the reboot")
        check(len(m.matching(r"boot: config slot=")) == 2, "not exactly one reboot")
        check_healthy(m)


def case_nofit(t):
    args, ids = libvirt_ports(1)
    store = t.store()
    with t.machine(t.image(), store, extra=args, disk_addrs=("0x1c", "0x1d")) as m:
        w_at, _ = m.wait_for(WATCH_RE, BOOT_TIMEOUT)
        _, dec0 = m.wait_for(r"devdisc: settled .*", 1)
        need0 = int(key_values(dec0.group(0))["need"])
        start = len(m.output().splitlines())
        plug_ivshmem(m, "big", ids[0], 64 << 20)
        i, arr = m.wait_for(r"devdisc: hotplug slot=\d+ event=arrived .*", 30, start)
        _, nf = m.wait_for(r"devdisc: nofit dev=01:00\.0 bar=2 .*", 10, i)
        kv = key_values(nf.group(0))
        check(kv["window"] in ("mem", "pref") and int(kv["limit"], 16) - int(kv["base"], 16)
              < (64 << 20), f"nofit line {nf.group(0)}")
        _, dec = m.wait_for(r"devdisc: decision=.*", 10, i)
        d = key_values(dec.group(0))
        # the port is occupied now: its 1024-frame reserve leaves need
        check(int(d["need"]) <= need0, f"need grew for a BAR that cannot map: {d} vs {need0}")
        check(d["reboot"] == "no", f"re-tune for nothing: {d}")
        check(not m.matching(r"devdisc: mapped dev=01:00\.0", i), "device with decode off mapped")
        check(not m.matching(r"devdisc: event=retune .*reboot=yes", w_at), "re-tune reboot")
        check(m.running(), "QEMU died")


def case_delretune(t):
    store = t.store()
    with t.machine(t.image(), store) as m:
        m.wait_for(WATCH_RE, BOOT_TIMEOUT)
        start = len(m.output().splitlines())
        plug_ivshmem(m, "big", "rp0", BIG)
        j, _ = m.wait_for(r"devdisc: event=retune .*reboot=yes", 30, start)
        m.qmp.execute("device_del", id="big")
        ev = m.qmp.wait_event("DEVICE_DELETED", timeout=15)
        while ev["data"].get("device") != "big":
            ev = m.qmp.wait_event("DEVICE_DELETED", timeout=15)
        i, _ = m.wait_for(r"boot: config slot=.*", 60, j)
        m.wait_for(WATCH_RE, BOOT_TIMEOUT, i)
        check(not m.matching(r"devdisc: (mapped|found) dev=01:00\.0", i),
              "the removed device is back after the reboot")
        devs = [d["name"] for d in m.qmp.execute("qom-list", path="/machine/peripheral")]
        check("big" not in devs, f"QEMU still has the device: {devs}")
        check(len(m.matching(r"boot: config slot=")) == 2, "not exactly one reboot")
        check_healthy(m)


def case_pxb(t):
    extra = ["-device", "pxb-pcie,id=pxb1,bus_nr=128,bus=pcie.0",
             "-device", "pcie-root-port,id=prp0,bus=pxb1,chassis=20,addr=0x0",
             "-device", "pcie-root-port,id=prp1,bus=pxb1,chassis=21,addr=0x1",
             "-device", "virtio-rng-pci,id=rng0,bus=prp0",
             "-device", "virtio-rng-pci,id=rng1,bus=prp1"]
    store = t.store()
    with t.machine(t.image(), store, extra=extra) as m:
        _, w = m.wait_for(WATCH_RE, BOOT_TIMEOUT)
        check(int(w.group(1)) == 6, f"{w.group(0)}: want rp0..rp3 and the expander's two")
        _, roots = m.wait_for(r"devdisc: roots .*", 1)
        kv = key_values(roots.group(0))
        check((kv["count"], kv["first"]) == ("2", "128"), roots.group(0))
        for port, bus in (("80:00.0", 0x81), ("80:01.0", 0x82)):
            m.wait_for(r"devdisc: found dev=%s .*secondary=%d .*hotplug=1" % (port, bus), 1)
            m.wait_for(r"devdisc: mapped dev=%02x:00\.0 frames=5" % bus, 1)
        start = len(m.output().splitlines())
        m.qmp.execute("device_del", id="rng0")
        ev = m.qmp.wait_event("DEVICE_DELETED", timeout=15)
        while ev["data"].get("device") != "rng0":
            ev = m.qmp.wait_event("DEVICE_DELETED", timeout=15)
        m.wait_for(r"devdisc: removed dev=81:00\.0 frames=5 status=ok", 10, start)
        m.wait_for(r"devdisc: hotplug slot=\d+ event=gone port=80:00\.0", 10, start)
        start = len(m.output().splitlines())
        plug_ivshmem(m, "iv0", "prp0", 1 << 20)
        arr = expect_plugged(m, start, (1 << 20) // PAGE + 1)
        check(arr["port"] == "80:00.0" and arr["bus"] == str(0x81), f"arrived {arr}")
        check_healthy(m)


def wait_deleted(m, dev_id):
    ev = m.qmp.wait_event("DEVICE_DELETED", timeout=15)
    while ev["data"].get("device") != dev_id:
        ev = m.qmp.wait_event("DEVICE_DELETED", timeout=15)


def case_acpi(t):
    store = t.store()
    with t.machine(t.image(), store, acpi_hotplug=True) as m:
        m.wait_for(WATCH_RE, BOOT_TIMEOUT)
        modes = [key_values(mt.group(0))["mode"] for _, mt in
                 m.matching(r"devdisc: hotplug slot=\d+ port=\S+ mode=\S+")]
        check(modes == ["acpi"] * 4, f"slot modes {modes}")
        start = len(m.output().splitlines())
        plug_ivshmem(m, "big", "rp0", BIG)
        _, present = m.wait_for(r"devdisc: hotplug slot=\d+ event=present .*", 30, start)
        check(int(key_values(present.group(0))["after_ms"]) <= 50, present.group(0))
        j, ev = m.wait_for(r"devdisc: event=retune .*", 30, start)
        check(key_values(ev.group(0))["reboot"] == "yes", ev.group(0))
        i, _ = m.wait_for(r"boot: config slot=.*", 60, j)
        m.wait_for(WATCH_RE, BOOT_TIMEOUT, i)
        m.wait_for(r"devdisc: mapped dev=01:00\.0 frames=%d" % (BIG // PAGE + 1), 1, i)
        _, dec = m.wait_for(r"devdisc: decision=.*", 1, i)
        check(key_values(dec.group(0))["why"] == "cured", dec.group(0))
        start = len(m.output().splitlines())
        m.qmp.execute("device_del", id="big")
        wait_deleted(m, "big")
        m.wait_for(r"devdisc: removed dev=01:00\.0 frames=%d status=ok" % (BIG // PAGE + 1), 10, start)
        m.wait_for(r"devdisc: hotplug slot=\d+ event=released status=ok", 10, start)
        m.wait_for(r"devdisc: hotplug slot=\d+ event=gone port=00:10\.0", 10, start)
        start = len(m.output().splitlines())
        plug_ivshmem(m, "small", "rp2", 1 << 20)
        expect_plugged(m, start, (1 << 20) // PAGE + 1)
        check(len(m.matching(r"boot: config slot=")) == 2, "not exactly one reboot")
        check_healthy(m)


def plug_behind_bridge(m, dev_id, slot):
    """A 1 MiB ivshmem into SHPC slot `slot` of br0 (device 02:<slot>.0):
    arrived, mapped, and the watch idle again."""
    start = len(m.output().splitlines())
    plug_ivshmem(m, dev_id, "br0", 1 << 20, addr=f"0x{slot:x}")
    i, _ = m.wait_for(rf"devdisc: hotplug slot={slot} event=arrived port=01:00\.0 bus=2 .*",
                      10, start)
    m.wait_for(r"devdisc: mapped dev=02:%02x\.0 frames=%d" % (slot, (1 << 20) // PAGE + 1), 10, i)
    m.wait_for(r"devdisc: decision=", 10, i)


def case_bridge(t):
    store = t.store()
    with t.machine(t.image(), store) as m:
        m.wait_for(WATCH_RE, BOOT_TIMEOUT)
        start = len(m.output().splitlines())
        m.qmp.execute("device_add", driver="pcie-pci-bridge", id="br0", bus="rp0")
        i, _ = m.wait_for(r"devdisc: hotplug slot=\d+ event=arrived port=00:10\.0 .*", 30, start)
        # the port's used ranges (the new bridge's two windows and what an
        # assignment may add) outgrow their seed table once
        _, grown = m.wait_for(r"devdisc: table what=port-ranges have=(\d+) need=(\d+) frames=1$",
                              10, i)
        check(int(grown.group(1)) >= int(grown.group(2)) == 2 + 48, grown.group(0))
        _, br = m.wait_for(r"devdisc: bridge dev=01:00\.0 .*", 10, i)
        kv = key_values(br.group(0))
        check((kv["secondary"], kv["subordinate"], kv["status"]) == ("2", "2", "ok") and
              int(kv["windows"]) >= 1, br.group(0))
        m.wait_for(r"devdisc: window dev=01:00\.0 kind=mem ", 10, i)
        m.wait_for(r"devdisc: mapped dev=01:00\.0 frames=1", 10, i)
        m.wait_for(r"devdisc: decision=", 10, i)
        # a device behind it (the bridge's SHPC slot 1: 02:01.0), a second beside it
        plug_behind_bridge(m, "iv0", 1)
        plug_behind_bridge(m, "iv1", 2)
        start = len(m.output().splitlines())
        m.qmp.execute("device_del", id="iv1")
        wait_deleted(m, "iv1")
        m.wait_for(r"devdisc: hotplug slot=2 event=gone port=01:00\.0", 10, start)
        start = len(m.output().splitlines())
        m.qmp.execute("device_del", id="iv0")
        wait_deleted(m, "iv0")
        m.wait_for(r"devdisc: removed dev=02:01\.0 frames=%d status=ok" % ((1 << 20) // PAGE + 1),
                   10, start)
        m.wait_for(r"devdisc: hotplug slot=1 event=gone port=01:00\.0", 10, start)
        start = len(m.output().splitlines())
        m.qmp.execute("device_del", id="br0")
        wait_deleted(m, "br0")
        m.wait_for(r"devdisc: removed dev=01:00\.0 frames=1 status=ok", 10, start)
        m.wait_for(r"devdisc: hotplug slot=\d+ event=gone port=00:10\.0", 10, start)
        check_healthy(m)


def case_retunes10(t):
    store = t.store()
    t.tool("set", store, "pool=16", "headroom=0")
    with t.machine(t.image(), store) as m:
        at = 0
        for k in range(10):
            j, sw = m.wait_for(r"devdisc: store-write .*", BOOT_TIMEOUT, at)
            check(key_values(sw.group(0))["status"] == "ok", f"re-tune {k}: {sw.group(0)}")
            i, _ = m.wait_for(r"boot: config slot=.*", 60, j)
            at, _ = m.wait_for(WATCH_RE, BOOT_TIMEOUT, i)
            _, dec = m.wait_for(r"devdisc: decision=.*", 1, i)
            check(key_values(dec.group(0))["why"] == "cured", f"re-tune {k}: {dec.group(0)}")
            t.tool("set", store, "pool=16", "headroom=0")
            m.qmp.execute("system_reset")
        m.wait_for(r"boot: config slot=.*", 60, at)
        opened = {mt.group(0).split(" ", 1)[1] for _, mt in m.matching(r"devdisc: store-open .*")}
        check(len(opened) == 1 and "status=ok" in next(iter(opened)),
              f"store-open differs between boots: {opened}")
        used = {key_values(mt.group(0))["used"] for _, mt in m.matching(r"devdisc: settled .*")}
        check(len(used) == 1, f"frames in use after settle differ between boots: {used}")
        check(len(m.matching(r"devdisc: reboot reason=retune")) >= 10, "fewer than 10 re-tunes")
        check_healthy(m)


def rng_functions(bus, slot):
    """An 8-function virtio-rng at bus:slot (modern: no I/O BAR)."""
    return [a for fn in range(8) for a in (
        "-device", f"virtio-rng-pci,disable-legacy=on,bus={bus},addr=0x{slot:x}.0x{fn:x}"
        + (",multifunction=on" if fn == 0 else ""))]


def case_functions(t):
    # pcie.0: host 00.0, NIC 01.0, disks 02.0/03.0, rp0..rp3 10-13, LPC 1f.
    # 24 x 8 rng + 1 on rp1 + the 11 of the default machine: 204 functions,
    # a table of 208 with the room for 4 ports: the 8 functions hot-plugged
    # into rp2 outgrow it.
    slots = [s for s in range(0x04, 0x1f) if not 0x10 <= s <= 0x13]
    extra = [a for s in slots for a in rng_functions("pcie.0", s)]
    extra += rng_functions("rp0", 0) + ["-device", "virtio-rng-pci,disable-legacy=on,bus=rp1"]
    rngs = 8 * (len(slots) + 1) + 1
    with t.machine(t.image(), t.store(), extra=extra) as m:
        m.wait_for(WATCH_RE, BOOT_TIMEOUT)
        _, walked = m.wait_for(r"devdisc: walked .*", 1)
        devices = int(key_values(walked.group(0))["devices"])
        check(devices == rngs + 11 and devices > 192, walked.group(0))
        tables = {key_values(mt.group(0))["what"]: key_values(mt.group(0))
                  for _, mt in m.matching(r"devdisc: table .*")}
        check(set(tables) == {"devices", "regions"}, f"tables grown: {tables}")
        check(int(tables["devices"]["have"]) == 208, f"devices: {tables['devices']}")
        check(int(tables["regions"]["need"]) >= 2 * rngs, f"regions: {tables['regions']}")
        found = {mt.group(1) for _, mt in m.matching(r"devdisc: found dev=(\S+) vendor=1af4 device=1044")}
        mapped = {mt.group(1) for _, mt in m.matching(r"devdisc: mapped dev=(\S+) ")}
        check(len(found) == rngs and found <= mapped, f"{len(found)} rng found, "
              f"{len(found - mapped)} not mapped")
        check(not m.matching(r"devdisc: unmapped "), "BARs unmapped")
        # functions 7..1 first: QEMU signals the slot when function 0 comes
        start = len(m.output().splitlines())
        for fn in range(7, -1, -1):
            m.qmp.execute("device_add", driver="virtio-rng-pci", id=f"hp{fn}", bus="rp2",
                          addr=f"0x0.0x{fn:x}", **{"disable-legacy": "on"},
                          **({"multifunction": "on"} if fn == 0 else {}))
        i, arr = m.wait_for(r"devdisc: hotplug slot=\d+ event=arrived .*", 30, start)
        bus = int(key_values(arr.group(0))["bus"])
        for fn in range(8):
            m.wait_for(r"devdisc: mapped dev=%02x:00\.%d frames=5" % (bus, fn), 30, i)
        _, grown = m.wait_for(r"devdisc: table what=devices .*", 1, start)
        check(int(key_values(grown.group(0))["need"]) == devices + 8, grown.group(0))
        check_healthy(m)

CASES = {
    "functions": case_functions,
    "retunes10": case_retunes10,
    "bridge": case_bridge,
    "acpi": case_acpi,
    "pxb": case_pxb,
    "delretune": case_delretune,
    "nofit": case_nofit,
    "ports16": lambda t: case_ports(t, 16),
    "ports32": lambda t: case_ports(t, 32),
    "bars40": case_bars40,
    "storefirst": case_storefirst,
    "diskports": case_diskports,
}


def main(t, case):
    check(case in CASES, f"unknown case {case!r} (want one of {sorted(CASES)})")
    CASES[case](t)


if __name__ == "__main__":
    Test("qemu_topology").run(main)
    sys.exit(0)
