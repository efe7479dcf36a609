"""The loader refuses a bad kernel: each case builds a boot disk with
mkdisk from the real stages and a damaged copy of the real kernel, and
expects one clear `boot: error kernel ...` line (or the directory's, for
damage on the disk), a halt, and no jump to the kernel.

  machine      e_machine is not x86_64
  phdr-bounds  program headers outside the file
  low-paddr    a PT_LOAD below 1 MiB (loader memory)
  staging      a PT_LOAD over the staged files and boot-info (4 MiB)
  beyond-ram   a PT_LOAD above the 512 MiB of RAM
  disk-crc     one byte of the kernel flipped on the disk image

Damage to the disk image itself (every loader stage checked; the line
names the stage or the file):

  stage2-crc   one byte of stage 2 flipped: stage 1 refuses to jump
  dir-crc      one byte of the directory flipped: nothing is staged
  truncated    the default image cut inside its last file (devdisc; not
               below one cylinder, 1008 sectors: SeaBIOS itself cannot
               boot less): the directory's size is more than the disk's
  lba          a program's LBA past the end of the disk (CRC fixed up)
"""

import struct
import subprocess

from harness import Test, check, crc32c, BOOT_TIMEOUT

VBASE = 0xFFFFFFFF80000000
PT_LOAD = 1


def first_load(elf):
    phoff, = struct.unpack_from("<Q", elf, 32)
    phentsize, phnum = struct.unpack_from("<HH", elf, 54)
    for i in range(phnum):
        off = phoff + i * phentsize
        if struct.unpack_from("<I", elf, off)[0] == PT_LOAD:
            return off
    raise AssertionError("kernel has no PT_LOAD")


def move_first_load(elf, paddr):
    off = first_load(elf)
    struct.pack_into("<QQ", elf, off + 16, VBASE + paddr, paddr)   # p_vaddr, p_paddr


CASES = {
    "machine": (lambda e: struct.pack_into("<H", e, 18, 3),
                r"boot: error kernel: machine is not x86_64 \(wrong-type\)"),
    "phdr-bounds": (lambda e: struct.pack_into("<Q", e, 32, len(e) - 8),
                    r"boot: error kernel: program headers outside the file"),
    "low-paddr": (lambda e: move_first_load(e, 0x8000),
                  r"boot: error kernel: segment below 1 MiB"),
    "staging": (lambda e: move_first_load(e, 0x400000),
                r"boot: error kernel: segment overlaps the staged files"),
    "beyond-ram": (lambda e: move_first_load(e, 0x40000000),
                   r"boot: error kernel: segment not inside usable E820 RAM"),
    "disk-crc": (None, r"boot: error disk kernel: file checksum mismatch"),
    "stage2-crc": (None, r"boot: error stage1: stage 2 crc mismatch"),
    "dir-crc": (None, r"boot: error disk: directory checksum mismatch \(bad-checksum\)"),
    "truncated": (None, r"boot: error disk: disk shorter than its directory says"),
    "lba": (None, r"boot: error disk \S+: file outside the disk"),
}

SECTOR = 512
DIR = SECTOR            # the directory at LBA 1 (lib/include/diskdir.h)
DIR_BYTES = 8 * SECTOR
ENTRIES = DIR + 32
ENTRY_BYTES = 144
CYLINDER = 1008 * SECTOR  # 16 heads x 63 sectors: the least SeaBIOS boots


def fix_dir_crc(data):
    struct.pack_into("<I", data, DIR + 16, 0)
    struct.pack_into("<I", data, DIR + 16, crc32c(bytes(data[DIR:DIR + DIR_BYTES])))


def damage_disk(case, data):
    """The image bytes after the damage of `case`."""
    count, = struct.unpack_from("<H", data, DIR + 6)
    last = ENTRIES + (count - 1) * ENTRY_BYTES
    lba, size = struct.unpack_from("<II", data, last + 132)
    if case == "stage2-crc":
        data[9 * SECTOR + 1000] ^= 0x01
    elif case == "dir-crc":
        data[last + 1] ^= 0x01                     # a byte of the last name
    elif case == "truncated":
        check((lba + 1) * SECTOR >= CYLINDER, "the last file starts inside the first cylinder")
        del data[(lba + 1) * SECTOR:]
    elif case == "lba":
        struct.pack_into("<I", data, last + 132, len(data) // SECTOR + 1)
        fix_dir_crc(data)
    return data


def make_image(t, damage):
    stages = t.build_dir / "x86_64" / "bootloader"
    kernel = t.build_dir / "x86_64" / "kernel" / "kernel.elf"
    check(kernel.exists(), f"{kernel} missing")
    elf = bytearray(kernel.read_bytes())
    if damage:
        damage(elf)
    bad = t.dir / "kernel.elf"
    bad.write_bytes(bytes(elf))
    image = t.dir / "disk.img"
    subprocess.run([str(t.build_dir / "bin" / "mkdisk"), "--out", str(image),
                    "--stage1", str(stages / "stage1.bin"), "--stage2", str(stages / "stage2.bin"),
                    "--kernel", str(bad)], check=True)
    return image


def flip_kernel_byte(t, image):
    listing = subprocess.run([str(t.build_dir / "bin" / "mkdisk"), "--list", str(image)],
                             check=True, capture_output=True, text=True).stdout
    lba = int(next(w for line in listing.splitlines() if line.startswith("kernel")
                   for w in line.split() if w.startswith("lba="))[4:])
    data = bytearray(image.read_bytes())
    data[lba * 512 + 100] ^= 0x01
    image.write_bytes(bytes(data))


def body(t, case):
    damage, expected = CASES[case]
    image = make_image(t, damage)
    if case == "disk-crc":
        flip_kernel_byte(t, image)
    elif case in ("stage2-crc", "dir-crc", "truncated", "lba"):
        source = t.image() if case == "truncated" else image
        image.write_bytes(bytes(damage_disk(case, bytearray(source.read_bytes()))))
    with t.machine(image, t.store()) as m:
        i, _ = m.wait_for(r"boot: error ", BOOT_TIMEOUT)
        check(m.matching(expected), f"expected {expected!r}, got {m.lines[i]!r}")
        check(len(m.matching(r"boot: error ")) == 1, "more than one error line")
        if case != "stage2-crc":             # stage 1 halts without a word more
            m.wait_for(r"boot: halted", BOOT_TIMEOUT, start=i)
        check(not m.matching(r"boot: entering kernel|^kernel: "), "the loader jumped anyway")


Test("qemu_badimage").run(body)
