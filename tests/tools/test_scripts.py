"""Host checks of the scripts' own logic (no QEMU): what a no-op build
prints through scripts/run (nothing), scripts/hotplug's size parsing and
BAR placement, scripts/fuzz's longer command line.

  python3 test_scripts.py
"""

import importlib.machinery
import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts" / "lib"))
import khqemu  # noqa: E402

failures = []


def check(cond, message):
    if not cond:
        failures.append(message)


def load(name):
    """A script without a .py suffix, imported as a module."""
    loader = importlib.machinery.SourceFileLoader(name, str(REPO / "scripts" / name))
    spec = importlib.util.spec_from_loader(name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


# The lines `cmake --build` prints when nothing changed (this tree, 2026),
# and lines that mean work was done.
NOOP = """[  1%] Built target kh_core
[  1%] Performing build step for 'coldfire'
[ 35%] No install step for 'coldfire'
[ 38%] Completed 'coldfire'
[ 64%] bootcfg fuzz seeds
[ 65%] Performing build step for 'x86_64'
initialised /work/main/build/fuzz/bootcfg-seeds/init.img: slot=A generation=1 pool=8192 headroom=16384
[ 95%] No install step for 'x86_64'
[ 96%] Completed 'x86_64'
[100%] Built target x86_64
-- Configuring done
-- Generating done
-- Build files have been written to: /work/main/build""".splitlines()
WORK = """[ 85%] Building C object tools/bootcfg/CMakeFiles/bootcfg.dir/bootcfg.c.o
[100%] Linking C executable ../../bin/bootcfg
/work/main/kernel/main.c:12:5: warning: unused variable 'x' [-Wunused-variable]
make[2]: *** [Makefile:10: all] Error 2""".splitlines()

for line in NOOP:
    check(khqemu.BUILD_NOISE.search(line), f"no-op build line shown: {line!r}")
for line in WORK:
    check(not khqemu.BUILD_NOISE.search(line), f"build work hidden: {line!r}")

hotplug = load("hotplug")
for text, want in (("4M", 4 << 20), ("256M", 256 << 20), ("1G", 1 << 30), ("64K", 65536),
                   ("256B", 256), ("4MiB", 4 << 20)):
    check(hotplug.parse_size(text) == want, f"parse_size({text!r})")
for text, says in (("256", "no unit"), ("3M", "not a power of two"), ("x", "want a number")):
    try:
        hotplug.parse_size(text)
        failures.append(f"parse_size({text!r}) accepted")
    except hotplug.Refused as e:
        check(says in str(e), f"parse_size({text!r}): {e}")

# rp0 of scripts/run's machine as SeaBIOS programs it
PORT = {"pci_bridge": {"bus": {"secondary": 1,
        "memory_range": {"base": 0xfe200000, "limit": 0xfe9fffff},
        "prefetchable_range": {"base": 0x160000000, "limit": 0x17fffffff}}}}
check(hotplug.fits("bochs", 4 << 20, PORT) and not hotplug.fits("bochs", 8 << 20, PORT),
      "bochs: 4M fits the 8 MiB window, 8M does not")
check(hotplug.fits("ivshmem", 512 << 20, PORT) and not hotplug.fits("ivshmem", 1 << 30, PORT),
      "ivshmem: 512M fits the 512 MiB window, 1G does not")
check(hotplug.largest_fit("bochs", PORT) == 4 << 20, "largest bochs")

fuzz = load("fuzz")
cmd = ["/b/fuzz/x", "-max_total_time=8", "-runs=400000", "-max_len=5200", "corpus"]
check(fuzz.longer(cmd, "60") == ["/b/fuzz/x", "-max_total_time=60", "-max_len=5200", "corpus"],
      f"fuzz.longer: {fuzz.longer(cmd, '60')}")

for f in failures:
    print(f"FAIL: {f}")
print("scripts: all checks passed" if not failures else f"scripts: {len(failures)} failed")
sys.exit(1 if failures else 0)
