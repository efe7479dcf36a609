#!/usr/bin/env python3
"""check_layout - the source tree's boundaries, checked from the real build.

Reads every compile_commands.json under a build directory (the host build
and the x86_64 and ColdFire sub-builds), resolves each `#include "..."`
exactly as the compiler does (the including file's folder, then the -I and
-iquote folders of the translation unit, in order), and fails when

  - a file includes across a forbidden boundary (RULES below: the generic
    kernel reaching into an arch folder, a pure devdisc core calling the user
    runtime, lib/ depending on the kernel or user space, ...);
  - a translation unit's include path holds a folder its room must not see
    (FORBIDDEN_PATHS: no arch folder on the generic kernel's path);
  - project headers include each other in a cycle (as seL4's
    circular_includes.py rejects);
  - an include cannot be found in the project although the compiler built
    the file (it would then come from outside the tree).

Usage: check_layout.py BUILD_DIR [SOURCE_DIR]
       check_layout.py --self-test
Prints one line per finding (`layout: ...`) and `layout: ok files=<n>
edges=<n>` when clean; exit 1 on any finding.  docs/source-tree.md explains
the rooms and why each rule exists.
"""

import fnmatch
import json
import os
import re
import shlex
import sys
import tempfile
from pathlib import Path

INCLUDE_RE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)

# (room, the files it holds, what they must not include, why).  Globs are
# relative to the source tree; the first room whose glob matches a file is
# its room, so narrower rooms come first.
RULES = [
    ("devdisc-core", ["userland/devdisc/pci/*", "userland/devdisc/pcihp/*",
                      "userland/devdisc/fdt/*", "userland/devdisc/line/*"],
     ["userland/include/*", "userland/lib/*", "kernel/*", "userland/devdisc/daemon/*",
      "userland/storewriter/*", "userland/spacebank/*"],
     "the bus walkers are pure and host-tested: no system calls, no daemon"),
    ("uapi", ["kernel/uapi/*"],
     ["kernel/*", "arch/*", "hal/*", "userland/*", "bootloader/*"],
     "the user ABI stands alone (it may use lib/include only)"),
    ("kernel", ["kernel/*"],
     ["arch/*", "userland/*", "bootloader/*", "tools/*"],
     "the generic kernel reaches its port only through hal/*.h"),
    ("hal", ["hal/*"],
     ["arch/*", "kernel/*", "userland/*", "bootloader/*"],
     "hal/ is the contract between kernel and port, not either side"),
    ("arch", ["arch/*"],
     ["userland/*", "bootloader/*", "tools/*"],
     "a port is kernel code: it knows nothing of user space or the loader"),
    ("lib", ["lib/*"],
     ["kernel/*", "arch/*", "hal/*", "userland/*", "bootloader/*", "tools/*"],
     "lib/ is shared by everyone, so it depends on no one"),
    ("bootloader", ["bootloader/*"],
     ["kernel/*", "arch/*", "userland/*", "tools/*"],
     "the loader shares only lib/ with the kernel"),
    ("drivers", ["userland/drivers/*"],
     ["kernel/[!u]*", "kernel/u[!a]*", "arch/*", "hal/*", "bootloader/*", "tools/*",
      "userland/devdisc/daemon/*", "userland/spacebank/*"],
     "a driver holds only what devdisc hands it: the runtime, the protocol, "
     "its device's library; nothing of devdisc's daemon"),
    ("storewriter", ["userland/storewriter/*"],
     ["kernel/[!u]*", "kernel/u[!a]*", "arch/*", "hal/*", "bootloader/*", "tools/*",
      "userland/devdisc/daemon/*", "userland/drivers/*", "userland/spacebank/*"],
     "the store writer's library serves the driver and its managers alike"),
    ("devdisc-daemon", ["userland/devdisc/daemon/*"],
     ["kernel/[!u]*", "kernel/u[!a]*", "arch/*", "hal/*", "bootloader/*", "tools/*",
      "userland/drivers/*", "userland/spacebank/spacebank.c"],
     "devdisc talks to its drivers over IPC, never by linking their code"),
    ("userland", ["userland/*"],
     ["kernel/[!u]*", "kernel/u[!a]*", "arch/*", "hal/*", "bootloader/*", "tools/*"],
     "user programs see the kernel only through kernel/uapi"),
    ("guest-tests", ["tests/guest/*"],
     ["kernel/[!u]*", "kernel/u[!a]*", "arch/*", "hal/*", "bootloader/*", "tools/*",
      "userland/devdisc/daemon/*", "userland/spacebank/spacebank.c"],
     "test programs are user programs: the runtime and kernel/uapi only"),
    ("tools-fdt", ["tools/fdtcheck/*"],
     ["kernel/*", "arch/*", "hal/*", "userland/include/*", "userland/lib/*",
      "userland/devdisc/daemon/*", "userland/devdisc/pci/*", "userland/devdisc/pcihp/*",
      "userland/storewriter/*", "userland/spacebank/*", "bootloader/*"],
     "fdtcheck runs devdisc's pure FDT walker (the guest's own check) on the host; "
     "nothing else of userland"),
    ("tools", ["tools/*"],
     ["kernel/*", "arch/*", "hal/*", "userland/*", "bootloader/*"],
     "host tools use the shared codecs in lib/ only"),
]

# A room whose translation units must not have these folders on their
# include path at all (so a forbidden include cannot even compile).
FORBIDDEN_PATHS = [
    ("kernel", ["arch", "arch/*"]),
    ("lib", ["kernel", "kernel/*", "arch", "arch/*", "userland", "userland/*"]),
]


def room_of(rel):
    for name, globs, _, _ in RULES:
        if any(fnmatch.fnmatchcase(rel, g) for g in globs):
            return name
    return None


def rule_of(room):
    for name, _, forbidden, why in RULES:
        if name == room:
            return forbidden, why
    return [], ""


def include_dirs(command, directory):
    """-I, -iquote and -isystem folders of one compile command, in order."""
    args = command.get("arguments") or shlex.split(command["command"])
    dirs, i = [], 0
    while i < len(args):
        a = args[i]
        for flag in ("-I", "-iquote", "-isystem"):
            if a == flag and i + 1 < len(args):
                dirs.append(args[i + 1])
                i += 1
            elif a.startswith(flag) and a != flag:
                dirs.append(a[len(flag):])
        i += 1
    return [Path(directory, d).resolve() for d in dirs]


class Graph:
    def __init__(self, src):
        self.src = src.resolve()
        self.edges = {}          # file -> set of included project files
        self.findings = []
        self.visited = set()     # (file, include path) already scanned
        self.bad_paths = {}      # (room, folder) -> translation units
        self.files = 0

    def rel(self, path):
        try:
            return str(path.relative_to(self.src))
        except ValueError:
            return None

    def resolve(self, name, here, dirs):
        for d in [here] + dirs:
            p = (d / name).resolve()
            if p.is_file():
                return p
        return None

    def scan(self, path, dirs):
        """Follows the includes of path (and of what it includes)."""
        stack, key = [path], tuple(dirs)
        while stack:
            f = stack.pop()
            if (f, key) in self.visited:
                continue              # a header resolves per include path
            self.visited.add((f, key))
            self.edges.setdefault(f, set())
            text = f.read_text(errors="replace")
            for name in INCLUDE_RE.findall(text):
                target = self.resolve(name, f.parent, dirs)
                if target is None:
                    continue          # a system header given with quotes, or guarded out
                if self.rel(target) is None:
                    continue          # outside the tree (libfdt, musl, cmocka)
                self.edges[f].add(target)
                self.check_edge(f, target, name)
                stack.append(target)

    def check_edge(self, f, target, name):
        src_rel, dst_rel = self.rel(f), self.rel(target)
        if src_rel is None:
            return
        room = room_of(src_rel)
        forbidden, why = rule_of(room)
        if any(fnmatch.fnmatchcase(dst_rel, g) for g in forbidden):
            self.findings.append(
                f"layout: forbidden include {src_rel} -> {dst_rel} "
                f"(#include \"{name}\"; room={room}: {why})")

    def check_paths(self, tu, dirs):
        room = room_of(self.rel(tu) or "")
        for r, globs in FORBIDDEN_PATHS:
            if r != room:
                continue
            for d in dirs:
                drel = self.rel(d)
                if drel and any(fnmatch.fnmatchcase(drel, g) for g in globs):
                    self.bad_paths.setdefault((room, drel), set()).add(self.rel(tu))

    def report_paths(self):
        """One finding per (room, folder), naming how many files and one."""
        for (room, drel), tus in sorted(self.bad_paths.items()):
            self.findings.append(
                f"layout: include path of {len(tus)} {room} file(s) holds {drel} "
                f"(e.g. {min(tus)}; room={room} must not see it)")

    def cycles(self):
        """Strongly connected components of the header graph (Tarjan)."""
        index, low, on, stack, out = {}, {}, set(), [], []
        counter = [0]

        def visit(v):
            index[v] = low[v] = counter[0]
            counter[0] += 1
            stack.append(v)
            on.add(v)
            for w in self.edges.get(v, ()):
                if w not in index:
                    visit(w)
                    low[v] = min(low[v], low[w])
                elif w in on:
                    low[v] = min(low[v], index[w])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1 or v in self.edges.get(v, ()):
                    out.append(sorted(self.rel(c) for c in comp))

        sys.setrecursionlimit(10000)
        for v in list(self.edges):
            if v not in index:
                visit(v)
        for comp in out:
            self.findings.append("layout: include cycle " + " -> ".join(comp + comp[:1]))


def check(build, src):
    g = Graph(src)
    dbs = sorted(Path(build).rglob("compile_commands.json"))
    if not dbs:
        print(f"layout: no compile_commands.json under {build} (configure with "
              "CMAKE_EXPORT_COMPILE_COMMANDS)")
        return 1
    seen = set()
    for db in dbs:
        for cmd in json.loads(db.read_text()):
            tu = Path(cmd["directory"], cmd["file"]).resolve()
            if g.rel(tu) is None:
                continue              # generated or extracted (libfdt)
            dirs = include_dirs(cmd, cmd["directory"])
            g.check_paths(tu, dirs)
            if (tu, tuple(dirs)) in seen:
                continue
            seen.add((tu, tuple(dirs)))
            g.files += 1
            g.scan(tu, dirs)
    g.report_paths()
    g.cycles()
    for line in sorted(set(g.findings)):
        print(line)
    if g.findings:
        print(f"layout: FAILED findings={len(set(g.findings))}")
        return 1
    edges = sum(len(v) for v in g.edges.values())
    print(f"layout: ok files={g.files} edges={edges} databases={len(dbs)}")
    return 0


def self_test():
    """The checker must catch a forbidden include, a forbidden include path
    and a cycle in a small tree it builds itself, and pass a clean one."""
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        files = {
            "kernel/a.c": '#include "a.h"\n',
            "kernel/a.h": '#include "hal/h.h"\n',
            "hal/h.h": "\n",
            "arch/x/x.h": "\n",
            "lib/l.h": '#include "m.h"\n',
            "lib/m.h": "\n",
        }
        for name, text in files.items():
            (t / name).parent.mkdir(parents=True, exist_ok=True)
            (t / name).write_text(text)
        db = [{"directory": str(t), "file": "kernel/a.c",
               "arguments": ["cc", "-I", str(t), "-I", str(t / "kernel"), "-c", "kernel/a.c"]},
              {"directory": str(t), "file": "lib/l.h",
               "arguments": ["cc", "-I", str(t / "lib"), "-c", "lib/l.h"]}]
        (t / "build").mkdir()
        (t / "build/compile_commands.json").write_text(json.dumps(db))
        results = {"clean": check(t / "build", t)}
        (t / "kernel/a.h").write_text('#include "hal/h.h"\n#include "arch/x/x.h"\n')
        results["forbidden"] = check(t / "build", t)
        (t / "kernel/a.h").write_text('#include "hal/h.h"\n')
        (t / "lib/m.h").write_text('#include "l.h"\n')
        results["cycle"] = check(t / "build", t)
        (t / "lib/m.h").write_text("\n")
        db[0]["arguments"] += ["-I", str(t / "arch/x")]
        (t / "build/compile_commands.json").write_text(json.dumps(db))
        results["path"] = check(t / "build", t)
    want = {"clean": 0, "forbidden": 1, "cycle": 1, "path": 1}
    if results != want:
        print(f"layout: self-test FAILED got={results} want={want}")
        return 1
    print("layout: self-test ok cases=4")
    return 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    if len(argv) not in (2, 3):
        print("usage: check_layout.py BUILD_DIR [SOURCE_DIR] | --self-test")
        return 2
    src = Path(argv[2]) if len(argv) == 3 else Path(__file__).resolve().parents[2]
    return check(Path(argv[1]), src)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
