#!/usr/bin/env python3
"""mkcfimage.py - the ColdFire ROM image QEMU loads with -bios.

loader.bin at offset 0 (vectors first), padded to PAYLOAD_OFFSET, then
the payload the loader reads (layout in loader.h): kernel first, then
the manifest's programs in order, each with its grants.  Files are
stripped (objcopy --strip-all) so that the image stays small.

usage: mkcfimage.py --objcopy OBJCOPY --loader loader.bin --kernel kernel.elf
                    --manifest manifest.txt --program name=path ... [--dtb f]
                    --out image
       mkcfimage.py --from-image image --dtb f --out image
                    the same loader, kernel and programs with another DTB
                    (scripts/run --dtb)
"""
import argparse
import os
import struct
import subprocess
import sys
import tempfile

ROM_BYTES = 0x200000
PAYLOAD_OFFSET = 0x10000
NAME_BYTES = 16
CAPS_BYTES = 112
ENTRY_BYTES = NAME_BYTES + CAPS_BYTES + 8
HEADER_BYTES = 16
MAGIC = b"KHCFIMG1"


def fail(msg):
    sys.exit("mkcfimage: " + msg)


def parse_manifest(path):
    """(name, caps) per line; '#' starts a comment."""
    out = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line or line.startswith("@"):
                continue   # '@dtb <name>': for the build (CMakeLists.txt), not a program
            parts = line.split()
            if len(parts) > 2:
                fail(f"{path}:{n}: want '<name> <caps>'")
            out.append((parts[0], parts[1] if len(parts) == 2 else ""))
    return out


def stripped(objcopy, path):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "f")
        subprocess.run([objcopy, "--strip-all", path, out], check=True)
        with open(out, "rb") as f:
            return f.read()


def field(text, size, what):
    raw = text.encode()
    if len(raw) >= size:
        fail(f"{what} '{text}' is longer than {size - 1} bytes")
    return raw.ljust(size, b"\0")


def build_payload(files):
    """files: [(name, caps, bytes)] -> payload bytes."""
    offset = HEADER_BYTES + ENTRY_BYTES * len(files)
    entries, blobs = b"", b""
    for name, caps, data in files:
        # libfdt wants the DTB 8-byte aligned; the payload starts at a
        # 64 KiB boundary of the ROM, so a payload offset suffices.
        align = 8 if name == "dtb" else 4
        offset = (offset + align - 1) & ~(align - 1)
        blobs = blobs.ljust(offset - HEADER_BYTES - ENTRY_BYTES * len(files), b"\0")
        entries += field(name, NAME_BYTES, "name") + field(caps, CAPS_BYTES, "caps")
        entries += struct.pack(">II", offset, len(data))
        blobs += data
        offset += len(data)
    total = HEADER_BYTES + len(entries) + len(blobs)
    return MAGIC + struct.pack(">II", len(files), total) + entries + blobs


def read_payload(image):
    """An image's (loader, [(name, caps, bytes)]), the inverse of main()."""
    payload = image[PAYLOAD_OFFSET:]
    if payload[:8] != MAGIC:
        fail("not a ColdFire image (no payload magic)")
    count, _ = struct.unpack_from(">II", payload, 8)
    files = []
    for i in range(count):
        at = HEADER_BYTES + i * ENTRY_BYTES
        name = payload[at:at + NAME_BYTES].rstrip(b"\0").decode()
        caps = payload[at + NAME_BYTES:at + NAME_BYTES + CAPS_BYTES].rstrip(b"\0").decode()
        offset, size = struct.unpack_from(">II", payload, at + NAME_BYTES + CAPS_BYTES)
        files.append((name, caps, payload[offset:offset + size]))
    return image[:PAYLOAD_OFFSET], files


def write_image(loader, files, out):
    image = loader.ljust(PAYLOAD_OFFSET, b"\0") + build_payload(files)
    if len(image) > ROM_BYTES:
        fail(f"image is {len(image)} bytes, the ROM holds {ROM_BYTES}")
    with open(out + ".tmp", "wb") as f:
        f.write(image)
    os.replace(out + ".tmp", out)


def replace_dtb(a):
    if not a.dtb:
        fail("--from-image needs --dtb")
    with open(a.from_image, "rb") as f:
        loader, files = read_payload(f.read())
    with open(a.dtb, "rb") as f:
        files = [x for x in files if x[0] != "dtb"] + [("dtb", "", f.read())]
    write_image(loader, files, a.out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--objcopy")
    ap.add_argument("--loader")
    ap.add_argument("--kernel")
    ap.add_argument("--manifest")
    ap.add_argument("--program", action="append", default=[])
    ap.add_argument("--dtb")
    ap.add_argument("--from-image")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    if a.from_image:
        return replace_dtb(a)
    if not (a.objcopy and a.loader and a.kernel and a.manifest):
        fail("--objcopy, --loader, --kernel and --manifest are required")

    paths = dict(p.split("=", 1) for p in a.program)
    with open(a.loader, "rb") as f:
        loader = f.read()
    if len(loader) > PAYLOAD_OFFSET:
        fail(f"loader is {len(loader)} bytes, more than {PAYLOAD_OFFSET}")
    files = [("kernel", "", stripped(a.objcopy, a.kernel))]
    for name, caps in parse_manifest(a.manifest):
        if name not in paths:
            fail(f"no --program for manifest entry {name}")
        files.append((name, caps, stripped(a.objcopy, paths[name])))
    if a.dtb:
        with open(a.dtb, "rb") as f:
            files.append(("dtb", "", f.read()))
    write_image(loader, files, a.out)


if __name__ == "__main__":
    main()
