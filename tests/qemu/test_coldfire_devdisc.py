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

Semihosting's exit call always exits 0, so everything is read from the
console.
"""

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
    """{path: [(addr, size)]}: nodes with reg, except /, /cpus and memory.
    The fixtures use one address and one size cell and identity ranges."""
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


def run(t, variant, store):
    """Boots one image to devdisc's end; returns the machine's lines."""
    with t.machine(image(t, variant), store, arch="coldfire") as m:
        m.wait_for(r"devdisc: done", timeout=TIMEOUT)
        m.wait_for(r"hello: frames ", timeout=TIMEOUT)
        check(not m.matching(r"kernel: panic|devdisc: error|devdisc: warning"),
              "panic, error or warning")
        return list(m.lines)


def only(lines, pattern):
    found = [l for l in lines if pattern in l]
    check(len(found) == 1, f"want one '{pattern}' line, got {len(found)}")
    return key_values(found[0])


def check_walk(lines, devices):
    """found/region/mapped lines == the DTB's devices; returns need."""
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
    for path, regs in devices.items():
        check(mapped.get(path) == sum(frames(s) for _, s in regs),
              f"{path}: mapped {mapped.get(path)}")
    return sum(mapped.values())


def check_settle(lines, need):
    settled = only(lines, "devdisc: settled need=")
    check(int(settled["need"]) == need and int(settled["used"]) == need,
          f"settled {settled}, mapped frames {need}")
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


CASES = {"walk": case_walk, "cold-change": case_cold_change}


def body(t, case):
    CASES[case](t)


if __name__ == "__main__":
    Test("qemu_coldfire_devdisc").run(body)
