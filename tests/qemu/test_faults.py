"""The fault image: each faulting program is killed with one
`kernel: fault` line of the right cause and address, and the kernel goes on
to run the next program (hello, listed last in the faults manifest)."""

from harness import Test, check, key_values, BOOT_TIMEOUT

USER_TOP = 0x0000800000000000

# program -> (cause, is the address a kernel address?)
EXPECTED = {
    "fault_kaddr": ("page-fault", True),          # reads the kernel image
    "fault_priv": ("general-protection", False),  # hlt in ring 3: at its rip
    "fault_div0": ("divide-error", False),        # at its rip
}


def body(t):
    with t.machine(t.image("faults"), t.store()) as m:
        last = 0
        for name, (cause, kernel_addr) in EXPECTED.items():
            i, _ = m.wait_for(rf"kernel: process {name} pid=\d+", BOOT_TIMEOUT, start=last)
            last, line = m.wait_for(rf"kernel: fault pid=\d+ name={name} ", BOOT_TIMEOUT, start=i)
            kv = key_values(line.string)
            check(kv.get("cause") == cause, f"{name}: cause {kv.get('cause')}, want {cause}")
            addr = int(kv.get("addr", "-1"), 16)
            check((addr >= USER_TOP) == kernel_addr, f"{name}: addr {addr:#x} on the wrong side")
            check(not m.matching(rf"^{name}: .*NOT STOPPED"), f"{name} ran past its fault")
        m.wait_for(r"kernel: process hello pid=\d+", BOOT_TIMEOUT, start=last)
        m.wait_for(r"^hello: ", BOOT_TIMEOUT, start=last)
        for name in EXPECTED:
            faults = m.matching(rf"kernel: fault pid=\d+ name={name} ")
            check(len(faults) == 1, f"{name}: {len(faults)} fault lines, want exactly 1")


Test("qemu_faults").run(body)
