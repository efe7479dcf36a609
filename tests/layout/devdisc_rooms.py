#!/usr/bin/env python3
"""devdisc_rooms.py - the boundaries of userland/devdisc/ that the build
checks (docs/devdisc.md, "Where the code is"):

  - each pure room (pci/, pcihp/, fdt/, line/) includes only the C
    library's freestanding headers, lib/include, its own headers and the
    rooms it may use; never the user runtime, the daemon, or a path
    with "../" in it;
  - every non-static function a room defines carries the room's prefix;
  - the quoted includes of devdisc's files form no cycle, and neither do
    the calls between its .c files (a function defined by two files is a
    backend interface: a call to it is an edge to each);
  - userland/devdisc/ holds at most 10 entries at its top level.

Usage: devdisc_rooms.py SOURCE_DIR.  The tree-wide boundaries between
rooms are check_layout.py's; this adds what only devdisc has.  Prints one line per fault and exits
1 if there is any, else prints `layout ok` and exits 0.
"""
import os
import re
import sys

ROOMS = {
    # room: (prefix, rooms whose headers it may include)
    "pci": ("pci_", {"line"}),
    "pcihp": ("pcihp_", {"pci", "line"}),
    "fdt": ("fdtw_", {"line"}),
    "line": ("line_", set()),
    "daemon": ("dd_", None),   # None: anything (the in-guest glue)
}
SYSTEM_OK = {"stdint.h", "stddef.h", "stdbool.h", "stdarg.h", "libfdt.h"}
MAX_TOP = 10
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)
DEFINITION = re.compile(r'^(?!static\b)[a-z][\w \t\*]*?\b(\w+)\s*\(([^;{]*)\)\s*\{', re.M)
ANY_DEFINITION = re.compile(r'^[a-z][\w \t\*]*?\b(\w+)\s*\([^;{]*\)\s*\{', re.M)


def room_files(top):
    files = {}
    for room in ROOMS:
        folder = os.path.join(top, room)
        for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
            if name.endswith((".c", ".h")):
                files[name] = (room, os.path.join(folder, name))
    return files


def check_includes(files, lib_headers, faults):
    for name, (room, path) in files.items():
        allowed = ROOMS[room][1]
        for kind, inc in INCLUDE.findall(open(path).read()):
            if allowed is None:
                continue
            if kind == "<":
                if inc not in SYSTEM_OK:
                    faults.append(f"{room}/{name}: includes <{inc}>")
                continue
            if "/" in inc:
                faults.append(f"{room}/{name}: includes \"{inc}\" by path")
            elif inc in files:
                if files[inc][0] != room and files[inc][0] not in allowed:
                    faults.append(f"{room}/{name}: includes {files[inc][0]}/{inc}")
            elif inc not in lib_headers:
                faults.append(f"{room}/{name}: includes \"{inc}\" (not lib/include)")


def check_prefixes(files, faults):
    for name, (room, path) in files.items():
        if not name.endswith(".c"):
            continue
        prefix = ROOMS[room][0]
        for fn, _ in DEFINITION.findall(open(path).read()):
            if fn != "main" and not fn.startswith(prefix):
                faults.append(f"{room}/{name}: {fn}() lacks the prefix {prefix}")


def find_cycle(graph):
    state = {}

    def visit(node, trail):
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return trail[trail.index(nxt):] + [nxt] if nxt in trail else [node, nxt]
            if nxt not in state:
                found = visit(nxt, trail + [nxt])
                if found:
                    return found
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node, [node])
            if found:
                return found
    return None


def include_graph(files):
    return {name: {inc for _, inc in INCLUDE.findall(open(path).read()) if inc in files}
            for name, (_, path) in files.items()}


def call_graph(files):
    defined = {}
    texts = {n: open(p).read() for n, (_, p) in files.items() if n.endswith(".c")}
    for name, text in texts.items():
        for fn in ANY_DEFINITION.findall(text):
            if not re.search(r'^static\b[^\n]*\b' + fn + r'\s*\(', text, re.M):
                defined.setdefault(fn, set()).add(name)
    graph = {}
    for name, text in texts.items():
        graph[name] = set()
        for fn, where in defined.items():
            if name not in where and re.search(r'\b' + fn + r'\s*\(', text):
                graph[name] |= where
    return graph


def main():
    src = sys.argv[1]
    top = os.path.join(src, "userland", "devdisc")
    lib_headers = set(os.listdir(os.path.join(src, "lib", "include")))
    files = room_files(top)
    faults = []
    check_includes(files, lib_headers, faults)
    check_prefixes(files, faults)
    for what, graph in (("include", include_graph(files)), ("call", call_graph(files))):
        cycle = find_cycle(graph)
        if cycle:
            faults.append(f"{what} cycle: " + " -> ".join(cycle))
    entries = [e for e in os.listdir(top) if not e.startswith(".")]
    if len(entries) > MAX_TOP:
        faults.append(f"userland/devdisc/ has {len(entries)} entries (at most {MAX_TOP})")
    for fault in faults:
        print("layout: " + fault)
    if not faults:
        print(f"layout ok: {len(files)} files in {len(ROOMS)} rooms")
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
