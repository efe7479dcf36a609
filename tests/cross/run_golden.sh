#!/bin/sh
# run_golden.sh QEMU PROGRAM GOLDEN CROSS
# Runs the ColdFire golden-store program under user-mode QEMU (ColdFire
# V4e CPU) and compares its stdout with the golden file.  Exit 77 = skip.
# With GOLDEN_UPDATE=1 it rewrites the golden file instead.
qemu=$1 prog=$2 golden=$3 cross=$4
case $qemu in ''|*NOTFOUND) echo "skip: qemu-m68k not installed"; exit 77;; esac
case $cross in OFF|0|FALSE|NO|off) echo "skip: KH_CROSS is off"; exit 77;; esac
[ -x "$prog" ] || { echo "fail: $prog not built (coldfire sub-build)"; exit 1; }

out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT
"$qemu" -cpu cfv4e "$prog" >"$out"
rc=$?
[ $rc -eq 0 ] || { echo "fail: $prog exited $rc under $qemu"; exit 1; }
if [ "${GOLDEN_UPDATE:-0}" = 1 ]; then
  cp "$out" "$golden" && echo "updated $golden"
  exit 0
fi
if cmp "$out" "$golden"; then
  echo "ok: ColdFire output ($(wc -c <"$out") bytes) matches $golden"
else
  echo "fail: ColdFire output differs from $golden"
  exit 1
fi
