"""mkdisk (no QEMU): the layout of a good image, read back with --list and
by hand, and a clear error with no output file for each bad input."""

import struct
import subprocess
import sys
from pathlib import Path

from harness import crc32c

SECTOR = 512


def fail(msg):
    print(f"FAIL mkdisk: {msg}")
    sys.exit(1)


class Inputs:
    def __init__(self, root, mkdisk):
        self.root, self.mkdisk = root, mkdisk
        root.mkdir(parents=True, exist_ok=True)
        self.stage1 = self.write("stage1.bin", bytes(510) + b"\x55\xaa")
        self.stage2 = self.write("stage2.bin", bytes(range(256)) * 9)     # 2304 bytes
        self.kernel = self.write("kernel.elf", b"\x7fELF" + b"K" * 5000)
        self.prog = self.write("prog.elf", b"\x7fELF" + b"P" * 700)

    def write(self, name, data):
        path = self.root / name
        path.write_bytes(data)
        return path

    def run(self, manifest=None, programs=(), **override):
        out = self.root / "out.img"
        out.unlink(missing_ok=True)
        files = dict(stage1=self.stage1, stage2=self.stage2, kernel=self.kernel)
        files.update(override)
        cmd = [str(self.mkdisk), "--out", str(out)]
        for k, v in files.items():
            cmd += [f"--{k}", str(v)]
        if manifest is not None:
            cmd += ["--manifest", str(self.write("manifest.txt", manifest.encode()))]
        for p in programs:
            cmd += ["--program", p]
        return subprocess.run(cmd, capture_output=True, text=True), out


def check_good_image(inp):
    r, out = inp.run("# comment\nhello console\nworld console,ipc # two caps\n\n",
                     [f"hello={inp.prog}", f"world={inp.kernel}"])
    if r.returncode:
        fail(f"good image refused: {r.stderr}")
    img = out.read_bytes()
    if len(img) % (1 << 20) or img[:SECTOR] != inp.stage1.read_bytes():
        fail("image size or MBR wrong")
    d = img[SECTOR:9 * SECTOR]
    magic, version, count, s2lba, s2sec, crc = struct.unpack_from("<IHHIII", d, 0)
    zeroed = d[:16] + bytes(4) + d[20:]
    if (magic, version, count, s2lba) != (0x4B44484B, 3, 3, 9) or crc32c(zeroed) != crc:
        fail(f"directory header {magic:#x} {version} {count} {s2lba} {s2sec}")
    # what stage 1 checks before it jumps: the CRC of stage 2's sectors as
    # it loads them (zero-padded); and the disk size the loader bounds by
    disk_sectors, s2crc = struct.unpack_from("<II", d, 20)
    stage2 = img[s2lba * SECTOR:(s2lba + s2sec) * SECTOR]
    if stage2[:len(inp.stage2.read_bytes())] != inp.stage2.read_bytes() or crc32c(stage2) != s2crc:
        fail(f"stage 2 CRC {s2crc:#x} does not cover its {s2sec} sectors")
    if disk_sectors * SECTOR != len(img):
        fail(f"directory disk_sectors {disk_sectors} for an image of {len(img)} bytes")
    expected = [("kernel", "", inp.kernel), ("hello", "console", inp.prog),
                ("world", "console,ipc", inp.kernel)]
    lba = s2lba + s2sec
    for i, (name, caps, path) in enumerate(expected):
        e = d[32 + 144 * i:32 + 144 * (i + 1)]
        data = path.read_bytes()
        got = (e[:16].rstrip(b"\0").decode(), e[16:128].rstrip(b"\0").decode())
        kind, elba, size, fcrc = struct.unpack_from("<IIII", e, 128)
        if got != (name, caps) or (elba, size, fcrc) != (lba, len(data), crc32c(data)):
            fail(f"entry {i}: {got} lba={elba} size={size}")
        if img[elba * SECTOR:elba * SECTOR + size] != data:
            fail(f"{name}: bytes on the image differ")
        lba += (size + SECTOR - 1) // SECTOR
    listing = subprocess.run([str(inp.mkdisk), "--list", str(out)], capture_output=True, text=True)
    if listing.returncode or "world" not in listing.stdout or "console,ipc" not in listing.stdout:
        fail(f"--list: {listing.stdout} {listing.stderr}")


def check_rejections(inp):
    many = "".join(f"p{i} console\n" for i in range(17))
    cases = {
        "long name": ("abcdefghijklmnop console\n", ["abcdefghijklmnop=" + str(inp.prog)]),
        "bad name": ("he/llo console\n", [f"he/llo={inp.prog}"]),
        "long caps": ("hello " + "c" * 112 + "\n", [f"hello={inp.prog}"]),
        "missing --program": ("hello console\n", []),
        "unlisted --program": ("hello console\n", [f"hello={inp.prog}", f"other={inp.prog}"]),
        "duplicate": ("hello console\nhello console\n", [f"hello={inp.prog}"]),
        "too many programs": (many, [f"p{i}={inp.prog}" for i in range(17)]),
        "extra words": ("hello console extra\n", [f"hello={inp.prog}"]),
    }
    for what, (manifest, programs) in cases.items():
        expect_refusal(inp, what, inp.run(manifest, programs))
    expect_refusal(inp, "short stage1", inp.run(stage1=inp.prog))
    expect_refusal(inp, "huge stage2", inp.run(stage2=inp.write("big.bin", bytes(0x50001))))
    expect_refusal(inp, "kernel not ELF", inp.run(kernel=inp.stage2))


def expect_refusal(inp, what, result):
    r, out = result
    if r.returncode == 0 or "mkdisk: error" not in r.stderr and "usage" not in r.stderr:
        fail(f"{what}: accepted (exit {r.returncode}) {r.stderr}")
    if out.exists():
        fail(f"{what}: left an output file behind")


def main():
    build = Path(sys.argv[1]).resolve()
    inp = Inputs(build / "qemu-tests" / "mkdisk", build / "bin" / "mkdisk")
    check_good_image(inp)
    check_rejections(inp)
    print("PASS mkdisk")


main()
