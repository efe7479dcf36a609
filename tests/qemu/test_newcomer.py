"""What a newcomer runs in the first hour (issue "a newcomer's first hour"),
on a running system, through QMP and the scripts as a person calls them.
Guest lines are matched as docs/log-lines.md states them.

  hotplug      scripts/hotplug never lets QEMU abort: a bochs-display re-added
               after a removal lands on another port (QEMU 7.2 keeps the
               removed one's RAMBlock), the old port is refused for bochs;
               what no port window can place (bochs 16M, ivshmem 1G) and a
               size without a unit are refused before QEMU sees them; every
               refusal and QMP failure is one line; hot-plug lines name the
               port's slot (slot=<n> of rp<n>)
  run          a second scripts/run on the same store (or QMP socket) is
               refused before it can touch the first one's socket; bootcfg set
               warns while QEMU holds the store and leaves a log record;
               scripts/hotplug names a stopped QEMU at once; --fresh-store;
               a QEMU start-up error is shown and exits 3, a timeout 1; the
               --help --until example matches a real boot line
  interactive  --log FILE in interactive mode (on a pseudo-terminal) writes
               the serial to FILE; Ctrl-A x quits
  gdb          scripts/run --gdb=PORT says what it waits for; scripts/gdb
               stops in kernel_main and in a user program's main
"""

import os
import re
import select
import signal
import socket
import subprocess
import sys
import time

from harness import Test, check, khqemu, BOOT_TIMEOUT

SCRIPTS = khqemu.REPO / "scripts"
WATCH_RE = r"devdisc: hotplug watching"       # docs/log-lines.md, devdisc


def script(t, name, *args, want=None, timeout=90, **kw):
    env = dict(os.environ, KH_BUILD_DIR=str(t.build_dir))
    r = subprocess.run([sys.executable, str(SCRIPTS / name), *map(str, args)],
                       capture_output=True, text=True, timeout=timeout, env=env, **kw)
    if want is not None:
        check(r.returncode == want, f"{name} {' '.join(map(str, args))}: exit "
              f"{r.returncode} (want {want}): {r.stdout[-800:]} {r.stderr[-800:]}")
    return r


def hotplug(t, m, *args, want=0):
    r = script(t, "hotplug", "--qmp", m.opts.qmp, *args, want=want)
    if want:
        check(len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr,
              f"hotplug {' '.join(args)}: not one line: {r.stderr}")
    return r.stdout + r.stderr


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---- hotplug ----------------------------------------------------------------

def case_hotplug(t):
    with t.machine(t.image(), t.store()) as m:
        m.wait_for(WATCH_RE, BOOT_TIMEOUT)
        out = hotplug(t, m, "add", "bochs", "4M")
        check("id=bochs0 kind=bochs size=4M port=rp0" in out, out)
        m.wait_for(r"devdisc: hotplug slot=0 event=arrived port=00:10\.0 ", 30)
        m.wait_for(r"devdisc: mapped dev=01:00\.0 ", 30)
        out = hotplug(t, m, "del", "bochs0")
        check("removed id=bochs0" in out, out)
        m.wait_for(r"devdisc: hotplug slot=0 event=gone ", 30)
        # the same request again: QEMU would abort on rp0; the script moves on
        out = hotplug(t, m, "add", "bochs", "4M")
        check("kind=bochs size=4M port=rp1" in out, out)
        m.wait_for(r"devdisc: hotplug slot=1 event=arrived port=00:11\.0 ", 30)
        out = hotplug(t, m, "add", "bochs", "4M", "--port", "rp0", want=2)
        check("video memory of a removed bochs-display" in out, out)
        out = hotplug(t, m, "list")
        check("(rp0 takes no bochs" in out, out)
        refusals(t, m)
        # ivshmem is not affected by the bochs leftover: rp0 takes it
        out = hotplug(t, m, "add", "ivshmem", "4M", "--port", "rp0")
        check("port=rp0" in out, out)
        check(m.running(), f"QEMU died: {m.stderr}")


def refusals(t, m):
    """Refused before QEMU sees them, each saying what to do instead."""
    for args, says in ((("bochs", "16M"), "largest that does: 4M"),
                       (("ivshmem", "1G"), "largest that does: 512M"),
                       (("ivshmem", "256"), "write 256M"),
                       (("ivshmem", "3M"), "not a power of two")):
        out = hotplug(t, m, "add", *args, want=2)
        check(says in out, f"add {' '.join(args)}: {out}")
    out = hotplug(t, m, "del", "nosuch", want=2)
    check("scripts/hotplug list" in out, out)


# ---- run --------------------------------------------------------------------

def case_run(t):
    store = t.store()
    qmp = str(t.dir / "qmp.sock")
    with t.machine(t.image(), store, qmp=qmp, pidfile=qmp + ".pid") as m:
        m.wait_for(WATCH_RE, BOOT_TIMEOUT)
        second_run(t, store, qmp)
        check("rp0: free" in hotplug(t, m, "list"), "the first system lost its QMP socket")
        r = subprocess.run([str(t.bootcfg), "set", str(store), "headroom=8192"],
                           capture_output=True, text=True)
        check(r.returncode == 0 and "is locked by another program" in r.stderr,
              f"bootcfg set under QEMU: {r.returncode} {r.stderr}")
        stopped(t, m)
    recs = t.tool("log", store).splitlines()
    check(len(recs) == 2 and " manual " in recs[1], f"no record of the hand change: {recs}")
    fresh(t, store)
    startup_error(t)
    help_example(t)


def second_run(t, store, qmp):
    for args in (["--store", store], ["--store", t.store("other.img"), "--qmp", qmp]):
        r = script(t, "run", "--no-build", "--headless", "--timeout", "20", *args, want=4)
        check("in use by another QEMU" in r.stderr or "belongs to another running" in r.stderr,
              r.stderr)


def stopped(t, m):
    """A QEMU stopped by job control (state T): named at once, no 30 s hang."""
    os.kill(m.proc.pid, signal.SIGSTOP)
    try:
        began = time.monotonic()
        out = hotplug(t, m, "list", want=1)
        check("is stopped (state T)" in out and time.monotonic() - began < 10, out)
    finally:
        os.kill(m.proc.pid, signal.SIGCONT)


def fresh(t, store):
    r = script(t, "run", "--no-build", "--fresh-store", "--store", store,
               "--until", r"boot: config slot=", "--timeout", "60", want=0)
    check(re.search(r"boot: config slot=A generation=1 reason=only-valid", r.stdout),
          f"--fresh-store did not boot on a new store: {r.stdout[-500:]}")
    old = store.with_name(store.name + ".old")
    check(old.exists() and len(t.tool("log", old).splitlines()) == 2, "old store not kept")


def startup_error(t):
    r = script(t, "run", "--no-build", "--headless", "--store", t.store("err.img"),
               "--timeout", "30", "--", "-device", "no-such-device", want=3)
    check("no-such-device" in r.stderr and "QEMU exited with status 1" in r.stderr, r.stderr)
    r = script(t, "run", "--no-build", "--headless", "--store", t.store("slow.img"),
               "--timeout", "2", want=1)
    check("run: timeout" in r.stderr, r.stderr)


def help_example(t):
    """The --until pattern of --help's x86_64 example matches a real boot."""
    r = script(t, "run", "--help", want=0)
    pattern = re.search(r"--headless --until '([^']+)'", r.stdout)
    check(pattern, "no --until example in --help")
    script(t, "run", "--no-build", "--store", t.store("help.img"), "--until",
           pattern.group(1), "--timeout", "60", want=0)


# ---- interactive --------------------------------------------------------------

def case_interactive(t):
    log = t.dir / "serial.txt"
    log.unlink(missing_ok=True)
    master, slave = os.openpty()
    env = dict(os.environ, KH_BUILD_DIR=str(t.build_dir))
    proc = subprocess.Popen([sys.executable, str(SCRIPTS / "run"), "--no-build",
                             "--store", t.store(), "--qmp", str(t.dir / "qmp.sock"),
                             "--log", log], stdin=slave, stdout=slave, stderr=slave,
                            env=env, start_new_session=True)
    os.close(slave)
    try:
        seen = read_until(master, b"devdisc: settled", BOOT_TIMEOUT)
        check(b"serial also written to" in seen, f"no --log notice: {seen[-300:]!r}")
        os.write(master, b"\x01x")                     # Ctrl-A x: quit
        proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    text = log.read_text(errors="replace") if log.exists() else ""
    check("kernel: heap fixed" in text and "devdisc: settled" in text,
          f"--log file lacks the serial lines: {text[-300:]!r}")


def read_until(fd, needle, timeout):
    got, deadline = b"", time.monotonic() + timeout
    while needle not in got:
        left = deadline - time.monotonic()
        check(left > 0, f"no {needle!r} on the terminal: {got[-400:]!r}")
        if select.select([fd], [], [], left)[0]:
            try:
                got += os.read(fd, 65536)
            except OSError:
                break
    return got


# ---- gdb ----------------------------------------------------------------------

def case_gdb(t):
    port = free_port()
    env = dict(os.environ, KH_BUILD_DIR=str(t.build_dir))
    run = subprocess.Popen([sys.executable, str(SCRIPTS / "run"), "--no-build", "--headless",
                            f"--gdb={port}", "--store", t.store(), "--until",
                            "hello: from user space", "--timeout", "90"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = run.stderr.readline()
        check(f"waiting for gdb on localhost:{port}" in line and "scripts/gdb" in line, line)
        r = script(t, "gdb", "--port", port, "--program", "hello", "--batch",
                   "-ex", "hbreak kernel_main", "-ex", "continue", "-ex", "info symbol $pc",
                   "-ex", "delete", "-ex", "hbreak main", "-ex", "continue",
                   "-ex", "info symbol $pc", "-ex", "detach", want=0, timeout=120)
        check("kernel_main in section .text" in r.stdout, f"kernel: {r.stdout[-800:]}")
        check(re.search(r"main in section \.text of \S*hello\.elf", r.stdout),
              f"hello's main: {r.stdout[-800:]}")
        out, _ = run.communicate(timeout=90)
        check(run.returncode == 0 and "hello: from user space" in out,
              f"the system did not go on after gdb detached: {run.returncode}")
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()


CASES = {"hotplug": case_hotplug, "run": case_run, "interactive": case_interactive,
         "gdb": case_gdb}


def body(t, case):
    CASES[case](t)


if __name__ == "__main__":
    Test("qemu_newcomer").run(body)
