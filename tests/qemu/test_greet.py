"""The greet image (docs/programs.md): greet starts with exactly its
manifest grants, says hello and exits 0."""

from harness import Test, check, BOOT_TIMEOUT


def body(t):
    with t.machine(t.image("greet"), t.store()) as m:
        m.wait_for(r"kernel: process greet pid=\d+ caps=console$", BOOT_TIMEOUT)
        m.wait_for(r"^greet: hello from pid=\d+$", BOOT_TIMEOUT)
        _, ex = m.wait_for(r"kernel: exit pid=\d+ name=greet status=(\S+)", BOOT_TIMEOUT)
        check(ex.group(1) == "0", f"greet exited {ex.group(1)}")


Test("qemu_greet").run(body)
