"""Boots the default image on TCG to the first user program: the loader's
lines, the kernel's process line for the manifest's first program, then
that program's own output."""

from harness import Test, check, key_values, khqemu, BOOT_TIMEOUT


def first_program():
    manifest = khqemu.REPO / "userland" / "manifest-x86_64.txt"
    for line in manifest.read_text().splitlines():
        words = line.split("#", 1)[0].split()
        if words:
            return words[0], words[1] if len(words) > 1 else ""
    raise AssertionError("empty manifest")


def body(t):
    name, caps = first_program()
    with t.machine(t.image(), t.store()) as m:
        _, cfg = m.wait_for(r"boot: config (.*)", BOOT_TIMEOUT)
        kv = key_values(cfg.group(1))
        check(kv.get("slot") == "A" and kv.get("generation") == "1",
              f"fresh store should boot on slot A generation 1: {cfg.group(0)}")
        m.wait_for(r"boot: entering kernel", BOOT_TIMEOUT)
        i, proc = m.wait_for(rf"kernel: process {name} pid=(\d+) caps=(\S*)", BOOT_TIMEOUT)
        check(proc.group(2) == caps, f"caps {proc.group(2)!r}, manifest says {caps!r}")
        m.wait_for(rf"^{name}: ", BOOT_TIMEOUT, start=i + 1)


Test("qemu_boot").run(body)
