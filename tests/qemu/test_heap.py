"""The kernel's fixed heap follows the blob: the heap line's pool and
headroom are the N and H written with `bootcfg set` (values unlike the
defaults, different in each of two boots), and the line's byte count
grows with them."""

from harness import Test, check, key_values, BOOT_TIMEOUT

SETTINGS = [(1234, 777), (5000, 4321)]


def boot_heap(t, pool, headroom):
    store = t.store(f"store-{pool}.img")
    t.tool("set", store, f"pool={pool}", f"headroom={headroom}")
    with t.machine(t.image(), store) as m:
        _, cfg = m.wait_for(r"boot: config slot=.*", BOOT_TIMEOUT)
        check(key_values(cfg.group(0)).get("generation") == "2", f"not the set blob: {cfg.group(0)}")
        _, heap = m.wait_for(r"kernel: heap fixed .*", BOOT_TIMEOUT)
        return key_values(heap.group(0))


def body(t):
    sizes = []
    for pool, headroom in SETTINGS:
        kv = boot_heap(t, pool, headroom)
        check(kv.get("pool") == str(pool), f"pool {kv.get('pool')}, blob says {pool}")
        check(kv.get("headroom") == str(headroom),
              f"headroom {kv.get('headroom')}, blob says {headroom}")
        sizes.append(int(kv["bytes"]))
    check(sizes[1] > sizes[0], f"heap bytes {sizes} did not grow with N + H")


Test("qemu_heap").run(body)
