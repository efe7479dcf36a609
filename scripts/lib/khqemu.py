"""khqemu - the one place that knows how this project starts QEMU.

scripts/run and the QEMU tests (tests/qemu/) both build their command line
here, so what a person runs by hand is what the tests run.  Python 3
standard library only.

  opts = Options(build_dir=..., headless=True)
  build(opts.build_dir)              # configure if needed, build what is stale
  ensure_store(opts)                 # var/bootcfg.img (or --store) exists
  with Machine(opts) as m:           # QEMU running, serial captured
      m.wait_for(r"kernel: process \\S+", timeout=60)
      m.qmp.execute("query-status")
"""

import json
import os
import re
import select
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
STORE_BYTES = 65536            # BOOTCFG_IMAGE_BYTES in lib/include/bootcfg.h
STORE_SERIAL = "khstore"       # SW_STORE_SERIAL in userland/drivers/storewriter/sw_drv.h
DEFAULT_QMP = REPO / "var" / "qmp.sock"   # scripts/run (interactive), scripts/hotplug
PANIC_RE = re.compile(r"kernel: panic")

# Free PCIe root ports for hot-plug.  SeaBIOS honours QEMU's resource-reserve
# capability: without these properties an empty port gets 2 MiB windows, too
# small for the 256 MiB BARs the hot-plug tests add.
ROOT_PORTS = 4
ROOT_PORT_RESERVE = "pref64-reserve=512M,mem-reserve=8M,io-reserve=4K,bus-reserve=1"


def default_build_dir():
    return Path(os.environ.get("KH_BUILD_DIR", REPO / "build")).resolve()


GDB_PORT = 1234               # QEMU's usual gdb port (-s)
ARCHES = ("x86_64", "coldfire")
# ColdFire: the loader reads the boot-arguments block (the store's path,
# for semihosting) here; CF_ARGS_* in bootloader/coldfire/loader.h.
CF_ARGS_PHYS = 0x47fe0000
CF_ARGS_MAGIC = b"KHCFARG1"
CF_ARGS_BYTES = 4096
CF_MEMORY = "128M"             # QEMU's default; the loader probes what -m gives


@dataclass
class Options:
    build_dir: Path = field(default_factory=default_build_dir)
    image: Path = None             # default <build>/x86_64/disk.img,
                                   # ColdFire <build>/coldfire/coldfire.img
    store: Path = None             # default var/bootcfg.img (ColdFire:
                                   # var/bootcfg-coldfire.img)
    memory: str = None             # default 512M (ColdFire: 128M)
    accel: str = "tcg"
    qmp: str = None                # unix socket path for QMP
    monitor: str = None            # unix socket path for the human monitor
    gdb: int = 0                   # gdb stub on this TCP port, CPU waits (0: none;
                                   # True means the usual 1234)
    log: str = None                # interactive: QEMU also writes the serial to this file
    pidfile: str = None            # QEMU writes its pid here (scripts/hotplug reads it)
    headless: bool = False         # serial captured instead of on the terminal
    extra: list = field(default_factory=list)   # passed to QEMU as they are
    no_store: bool = False         # no second disk (tests: boot on defaults)
    arch: str = "x86_64"           # or "coldfire" (QEMU mcf5208evb)
    acpi_hotplug: bool = False     # QEMU's default ACPI PCI hot-plug instead
                                   # of native PCIe hot-plug on the root ports
    disk_addrs: tuple = None       # pcie.0 slots of the boot disk and the
                                   # store (default: QEMU picks, 00:02, 00:03),
                                   # or "bus=<port id>" to put a disk behind a
                                   # port of `early`
    early: list = field(default_factory=list)   # QEMU args before the disks
                                   # (the root ports disks sit behind)

    def __post_init__(self):
        if self.arch not in ARCHES:
            raise ValueError(f"unknown arch {self.arch!r} (want one of {ARCHES})")
        coldfire = self.arch == "coldfire"
        self.build_dir = Path(self.build_dir).resolve()
        if self.image is None:
            self.image = (self.build_dir / "coldfire" / "coldfire.img" if coldfire
                          else self.build_dir / "x86_64" / "disk.img")
        if self.store is None:
            self.store = REPO / "var" / ("bootcfg-coldfire.img" if coldfire else "bootcfg.img")
        if self.memory is None:
            self.memory = CF_MEMORY if coldfire else "512M"
        self.image = Path(self.image).resolve()
        self.store = Path(self.store).resolve()
        if self.gdb is True:
            self.gdb = GDB_PORT


def root_port_args(count=ROOT_PORTS):
    """rpN at 00:(10+N).0 with physical slot number N, so the guest's
    hot-plug lines (`devdisc: hotplug slot=<n>`) name the port."""
    args = []
    for i in range(count):
        args += ["-device",
                 f"pcie-root-port,id=rp{i},bus=pcie.0,chassis={i + 1},slot={i},"
                 f"addr=0x{0x10 + i:x},{ROOT_PORT_RESERVE}"]
    return args


def coldfire_boot_args(opts):
    """Writes the ColdFire boot-arguments block (magic, the store's absolute
    path, NUL) next to the store and returns its path; None without a store.
    QEMU's generic loader device puts it in RAM where the loader looks."""
    if opts.no_store:
        return None
    block = CF_ARGS_MAGIC + str(opts.store).encode() + b"\0"
    if len(block) > CF_ARGS_BYTES:
        raise ValueError(f"store path too long for the boot arguments: {opts.store}")
    path = Path(str(opts.store) + ".bootargs")
    path.write_bytes(block)
    return path


def coldfire_command(opts):
    """qemu-system-m68k -M mcf5208evb: the ROM image as -bios, the store as
    a host file through semihosting (its exit call always exits 0: read the
    console, not the exit status)."""
    cmd = ["qemu-system-m68k", "-M", "mcf5208evb", "-m", opts.memory,
           "-display", "none", "-bios", str(opts.image),
           "-semihosting-config", "enable=on,target=native"]
    args = coldfire_boot_args(opts)
    if args:
        cmd += ["-device", f"loader,file={args},addr=0x{CF_ARGS_PHYS:x},force-raw=on"]
    return cmd


def qemu_command(opts):
    """The full argv for qemu-system-x86_64 (or -m68k for ColdFire).  Serial:
    stdio when interactive (multiplexed with the monitor, Ctrl-A c), else a
    pipe for the caller."""
    if opts.arch == "coldfire":
        return coldfire_command(opts) + serial_args(opts) + list(opts.extra)
    cmd = ["qemu-system-x86_64", "-machine", "q35", "-accel", opts.accel,
           "-m", opts.memory, "-display", "none", "-vga", "none"]
    if not opts.acpi_hotplug:
        # native PCIe hot-plug on the root ports, not ACPI hot-plug (devdisc
        # drives both; acpi_hotplug=True is QEMU's own default)
        cmd += ["-global", "ICH9-LPC.acpi-pci-hotplug-with-bridge-support=off"]
    cmd += list(opts.early)
    cmd += [
           # the boot disk is a build product: read-only, so runs can share it
           "-drive", f"file={opts.image},format=raw,if=none,id=bootdisk,readonly=on",
           "-device", "virtio-blk-pci,drive=bootdisk,bootindex=0" + disk_addr(opts, 0)]
    if not opts.no_store:
        cmd += ["-drive", f"file={opts.store},format=raw,if=none,id=store",
                # serial: how the in-guest store writer tells the store from the
                # boot disk (userland/drivers/storewriter/sw_drv.h, GET_ID)
                "-device", f"virtio-blk-pci,drive=store,serial={STORE_SERIAL}" +
                disk_addr(opts, 1)]
    cmd += root_port_args()
    return cmd + serial_args(opts) + list(opts.extra)


def disk_addr(opts, which):
    """`,addr=...` (or `,bus=...`) for disk `which` (0 boot, 1 store) when
    disk_addrs says."""
    if not opts.disk_addrs:
        return ""
    where = opts.disk_addrs[which]
    return f",{where}" if "=" in where else f",addr={where}"


def serial_args(opts):
    """Serial, monitor, QMP and gdb options (the same on every machine)."""
    if opts.log and not opts.headless:
        # the serial on the terminal (with the monitor on Ctrl-A c unless it
        # has a socket) and, byte for byte, in the log file
        mux = "off" if opts.monitor else "on"
        cmd = ["-chardev", f"stdio,id=term,mux={mux},logfile={opts.log},logappend=off",
               "-serial", "chardev:term"]
        if not opts.monitor:
            cmd += ["-mon", "chardev=term,mode=readline"]
    else:
        cmd = ["-serial", "stdio" if opts.headless or opts.monitor else "mon:stdio"]
    if opts.monitor:
        cmd += ["-monitor", f"unix:{opts.monitor},server=on,wait=off"]
    elif opts.headless:
        cmd += ["-monitor", "none"]
    if opts.qmp:
        cmd += ["-qmp", f"unix:{opts.qmp},server=on,wait=off"]
    if opts.gdb:
        cmd += ["-gdb", f"tcp::{opts.gdb}", "-S"]
    if opts.pidfile:
        cmd += ["-pidfile", str(opts.pidfile)]
    return cmd


# What `cmake --build` prints on every run even when nothing was rebuilt,
# under either generator CMake may pick (CMAKE_GENERATOR, or the build
# tree's cache): Make's "[ 42%] " progress and "Built target" lines, Ninja's
# "[12/340] " status lines, its glob re-check and "ninja: no work to do.".
# Hidden, so that an up-to-date build prints nothing.  Only these lines go:
# what did work (Building, Linking), warnings, errors, Make's "*** ...
# Error" lines and Ninja's "FAILED:" line with the failing command show.
BUILD_PROGRESS = r"\[\s*\d+(?:%|/\d+)\] "      # Make "[ 42%] ", Ninja "[12/340] "
BUILD_NOISE = re.compile(
    rf"^{BUILD_PROGRESS}(Built target |Performing \w+ step |No \w+ step |Completed '"
    r"|bootcfg fuzz seeds|Re-checking globbed directories\.\.\.$)"
    r"|^initialised \S*/fuzz/"
    r"|^ninja: no work to do\.$"
    r"|^-- (Configuring done|Generating done|Build files have been written)")
# Ninja's status line as BUILD_PROGRESS knows it (its default): a user's
# own NINJA_STATUS would otherwise let the no-op lines through.
NINJA_STATUS = "[%f/%t] "


def build(build_dir, quiet=False):
    """Configure if there is no cache yet, then build what is stale.  On a
    failure the whole output is printed (and CalledProcessError raised)."""
    build_dir = Path(build_dir)
    if not (build_dir / "CMakeCache.txt").exists():
        run_filtered(["cmake", "-S", str(REPO), "-B", str(build_dir)], quiet)
    run_filtered(["cmake", "--build", str(build_dir), "-j2"], quiet)


def build_env():
    """The build's environment: the caller's, with NINJA_STATUS pinned (the
    sub-builds' ninja inherits it too)."""
    return dict(os.environ, NINJA_STATUS=NINJA_STATUS)


def run_filtered(cmd, quiet):
    """Runs cmd, printing its output as it comes minus BUILD_NOISE."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            errors="replace", env=build_env())
    seen = []
    for line in proc.stdout:
        seen.append(line)
        if not quiet and not BUILD_NOISE.search(line):
            print(line, end="", flush=True)
    if proc.wait():
        if quiet:
            print("".join(seen), end="")
        raise subprocess.CalledProcessError(proc.returncode, cmd)


def store_locked(path):
    """True when another process holds a lock on the file: QEMU takes
    fcntl (OFD) locks on every disk image it has open."""
    import fcntl
    import struct
    try:
        fd = os.open(str(path), os.O_RDWR)
    except OSError:
        return False
    try:
        query = struct.pack("hhqqi4x", fcntl.F_WRLCK, os.SEEK_SET, 0, 0, 0)
        got = fcntl.fcntl(fd, getattr(fcntl, "F_OFD_GETLK", fcntl.F_GETLK), query)
        return struct.unpack("hhqqi4x", got)[0] != fcntl.F_UNLCK
    finally:
        os.close(fd)


def socket_alive(path):
    """True when something accepts connections on the unix socket path."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(str(path))
        return True
    except OSError:
        return False
    finally:
        sock.close()


def ensure_store(opts):
    """Creates the config store once; an existing one is kept (it holds the
    tuning and the retune log)."""
    if opts.store.exists():
        return False
    make_store(opts.store, opts.build_dir)
    return True


def make_store(path, build_dir):
    """A fresh store: `bootcfg init` when the tool is built, else zeros (an
    all-zero store is a valid empty one)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tool = Path(build_dir) / "bin" / "bootcfg"
    if tool.exists():
        subprocess.run([str(tool), "init", str(path)], check=True,
                       stdout=subprocess.DEVNULL)
    else:
        path.write_bytes(bytes(STORE_BYTES))


class QMPError(Exception):
    pass


class QMP:
    """A tiny QMP client: greeting, qmp_capabilities, execute, events."""

    def __init__(self, path, timeout=10.0):
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                # QEMU serves one QMP client at a time: while another is
                # connected, connect() waits in the backlog
                self.sock.settimeout(max(0.1, deadline - time.monotonic()))
                self.sock.connect(str(path))
                self.sock.settimeout(None)
                break
            except socket.timeout:
                self.sock.close()
                raise QMPError(f"QEMU did not accept a connection on {path} in "
                               f"{timeout:g}s (another QMP client connected? QEMU "
                               "serves one at a time)")
            except (FileNotFoundError, ConnectionRefusedError) as e:
                self.sock.close()
                if time.monotonic() > deadline:
                    raise QMPError(f"no QMP socket at {path}" if isinstance(
                        e, FileNotFoundError) else f"{path} exists but nothing listens "
                        "on it (the QEMU that made it has stopped)")
                time.sleep(0.05)
        self.buf = b""
        self.events = []
        try:
            self.greeting = self._read(timeout)
        except QMPError:
            self.sock.close()
            raise QMPError(f"QEMU accepted the connection on {path} but sent no "
                           f"greeting in {timeout:g}s (is it stopped, or busy?)")
        if "QMP" not in self.greeting:
            raise QMPError(f"unexpected greeting {self.greeting}")
        self.execute("qmp_capabilities")

    def _read(self, timeout=30.0):
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.sock], [], [], left)[0]:
                raise QMPError("QMP read timed out")
            try:
                chunk = self.sock.recv(65536)
            except OSError as e:
                chunk = b""
                if not isinstance(e, ConnectionResetError):
                    raise QMPError(f"QMP connection failed: {e}")
            if not chunk:
                raise QMPError("QEMU closed the QMP connection (has it exited?)")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def execute(self, command, **arguments):
        """Runs a command, keeps events that arrive meanwhile, returns
        "return" or raises QMPError with QEMU's error description."""
        msg = {"execute": command}
        if arguments:
            msg["arguments"] = arguments
        try:
            self.sock.sendall(json.dumps(msg).encode() + b"\n")
        except OSError:
            raise QMPError("QEMU closed the QMP connection (has it exited?)")
        while True:
            reply = self._read()
            if "event" in reply:
                self.events.append(reply)
            elif "error" in reply:
                raise QMPError(f"{command}: {reply['error'].get('desc')}")
            elif "return" in reply:
                return reply["return"]

    def wait_event(self, name, timeout=10.0):
        deadline = time.monotonic() + timeout
        while True:
            for i, ev in enumerate(self.events):
                if ev["event"] == name:
                    return self.events.pop(i)
            try:
                reply = self._read(max(0.01, deadline - time.monotonic()))
            except QMPError:
                if time.monotonic() >= deadline:
                    raise QMPError(f"no {name} event in {timeout}s")
                raise
            if "event" in reply:
                self.events.append(reply)

    def close(self):
        self.sock.close()


class Machine:
    """A running QEMU whose serial output is collected line by line (and
    written to log_path as it arrives).  Always stopped by close()."""

    def __init__(self, opts, log_path=None, echo=False):
        self.opts = opts
        self.echo = echo
        self.lines = []
        self.cond = threading.Condition()
        self.tmp = None
        if opts.qmp is None:
            self.tmp = tempfile.mkdtemp(prefix="khqemu-")
            opts.qmp = os.path.join(self.tmp, "qmp.sock")
        opts.headless = True
        self.log = open(log_path, "w") if log_path else None
        # stdin is the serial line's input (type()): nothing arrives unless
        # a test types it
        self.proc = subprocess.Popen(qemu_command(opts), stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.stderr = []
        self.reader = threading.Thread(target=self._read_serial, daemon=True)
        self.reader.start()
        threading.Thread(target=self._read_stderr, daemon=True).start()
        self._qmp = None

    def type(self, data):
        """Bytes typed on the guest's serial console (Ctrl-T is b"\\x14")."""
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def _read_serial(self):
        for raw in self.proc.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if self.echo:
                print(line, flush=True)
            if self.log:
                self.log.write(line + "\n")
                self.log.flush()
            with self.cond:
                self.lines.append(line)
                self.cond.notify_all()
        with self.cond:
            self.cond.notify_all()

    def _read_stderr(self):
        for raw in self.proc.stderr:
            self.stderr.append(raw.decode("utf-8", "replace").rstrip())

    @property
    def qmp(self):
        if self._qmp is None:
            self._qmp = QMP(self.opts.qmp)
        return self._qmp

    def running(self):
        return self.proc.poll() is None

    def wait_for(self, pattern, timeout=60.0, start=0, fail_on_panic=True):
        """Waits until a serial line at index >= start matches pattern.
        Returns (index, match).  Raises TimeoutError, or RuntimeError on a
        kernel panic or when QEMU exits first."""
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        i = start
        with self.cond:
            while True:
                while i < len(self.lines):
                    m = rx.search(self.lines[i])
                    if m:
                        return i, m
                    if fail_on_panic and PANIC_RE.search(self.lines[i]):
                        raise RuntimeError(f"kernel panic: {self.lines[i]}")
                    i += 1
                left = deadline - time.monotonic()
                if not self.running() and not self.reader.is_alive():
                    raise RuntimeError(f"QEMU exited ({self.proc.returncode}) "
                                       f"waiting for {pattern!r}: {' '.join(self.stderr)}")
                if left <= 0:
                    raise TimeoutError(f"no line matching {pattern!r} in {timeout}s")
                self.cond.wait(min(left, 0.5))

    def matching(self, pattern, start=0):
        """All (index, match) pairs so far whose line matches pattern."""
        rx = re.compile(pattern)
        with self.cond:
            lines = list(enumerate(self.lines))[start:]
        return [(i, m) for i, line in lines for m in [rx.search(line)] if m]

    def output(self):
        with self.cond:
            return "\n".join(self.lines)

    def close(self):
        if self._qmp:
            try:
                self._qmp.close()
            except OSError:
                pass
        if self.running():
            self.proc.kill()
        self.proc.wait()
        self.reader.join(timeout=5)
        if self.log:
            self.log.close()
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
