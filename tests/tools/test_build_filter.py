"""Host check of scripts/run's build-output filter (khqemu.BUILD_NOISE and
khqemu.run_filtered) on what `cmake --build` really printed in this tree
under both generators CMake may pick, Unix Makefiles and Ninja
(tests/tools/build-output/<generator>-<case>.txt, captured by capture.sh
there).  No build, no QEMU.

  python3 test_build_filter.py

What must hold: a build with nothing to do prints nothing; work, warnings,
errors, Make's `*** [...] Error` lines, Ninja's `FAILED:` line and the
failing command it prints always show; and the filter hides nothing but
what a no-op build of the same generator prints (plus CHATTER below).
"""

import contextlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
OUTPUTS = HERE / "build-output"
sys.path.insert(0, str(REPO / "scripts" / "lib"))
import khqemu  # noqa: E402

GENERATORS = ("make", "ninja")
CASES = ("configure", "clean", "noop", "noop-again", "warning", "error-subbuild",
         "error-host", "rebuild")
NOOPS = ("noop", "noop-again")

# Lines every build may hide although a no-op build does not print them:
# ExternalProject's steps of a first build, CMake's end of configuring, the
# fuzz seeds regenerated after bootcfg was rebuilt.
CHATTER = re.compile(r"^(Performing \w+ step |No \w+ step |Completed '"
                     r"|-- (Configuring done|Generating done|Build files have been written)"
                     r"|bootcfg fuzz seeds$|initialised \S+/fuzz/)")
# Lines that must never be hidden: diagnostics and their context, what
# Make and Ninja say about a failure, the work done.
MUST_SHOW = re.compile(r"\b(error|warning|note): |^cc1: |: In function "
                       r"|^\s*\d* \| |\*\*\* |^FAILED: |^ninja: build stopped"
                       r"|\] (Building|Linking) ")
PROGRESS = re.compile(r"^\[[^\]]*\] ")

failures = []


def check(cond, message):
    if not cond:
        failures.append(message)


def fixture(gen, case):
    return (OUTPUTS / f"{gen}-{case}.txt").read_text().splitlines(keepends=True)


def split(lines):
    """(shown, dropped) by BUILD_NOISE."""
    shown = [line for line in lines if not khqemu.BUILD_NOISE.search(line)]
    dropped = [line for line in lines if khqemu.BUILD_NOISE.search(line)]
    return shown, dropped


def bare(line):
    """The line without its progress prefix or newline."""
    return PROGRESS.sub("", line.rstrip("\n"))


def check_noops(gen):
    """Nothing shown of a no-op build (which does print something)."""
    for case in NOOPS:
        lines = fixture(gen, case)
        check(len(lines) >= 5, f"{gen}-{case}: fixture too short to mean anything")
        shown, _ = split(lines)
        check(not shown, f"{gen}-{case}: a no-op build shows {shown!r}")


def check_hidden_only_noise(gen, case, vocabulary):
    for line in split(fixture(gen, case))[1]:
        check(bare(line) in vocabulary or CHATTER.search(bare(line)),
              f"{gen}-{case}: hidden although a no-op build does not print it: {line!r}")


def check_must_show(gen, case):
    lines = fixture(gen, case)
    shown, _ = split(lines)
    for line in lines:
        if MUST_SHOW.search(line):
            check(line in shown, f"{gen}-{case}: hidden: {line!r}")


def check_failing_command(gen):
    """An error in a sub-build and one in the host build: the compiler's
    error shows, and how the generator names what failed."""
    for case in ("error-subbuild", "error-host"):
        lines = fixture(gen, case)
        shown, _ = split(lines)
        errors = [line for line in shown if ": error: " in line and "undeclared_here" in line]
        check(errors, f"{gen}-{case}: the compiler's error is not shown")
        if gen == "ninja":
            check_ninja_command(case, lines, shown)
        else:
            check(any(re.search(r"^g?make\[\d+\]: \*\*\* \[.*\.c\.o(bj)?\] Error 1", line)
                      for line in shown),
                  f"{gen}-{case}: Make's line naming the failed object is not shown")


def check_ninja_command(case, lines, shown):
    """Ninja prints `FAILED: <object>` and the failing command under it."""
    at = [i for i, line in enumerate(lines) if re.match(r"FAILED: \S+\.c\.o(bj)? ", line)]
    check(at, f"ninja-{case}: no FAILED line for the object in the fixture")
    for i in at:
        command = lines[i + 1]
        check(" -c " in command and command in shown and lines[i] in shown,
              f"ninja-{case}: the failing command is not shown: {command!r}")


def check_warning(gen):
    lines = fixture(gen, "warning")
    shown, _ = split(lines)
    warned = [line for line in shown if ": warning: unused variable" in line]
    check(len(warned) == 2, f"{gen}-warning: want the warning of both sub-builds, "
          f"shown {warned!r}")


def printed_by_run_filtered(lines, rc, quiet):
    """What run_filtered prints for a command that prints lines and exits
    rc, and whether it raised CalledProcessError."""
    script = f"import sys; sys.stdout.write({''.join(lines)!r}); sys.exit({rc})"
    out = io.StringIO()
    raised = False
    with contextlib.redirect_stdout(out):
        try:
            khqemu.run_filtered([sys.executable, "-c", script], quiet)
        except subprocess.CalledProcessError:
            raised = True
    return out.getvalue(), raised


def check_run_filtered(gen):
    """The streaming path scripts/run takes: filtered while it runs, the
    whole output when quiet and failing, an exception on failure."""
    for case, rc in (("noop", 0), ("warning", 0), ("error-subbuild", 2)):
        lines = fixture(gen, case)
        printed, raised = printed_by_run_filtered(lines, rc, quiet=False)
        check(printed == "".join(split(lines)[0]), f"{gen}-{case}: run_filtered printed "
              "other than the filter's lines")
        check(raised == (rc != 0), f"{gen}-{case}: exit {rc}, raised={raised}")
    lines = fixture(gen, "error-subbuild")
    check(printed_by_run_filtered(lines, 2, quiet=True)[0] == "".join(lines),
          f"{gen}: a quiet failed build does not print its whole output")
    check(printed_by_run_filtered(lines, 0, quiet=True)[0] == "",
          f"{gen}: a quiet good build prints")


def check_ninja_status_pinned():
    """A user's own NINJA_STATUS must not reach the build's ninja."""
    saved = os.environ.get("NINJA_STATUS")
    os.environ["NINJA_STATUS"] = "%e %f "
    try:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            khqemu.run_filtered([sys.executable, "-c",
                                 "import os; print(os.environ['NINJA_STATUS'])"], False)
        check(out.getvalue() == "[%f/%t] \n",
              f"NINJA_STATUS seen by the build: {out.getvalue()!r}")
    finally:
        if saved is None:
            del os.environ["NINJA_STATUS"]
        else:
            os.environ["NINJA_STATUS"] = saved


def main():
    missing = [f"{g}-{c}" for g in GENERATORS for c in CASES
               if not (OUTPUTS / f"{g}-{c}.txt").is_file()]
    if missing:
        print(f"build_filter: missing fixtures {missing} (capture.sh)")
        return 1
    for gen in GENERATORS:
        vocabulary = {bare(line) for case in NOOPS for line in fixture(gen, case)}
        check_noops(gen)
        for case in CASES:
            check_hidden_only_noise(gen, case, vocabulary)
            check_must_show(gen, case)
        check_failing_command(gen)
        check_warning(gen)
        check_run_filtered(gen)
    check_ninja_status_pinned()
    for f in failures:
        print(f"build_filter: FAIL {f}")
    if failures:
        return 1
    print(f"build_filter: all checks passed ({len(GENERATORS)} generators, "
          f"{len(CASES)} captured builds each)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
