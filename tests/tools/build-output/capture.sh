#!/usr/bin/env bash
# capture.sh - re-captures the build outputs tests/tools/test_build_filter.py
# feeds scripts/run's filter: what `cmake -S -B` and `cmake --build -j2`
# (the commands khqemu.build runs) print in a scratch copy of this tree's
# HEAD, under Unix Makefiles and under Ninja (CMAKE_GENERATOR), for
#   configure  first configure of an empty build tree
#   clean      the first build
#   noop       a build with nothing to do, noop-again the same once more
#   warning    kernel/clock.c with an unused variable let through as a
#              warning (a pragma over -Werror): the sub-builds compile it
#   error-subbuild  kernel/clock.c with an undeclared name (x86_64 and
#              ColdFire sub-builds)
#   error-host tools/bootcfg/bootcfg.c with the same error (host build)
#   rebuild    both files restored
# Not run by the test suite (two clean builds take minutes, Ninja must be
# on PATH); run it by hand after the build's chatter changed:
#   tests/tools/build-output/capture.sh [OUT_DIR]   (default: next to it)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(git -C "$here" rev-parse --show-toplevel)
out=$(realpath "${1:-$here}")
command -v ninja >/dev/null || { echo "capture: ninja is not on PATH" >&2; exit 1; }
scratch=$(mktemp -d /tmp/kh-capture.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
git -C "$repo" archive --format=tar --prefix=src/ HEAD | tar -x -C "$scratch"
src=$scratch/src
export NINJA_STATUS='[%f/%t] '          # as khqemu.build_env pins it

# capture NAME CMD...: CMD's stdout and stderr, in the order they came
capture() {
  local name=$1
  shift
  local rc=0
  "$@" >"$out/$name.txt" 2>&1 || rc=$?
  echo "capture: $name exit=$rc"
}

# edit FILE BODY: FILE as in HEAD plus BODY (a function with a defect)
edit() {
  { git -C "$repo" show "HEAD:$1"; printf '\n%s\n' "$2"; } >"$src/$1"
}

WARN='#pragma GCC diagnostic warning "-Wunused-variable"
int kh_capture_warn(void);
int kh_capture_warn(void) { int unused_here = 1; return 0; }'
ERR='int kh_capture_err(void);
int kh_capture_err(void) { return undeclared_here; }'

for gen in make ninja; do
  build=$scratch/build-$gen
  if [ $gen = ninja ]; then export CMAKE_GENERATOR=Ninja; else unset CMAKE_GENERATOR; fi
  capture $gen-configure cmake -S "$src" -B "$build"
  capture $gen-clean cmake --build "$build" -j2
  capture $gen-noop cmake --build "$build" -j2
  capture $gen-noop-again cmake --build "$build" -j2
  edit kernel/clock.c "$WARN"
  capture $gen-warning cmake --build "$build" -j2
  edit kernel/clock.c "$ERR"
  capture $gen-error-subbuild cmake --build "$build" -j2
  git -C "$repo" show HEAD:kernel/clock.c >"$src/kernel/clock.c"
  edit tools/bootcfg/bootcfg.c "$ERR"
  capture $gen-error-host cmake --build "$build" -j2
  git -C "$repo" show HEAD:tools/bootcfg/bootcfg.c >"$src/tools/bootcfg/bootcfg.c"
  capture $gen-rebuild cmake --build "$build" -j2
done
