"""devdisc in QEMU (docs/devdisc.md), image disk-devdisc.img.

case `default`: every device and memory/I/O BAR QEMU reports through QMP
`query-pci` is in the boot log with the same address and size; the
decision and settled lines agree (need, pool=N of the kernel's heap line,
used = frames of every mapped device = frames of every memory BAR).
The store's driver: devdisc tries storewriter on each virtio-blk of bus
0; the boot disk answers not-found and its frames are rescinded, the
store disk's driver holds exactly console, its endpoint and one frame of
FrameAlloc, and is granted exactly that disk's memory BARs (as QMP sees
them), whose frames are the store-open line's.

case `ivshmem`: the same machine plus an ivshmem-plain with a 64 MiB
RAM-backed BAR on root port rp0: need grows by exactly the new device's
frames, the device is mapped (from kept headroom), the fingerprint
changes, and a second boot of that machine gives the same fingerprint."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import Test, check, key_values, BOOT_TIMEOUT

PAGE = 4096
ROM = 6          # the expansion ROM's index, in QMP and in the log
IVSHMEM = ["-object", "memory-backend-ram,id=m0,size=64M",
           "-device", "ivshmem-plain,memdev=m0,bus=rp0,id=ivs0"]


def qmp_devices(buses):
    """Flattens query-pci: (bdf, vendor, device, [(index, kind, addr, size)])."""
    out = []
    for bus in buses:
        stack = list(bus["devices"])
        while stack:
            d = stack.pop(0)
            bdf = f"{d['bus']:02x}:{d['slot']:02x}.{d['function']}"
            bars = [(r["bar"], r["type"], r["address"], r["size"]) for r in d["regions"]]
            out.append((bdf, d["id"]["vendor"], d["id"]["device"], bars))
            stack[0:0] = d.get("pci_bridge", {}).get("devices", [])
    return out


def frames(size):
    return (size + PAGE - 1) // PAGE


def boot(t, extra=()):
    with t.machine(t.image("devdisc"), t.store(), extra=list(extra)) as m:
        _, settled = m.wait_for(r"devdisc: settled .*", BOOT_TIMEOUT)
        devices = qmp_devices(m.qmp.execute("query-pci"))
        lines = [mt.group(0) for _, mt in m.matching(r"devdisc: .*")]
        heap = m.matching(r"kernel: heap fixed .*")[0][1].group(0)
        check(not m.matching(r"devdisc: error|kernel: (fault|panic)"), "devdisc failed")
        t.all_lines = m.output().splitlines()
    return devices, lines, key_values(settled.group(0)), key_values(heap)


def found(lines, what, **want):
    hits = [key_values(l) for l in lines if l.startswith(f"devdisc: {what} ")]
    return [kv for kv in hits if all(kv.get(k) == v for k, v in want.items())]


def check_devices(devices, lines):
    """Every QMP device and BAR logged with the same identity, address, size."""
    check(len(found(lines, "found")) == len(devices),
          f"{len(found(lines, 'found'))} devices logged, QEMU has {len(devices)}")
    for bdf, vendor, device, bars in devices:
        check(found(lines, "found", dev=bdf, vendor=f"{vendor:04x}", device=f"{device:04x}"),
              f"{bdf} {vendor:04x}:{device:04x} not logged")
        for index, kind, addr, size in bars:
            got = found(lines, "bar", dev=bdf, index=str(index))
            # QEMU shows a disabled expansion ROM at address -1
            same_addr = index == ROM or int(got[0]["addr"], 16) == addr if got else False
            check(len(got) == 1 and int(got[0]["size"]) == size and same_addr
                  and (got[0]["kind"] == "io") == (kind == "io"),
                  f"{bdf} BAR {index} ({kind} {addr:#x} {size}) logged as {got}")


def memory_frames(devices, bdf=None):
    return sum(frames(size) for d, _, _, bars in devices if bdf in (None, d)
               for index, kind, addr, size in bars
               if kind == "memory" and index != ROM and addr > 0)


def check_totals(devices, lines, settled, heap):
    decision = [kv for kv in map(key_values, lines) if "decision" in kv]
    check(len(decision) == 1, f"want one decision line, got {decision}")
    check(decision[0]["need"] == settled["need"], "decision and settled need differ")
    check(settled["pool"] == heap["pool"] == decision[0]["pool"], "pool is not N of this boot")
    mapped = sum(int(kv["frames"]) for kv in found(lines, "mapped"))
    check(int(settled["used"]) == mapped == memory_frames(devices),
          f"used={settled['used']}, mapped lines {mapped}, memory BARs {memory_frames(devices)}")
    check(not found(lines, "unmapped") or found(lines, "pool-grow", status="ok"),
          "a BAR stayed unmapped")
    slots = len(found(lines, "found", hotplug="1"))
    check(int(settled["need"]) == memory_frames(devices) + 1024 * slots,
          f"need {settled['need']} != BAR frames + reserve x {slots} slots")
    return int(settled["need"])


def granted_bars(caps):
    """`bar<i>:0x<addr>+<pages>,...,framealloc:1` -> {index: (addr, pages)}."""
    out = {}
    for item in caps.split(","):
        if item.startswith("bar"):
            index, rest = item[3:].split(":", 1)
            addr, pages = rest.split("+")
            out[int(index)] = (int(addr, 16), int(pages))
    return out


def check_store(t, devices, lines):
    tries = found(lines, "granted", to="storewriter")
    disks = [d for d in devices if d[0].startswith("00:") and (d[1], d[2]) == (0x1af4, 0x1001)]
    check(len(tries) == len(disks) == 2, f"storewriter tried on {tries}, disks {disks}")
    ok = [kv for kv in tries if kv["status"] == "ok"]
    check(len(ok) == 1 and [kv["status"] for kv in tries].count("not-found") == 1,
          f"want one store and one other disk: {tries}")
    store = ok[0]
    bars = {i: (addr, frames(size)) for d, _, _, b in devices if d == store["dev"]
            for i, kind, addr, size in b if kind == "memory" and i != ROM and addr > 0}
    check(granted_bars(store["caps"]) == bars and store["caps"].endswith(",framealloc:1"),
          f"store driver granted {store['caps']}, the disk's BARs are {bars}")
    opened = found(lines, "store-open")
    check(len(opened) == 1 and opened[0]["status"] == "ok" and
          int(opened[0]["frames"]) == memory_frames(devices, store["dev"]), f"{opened}")
    want = (f"kernel: process storewriter pid={store['pid']} "
            "caps=console:w,endpoint:x,framealloc:0x0-0x0:rw")
    check(want in t.all_lines, f"no {want!r}")
    other = [kv for kv in tries if kv["status"] == "not-found"][0]
    check(f"storewriter: open dev={other['dev']} status=not-found pid={other['pid']}"
          in t.all_lines, f"the other disk {other}")
    rescinded = sum(int(key_values(l)["frames"]) for l in t.all_lines
                    if l.startswith("kernel: rescind "))
    check(rescinded == memory_frames(devices, other["dev"]),
          f"rescinded {rescinded} frames, the other disk has {memory_frames(devices, other['dev'])}")


def case_default(t):
    devices, lines, settled, heap = boot(t)
    check_devices(devices, lines)
    check_totals(devices, lines, settled, heap)
    check_store(t, devices, lines)


def case_ivshmem(t):
    plain = boot(t)
    need0, fp0 = check_totals(*plain[:2], *plain[2:]), plain[2]["fingerprint"]
    devices, lines, settled, heap = boot(t, IVSHMEM)
    check_devices(devices, lines)
    need1 = check_totals(devices, lines, settled, heap)
    ivs = [d for d in devices if d[1] == 0x1af4 and d[2] == 0x1110]
    check(len(ivs) == 1, f"ivshmem not in query-pci: {devices}")
    bdf = ivs[0][0]
    added = memory_frames(devices, bdf)
    check(added > 16384 and need1 - need0 == added, f"need {need0} -> {need1}, device has {added}")
    check(found(lines, "mapped", dev=bdf, frames=str(added)), f"{bdf} not mapped")
    check(settled["fingerprint"] != fp0, "fingerprint did not change")
    again = boot(t, IVSHMEM)[2]
    check(again["fingerprint"] == settled["fingerprint"] and again["need"] == settled["need"],
          "the same machine gave another fingerprint or need")


def main(t, case):
    {"default": case_default, "ivshmem": case_ivshmem}[case](t)


if __name__ == "__main__":
    Test("devdisc").run(main)
