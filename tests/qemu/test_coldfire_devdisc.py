"""devdisc and the space bank on ColdFire (QEMU mcf5208evb), one case per
CTest test:

  walk          coldfire-devdisc.img (mcf5208evb.dts): the DTB arrives
                8-byte aligned; devdisc lists exactly the devices of the
                DTB with their addresses and sizes (read here from the
                compiled DTB by a decoder of this file, not by devdisc's
                walker), maps each with the frames its regions cover;
                need == used == their sum; a decision, then settle; the
                space bank goes conservative -> relaxed and relaxed -
                conservative == the kernel's released_frames
  cold-change   the same store booted with coldfire-devdisc.img, then with
                coldfire-devdisc-extra.img (one more device node): the new
                node is mapped, need grows by its frames, the fingerprint
                changes; booted again on the first image, need and
                fingerprint come back
  huge          coldfire-devdisc-huge.img (mcf5208evb-huge.dts: 304
                devices, 1204 regions), past devdisc's seed tables (8
                devices, 32 regions, 16 mappings), devdisc granted
                FrameAlloc: the kernel announces the frame window, each
                table grows once into FrameAlloc frames (one `table` line
                each, need = the DTB's exact count, the frames just enough
                for it), no `limit` line, every device listed and mapped,
                need == used == their frames, a decision, settle, the
                space bank conservative -> relaxed
  huge-noframes coldfire-devdisc-huge-noframes.img: the same board with
                devdisc granted no FrameAlloc: the tables keep their
                seeds, no `table` line and exactly one `limit` line per
                table with the DTB's exact counts; the kept devices are
                listed, those whose regions fit the region table mapped,
                need covers the kept regions, and devdisc still decides,
                settles and refreshes the space bank

Semihosting's exit call always exits 0, so everything is read from the
console.
"""

import re
import struct

from harness import Test, check, key_values

TIMEOUT = 25
FDT_MAGIC = 0xd00dfeed
BEGIN_NODE, END_NODE, PROP, NOP, END = 1, 2, 3, 4, 9


def image(t, variant):
    path = t.build_dir / "coldfire" / f"coldfire-{variant}.img"
    check(path.exists(), f"{path} is missing (ColdFire sub-build not done?)")
    return path


def dtb_path(t, name):
    path = t.build_dir / "coldfire" / "dtb" / f"{name}.dtb"
    check(path.exists(), f"{path} is missing")
    return path


def fdt_nodes(blob):
    """[(path, {prop: bytes})] in structure order (a plain FDT decoder)."""
    magic, _, off_struct, off_strings = struct.unpack_from(">IIII", blob, 0)
    check(magic == FDT_MAGIC, "not a DTB")
    pos, stack, nodes = off_struct, [], []
    while True:
        tag = struct.unpack_from(">I", blob, pos)[0]
        pos += 4
        if tag == BEGIN_NODE:
            end = blob.index(b"\0", pos)
            name = blob[pos:end].decode()
            pos = (end + 4) & ~3
            path = "/" if not stack else stack[-1][0].rstrip("/") + "/" + name
            stack.append((path, {}))
            nodes.append(stack[-1])
        elif tag == END_NODE:
            stack.pop()
        elif tag == PROP:
            size, name_off = struct.unpack_from(">II", blob, pos)
            name = blob[off_strings + name_off:blob.index(b"\0", off_strings + name_off)]
            stack[-1][1][name.decode()] = blob[pos + 8:pos + 8 + size]
            pos = (pos + 8 + size + 3) & ~3
        elif tag == END:
            return nodes
        else:
            check(tag == NOP, f"bad FDT tag {tag}")


def expected_devices(blob):
    """{path: [(addr, size)]}: nodes with reg, except /, /cpus and memory,
    in structure order.  The fixtures use one address and one size cell
    and identity ranges."""
    devices = {}
    for path, props in fdt_nodes(blob):
        if path == "/" or path.startswith("/cpus") or "reg" not in props:
            continue
        if props.get("device_type") == b"memory\0" or path.startswith("/memory"):
            continue
        words = struct.unpack(f">{len(props['reg']) // 4}I", props["reg"])
        devices[path] = list(zip(words[0::2], words[1::2]))
    return devices


def frames(size):
    return (size + 4095) // 4096


def run(t, variant, store, allowed=None):
    """Boots one image to devdisc's end; returns the machine's lines.  No
    panic, no error, no warning but those matching `allowed`."""
    with t.machine(image(t, variant), store, arch="coldfire") as m:
        m.wait_for(r"devdisc: done", timeout=TIMEOUT)
        m.wait_for(r"hello: frames ", timeout=TIMEOUT)
        check(not m.matching(r"kernel: panic|devdisc: error"), "panic or error")
        warnings = [mt.group(0) for _, mt in m.matching(r"devdisc: warning .*")]
        check(all(allowed and re.search(allowed, w) for w in warnings),
              f"warnings {warnings}")
        return list(m.lines)


def only(lines, pattern):
    found = [l for l in lines if pattern in l]
    check(len(found) == 1, f"want one '{pattern}' line, got {len(found)}")
    return key_values(found[0])


def check_walk(lines, devices, mapped_only=None):
    """found/region/mapped lines == the DTB's devices (those of them whose
    regions all were mapped: mapped_only, default all); returns the
    mapped frames."""
    dtb = only(lines, "boot: dtb phys=")
    check(int(dtb["phys"], 16) % 8 == 0, f"DTB at {dtb['phys']}: not 8-byte aligned")
    found = [key_values(l) for l in lines if l.startswith("devdisc: found node=")]
    check(sorted(f["node"] for f in found) == sorted(devices),
          f"devdisc found {[f['node'] for f in found]}, the DTB has {sorted(devices)}")
    regions = sorted((r["node"], int(r["addr"], 16), int(r["size"]))
                     for r in (key_values(l) for l in lines
                               if l.startswith("devdisc: region node=")))
    want = sorted((p, a, s) for p, regs in devices.items() for a, s in regs)
    check(regions == want, f"regions {regions} != DTB {want}")
    mapped = {k["node"]: int(k["frames"]) for k in (
        key_values(l) for l in lines if l.startswith("devdisc: mapped node="))}
    mapped_only = devices if mapped_only is None else mapped_only
    check(sorted(mapped) == sorted(mapped_only), f"mapped {sorted(mapped)}")
    for path in mapped_only:
        check(mapped.get(path) == sum(frames(s) for _, s in devices[path]),
              f"{path}: mapped {mapped.get(path)}")
    return sum(mapped.values())


def check_settle(lines, need, used=None):
    used = need if used is None else used
    settled = only(lines, "devdisc: settled need=")
    check(int(settled["need"]) == need and int(settled["used"]) == used,
          f"settled {settled}, need {need}, mapped frames {used}")
    decision = only(lines, "devdisc: decision=")
    check(int(decision["need"]) == need, f"decision {decision}")
    return settled


def check_spacebank(lines):
    limits = [key_values(l) for l in lines if l.startswith("spacebank: limit=")]
    check([l["phase"] for l in limits] == ["conservative", "relaxed"],
          f"space bank phases {[l['phase'] for l in limits]}")
    released = int(only(lines, "kernel: settle keep=")["released_frames"])
    check(released > 0, "settle released no frames: nothing to relax")
    gained = int(limits[1]["limit"]) - int(limits[0]["limit"])
    check(gained == released, f"relaxed - conservative = {gained}, kernel released {released}")
    refresh = only(lines, "devdisc: spacebank refresh")
    check(refresh["status"] == "ok" and refresh["limit"] == limits[1]["limit"],
          f"refresh {refresh}")


def case_walk(t):
    store = t.store()
    t.tool("set", store, "pool=64", "headroom=4096")
    devices = expected_devices(dtb_path(t, "mcf5208evb").read_bytes())
    check(len(devices) >= 4, f"fixture has {len(devices)} devices")
    lines = run(t, "devdisc", store)
    need = check_walk(lines, devices)
    check_settle(lines, need)
    check_spacebank(lines)


def case_cold_change(t):
    store = t.store()
    t.tool("set", store, "pool=64", "headroom=4096")
    base = expected_devices(dtb_path(t, "mcf5208evb").read_bytes())
    extra = expected_devices(dtb_path(t, "mcf5208evb-extra").read_bytes())
    added = set(extra) - set(base)
    check(len(added) == 1 and set(base) < set(extra), f"extra DTS adds {added}")
    runs = []
    for variant, devices in (("devdisc", base), ("devdisc-extra", extra), ("devdisc", base)):
        lines = run(t, variant, store)
        need = check_walk(lines, devices)
        runs.append(check_settle(lines, need))
    grow = sum(frames(s) for _, s in extra[added.pop()])
    check(int(runs[1]["need"]) == int(runs[0]["need"]) + grow,
          f"need {runs[0]['need']} -> {runs[1]['need']}, the new node has {grow} frames")
    check(runs[1]["fingerprint"] != runs[0]["fingerprint"], "fingerprint did not change")
    check(runs[2]["fingerprint"] == runs[0]["fingerprint"] and runs[2]["need"] == runs[0]["need"],
          "the first board again: need or fingerprint differs")


# devdisc's seed tables on ColdFire (userland/devdisc/daemon/dd_fdt_bus.c)
SEED_DEVICES, SEED_REGIONS, SEED_MAPS = 8, 32, 16
# The ColdFire frame window (kernel/uapi/kh_syscall.h, arch_defs.h)
WINDOW_BASE, WINDOW_TOP = 0x47000000, 0x47f00000


def kept_by_seeds(devices):
    """What the walk keeps in the seed tables: devices in structure order
    while the device table has room, each with all its regions while the
    pool has room (a device none of whose regions fit is hidden); returns
    ({path: regions}, regions kept)."""
    kept, used = {}, 0
    for path, regs in devices.items():
        if len(kept) == SEED_DEVICES:
            break
        take = regs[:SEED_REGIONS - used]
        used += len(take)
        if take:
            kept[path] = take
    return kept, used


def limits(lines):
    """{what: (have, need)} of the limit lines; each table once at most."""
    out = {}
    for kv in (key_values(l) for l in lines if l.startswith("devdisc: limit what=")):
        check(kv["what"] not in out, f"two limit lines for {kv['what']}")
        out[kv["what"]] = (int(kv["have"]), int(kv["need"]))
    return out


def tables(lines):
    """{what: (have, need, frames)} of the table lines; each table once."""
    out = {}
    for kv in (key_values(l) for l in lines if l.startswith("devdisc: table what=")):
        check(kv["what"] not in out, f"{kv['what']} grew twice")
        out[kv["what"]] = (int(kv["have"]), int(kv["need"]), int(kv["frames"]))
    return out


def huge_devices(t):
    devices = expected_devices(dtb_path(t, "mcf5208evb-huge").read_bytes())
    nregions = sum(len(r) for r in devices.values())
    check(len(devices) > SEED_DEVICES and nregions > SEED_REGIONS,
          f"fixture has {len(devices)} devices, {nregions} regions")
    return devices, nregions


def check_window(lines):
    """The kernel's frame window line: the port's window, every frame free."""
    w = only(lines, "kernel: framealloc window ")
    want = (WINDOW_BASE, WINDOW_TOP, (WINDOW_TOP - WINDOW_BASE) // 4096)
    got = (int(w["base"], 16), int(w["top"], 16), int(w["frames"]))
    check(got == want and w["free"] == w["frames"], f"window {w}, want {want} all free")


def case_huge(t):
    devices, nregions = huge_devices(t)
    lines = run(t, "devdisc-huge", t.store())
    check_window(lines)
    check(not limits(lines), f"limit lines {limits(lines)}: a table did not grow")
    grown = tables(lines)
    want = {"fdt-devices": len(devices), "fdt-regions": nregions, "regions": nregions}
    check(sorted(grown) == sorted(want), f"tables grown {sorted(grown)}, want {sorted(want)}")
    for what, (have, need, nframes) in grown.items():
        check(need == want[what] and have >= need, f"{what}: have={have} need={need}")
        # just enough frames: one fewer would not hold them
        check(nframes > 0 and have * (nframes - 1) < need * nframes,
              f"{what}: {nframes} frames for {need} entries ({have} fit)")
    walked = only(lines, "devdisc: walked ")
    check(int(walked["devices"]) == len(devices), f"walked {walked}")
    need = check_walk(lines, devices)
    check(need == sum(frames(s) for regs in devices.values() for _, s in regs), "need")
    check_settle(lines, need)
    check(not [l for l in lines if "reboot=yes" in l], "devdisc rebooted")
    check_spacebank(lines)


def case_huge_noframes(t):
    devices, nregions = huge_devices(t)
    kept, used = kept_by_seeds(devices)
    check(used > SEED_MAPS, f"the kept regions ({used}) fit the region table")
    lines = run(t, "devdisc-huge-noframes", t.store(),
                allowed=rf"what=truncated-devices detail={len(kept)}$")
    check(only(lines, "what=truncated-devices"), "no truncated-devices warning")
    check(not tables(lines), "a table grew without a FrameAlloc grant")
    want = {"fdt-devices": (SEED_DEVICES, len(devices)), "fdt-regions": (SEED_REGIONS, nregions),
            "regions": (SEED_MAPS, used)}
    check(limits(lines) == want, f"limit lines {limits(lines)}, want {want}")
    walked = only(lines, "devdisc: walked ")
    check(int(walked["devices"]) == len(kept), f"walked {walked}")
    mapped, room = [], SEED_MAPS     # the region table takes the kept regions in order
    for path, regs in kept.items():
        if len(regs) <= room:
            mapped.append(path)
        room -= min(room, len(regs))
    frames_mapped = check_walk(lines, kept, mapped_only=mapped)
    need = sum(frames(s) for regs in kept.values() for _, s in regs)
    check(frames_mapped == SEED_MAPS, f"mapped {frames_mapped} frames, the table holds {SEED_MAPS}")
    check_settle(lines, need, used=frames_mapped)
    check(not [l for l in lines if "reboot=yes" in l], "devdisc rebooted")
    check_spacebank(lines)


CASES = {"walk": case_walk, "cold-change": case_cold_change, "huge": case_huge,
         "huge-noframes": case_huge_noframes}


def body(t, case):
    CASES[case](t)


if __name__ == "__main__":
    Test("qemu_coldfire_devdisc").run(body)
