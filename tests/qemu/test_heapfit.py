"""No valid-looking blob panics the kernel: a heap that does not fit RAM
is refused in one line and the kernel boots on the other slot or the
defaults, which fit any RAM it supports.  One case per CTest test:

  16M    the smallest machine: defaults, devdisc settles, nothing refused
  32M    the largest pool and headroom the codec accepts (slot B): refused,
  64M    one `boot: config slot=B rejected: heap ... does not fit RAM ...`
  128M   line, the kernel boots on slot A (defaults), devdisc settles
"""

from harness import Test, check, key_values, BOOT_TIMEOUT

LARGEST = ("pool=4194304", "headroom=4194304", "hard_cap=16777216")
REJECT = r"boot: config slot=(\S+) rejected: heap (\d+) does not fit RAM (\d+)"
SETTLED = r"devdisc: settled .*"


def body(t, memory):
    store = t.store()
    if memory != "16M":
        t.tool("set", store, *LARGEST)
    with t.machine(t.image(), store, memory=memory) as m:
        _, heap = m.wait_for(r"kernel: heap fixed .*", BOOT_TIMEOUT)
        m.wait_for(SETTLED, BOOT_TIMEOUT)
        rejected = m.matching(REJECT)
        if memory == "16M":
            check(not rejected, f"a heap was refused on defaults: {rejected}")
        else:
            check(len(rejected) == 1, f"expected one rejection line, got {rejected}")
            line = rejected[0][1]
            slot, heap_bytes, ram = line.group(1, 2, 3)
            check(slot == "B" and int(heap_bytes) > int(ram),
                  f"rejection names slot B with a heap bigger than RAM: {line.group(0)}")
        kv = key_values(heap.group(0))
        check(kv.get("pool") == "8192" and kv.get("headroom") == "16384",
              f"the kernel should boot on the defaults' figures: {heap.group(0)}")
        check(not m.matching(r"kernel: panic"), "kernel panicked")


Test("qemu_heapfit").run(body)
