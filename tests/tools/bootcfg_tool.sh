#!/usr/bin/env bash
# bootcfg_tool.sh BOOTCFG - end-to-end tests of the bootcfg host tool on
# temporary stores: init/show/log/plot/set/log-append, lock warning, exit codes, one-line
# errors, and refusal to rewrite what it does not understand.
set -u
tool=$1
here=$(cd "$(dirname "$0")" && pwd)
[ -x "$tool" ] || { echo "FAIL: $tool is not an executable"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1
failures=0

bad() { echo "FAIL: $*"; failures=$((failures + 1)); }

# run EXPECTED_RC ARGS... : runs the tool; out/err land in ./out ./err.
# A failure must print exactly one stderr line "bootcfg: <what>: <why>".
run() {
	local want=$1; shift
	"$tool" "$@" >out 2>err
	local rc=$?
	[ "$rc" = "$want" ] || bad "bootcfg $* exited $rc, expected $want: $(cat err)"
	if [ "$want" != 0 ]; then
		[ "$(wc -l <err)" = 1 ] || bad "bootcfg $*: stderr is not one line: $(cat err)"
		grep -Eq '^bootcfg: [^:]+: .+' err || bad "bootcfg $*: stderr shape: $(cat err)"
	fi
}

has() { grep -Fxq -- "$1" out || bad "expected line '$1' in output of last command"; }
has_prefix() { grep -Eq -- "^$1" out || bad "expected a line starting '$1'"; }

# The fields of slot S (A|B) in `show` text output, as key=value lines.
slot_fields() { awk -v s="slot=$1 " 'index($0, s) == 1 {on = 1; next}
	/^slot=|^defaults:/ {on = 0} on {sub(/^  /, ""); print}' out; }
field() { slot_fields "$1" | grep "^$2=" | cut -d= -f2; }

flip() { # flip FILE OFFSET: inverts bit 0 of one byte
	local b; b=$(od -An -tu1 -j"$2" -N1 "$1" | tr -d ' ')
	printf "$(printf '\\%03o' $((b ^ 1)))" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

# --- help and usage ----------------------------------------------------
run 0 --help
grep -q 'exit codes' out || bad "--help does not document exit codes"
run 1
run 1 show
run 1 frobnicate s.img
run 1 show s.img --bogus
run 1 show s.img extra
run 2 show missing.img

# --- init, show --------------------------------------------------------
run 0 init s.img
[ "$(stat -c %s s.img)" = 65536 ] || bad "init size $(stat -c %s s.img)"
run 0 show s.img
has_prefix "store=s.img current=A pick=only-valid generation=1"
has "slot=B status=empty current=no why=empty"
[ "$(field A pool)" = 8192 ] || bad "default pool: $(field A pool)"
[ "$(field A last_reason)" = init ] || bad "init reason"
for key in generation pool headroom hard_cap pending_target attempts boot_count \
	   last_reason fingerprint guard_fingerprint; do
	[ -n "$(field A $key)" ] || bad "show lacks key $key"
done
cp s.img before.img
run 5 init s.img
cmp -s s.img before.img || bad "refused init changed the store"

# --- set then show: new value in the other slot, old slot kept ---------
run 0 set s.img pool=20000 headroom=100 fingerprint=0xabcdef
has "wrote slot=B generation=2"
run 0 show s.img
has_prefix "store=s.img current=B pick=newest generation=2"
has "slot=A status=ok current=no why=older-generation"
[ "$(field B pool)" = 20000 ] || bad "B pool $(field B pool)"
[ "$(field B headroom)" = 100 ] || bad "B headroom"
[ "$(field B last_reason)" = manual ] || bad "B reason"
[ "$(field B fingerprint)" = 0000000000abcdef ] || bad "B fingerprint"
[ "$(field A pool)" = 8192 ] || bad "A changed: $(field A pool)"
run 0 set s.img pool=30000 last_reason=grow pending_target=30000 attempts=1
has "wrote slot=A generation=3"
run 0 show s.img --json
python3 - <<'PY' || bad "show --json content"
import json
d = json.load(open("out"))
assert d["current"] == "A" and d["pick"] == "newest", d
a, b = d["slots"]
assert a["config"]["pool"] == 30000 and a["config"]["last_reason"] == "grow"
assert a["config"]["generation"] == 3 and a["current"] is True
assert b["config"]["pool"] == 20000 and b["why"] == "older-generation"
assert d["config"]["pending_target"] == 30000
PY

# --- invalid keys and values: 4, store untouched ------------------------
cp s.img before.img
run 4 set s.img pool=5
run 4 set s.img pool=2000000 hard_cap=1000000
run 4 set s.img bogus=1
run 4 set s.img pool=12abc
run 4 set s.img pool=-1
run 4 set s.img pool=99999999999
run 4 set s.img pool
run 4 set s.img generation=9
run 4 set s.img last_reason=whatever
run 4 set s.img attempts=17
run 1 set s.img
cmp -s s.img before.img || bad "rejected set changed the store"

# --- log ---------------------------------------------------------------
# The two sets above each left a record (a hand change is visible), with
# the generation and slot of the blob it wrote.
run 0 log s.img
[ "$(wc -l <out)" = 3 ] || bad "log after two sets: $(cat out)"
[ "$(awk 'NR == 1 {print $3, $4}' out)" = "gen slot" ] || bad "log header: $(head -1 out)"
[ "$(awk 'NR == 2 {print $1, $3, $4, $5, $6, $8}' out)" = "1 2 B 8192 20000 manual" ] \
	|| bad "first set's record: $(sed -n 2p out)"
[ "$(awk 'NR == 3 {print $1, $3, $4, $5, $6, $8}' out)" = "2 3 A 20000 30000 grow" ] \
	|| bad "second set's record: $(sed -n 3p out)"
run 0 log s.img --json
python3 - <<'PY' || bad "log --json generation/slot"
import json
d = json.load(open("out"))
assert [(r["generation"], r["slot"]) for r in d["records"]] == [(2, "B"), (3, "A")], d
PY
# A log-append without a blob: the newest record no longer describes the
# current blob, so the derived columns say "-" rather than guess.
cp s.img appended.img
"$tool" log-append appended.img new=1234 >/dev/null || bad "log-append new=1234"
run 0 log appended.img
[ "$(awk 'END {print $3, $4}' out)" = "- -" ] || bad "unanchored record: $(tail -1 out)"
for i in $(seq 1 70); do
	"$tool" log-append s.img boot=$i need=$((i * 10)) reason=grow reboot=yes \
		trigger=00:0$((i % 8)).1 >/dev/null || bad "log-append $i"
done
run 4 log-append s.img trigger=zz:zz.z
run 4 log-append s.img reboot=maybe
run 0 log s.img
[ "$(wc -l <out)" = 65 ] || bad "log rows: $(($(wc -l <out) - 1)), expected 64"
[ "$(awk 'NR == 2 {print $1}' out)" = 9 ] || bad "oldest seq $(awk 'NR == 2 {print $1}' out)"
[ "$(awk 'END {print $1}' out)" = 72 ] || bad "newest seq"
[ "$(awk 'END {print $7, $8, $9, $10}' out)" = "700 grow yes 00:06.1" ] || bad "row: $(tail -1 out)"
run 0 log s.img --json
python3 - <<'PY' || bad "log --json content"
import json
d = json.load(open("out"))
seqs = [r["seq"] for r in d["records"]]
assert d["count"] == 64 and seqs == list(range(9, 73)), seqs
assert d["records"][-1]["trigger"] == "00:06.1" and d["records"][-1]["reboot"] is True
PY

# --- plot: an SVG that parses, one need dot per record with a need,
# one reboot line per reboot=yes record -------------------------------------
run 0 plot s.img chart.svg
has "wrote chart.svg: 64 records"
python3 - <<'PY' || bad "plot: SVG content"
import xml.etree.ElementTree as ET
ns = "{http://www.w3.org/2000/svg}"
root = ET.parse("chart.svg").getroot()
assert root.tag == ns + "svg", root.tag
dots = [c for c in root.iter(ns + "circle") if c.find(ns + "title") is not None]
reboots = [l for l in root.iter(ns + "line") if l.get("stroke") == "#d62728"]
assert len(dots) == 64, len(dots)
assert len(reboots) == 64 + 1, len(reboots)       # + the legend's sample
assert len(list(root.iter(ns + "polyline"))) == 1
PY
# it renders (rsvg-convert is in scripts/setup): a PNG of the chart's size
rsvg-convert chart.svg -o chart.png 2>err || bad "rsvg-convert: $(cat err)"
[ "$(head -c 8 chart.png | od -An -tx1 | tr -d ' ')" = 89504e470d0a1a0a ] \
	|| bad "rendered chart is not a PNG"
run 1 plot s.img
run 2 plot s.img /nonexistent-dir/chart.svg

# --- set while another program holds a lock on the store (QEMU does) ---
cp s.img locked.img
python3 - locked.img <<'PY' &
import fcntl, os, struct, sys, time
fd = os.open(sys.argv[1], os.O_RDWR)
# an OFD write lock on byte 100, as QEMU's image locking takes them
fcntl.fcntl(fd, fcntl.F_OFD_SETLK, struct.pack("hhqqi4x", fcntl.F_WRLCK, 0, 100, 1, 0))
open("locked.ready", "w").close()
time.sleep(5)
PY
holder=$!
for _ in $(seq 50); do [ -e locked.ready ] && break; sleep 0.1; done
"$tool" set locked.img pool=4096 >out 2>err || bad "set on a locked store failed: $(cat err)"
grep -q 'warning: locked.img is locked by another program' err || bad "no lock warning: $(cat err)"
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
run 0 set s.img pool=4096
[ ! -s err ] || bad "warning without a lock: $(cat err)"
has "logged seq=73 reason=manual"

# --- corrupt stores: 3, one line, never rewritten without --force ------
head -c 1000 s.img >short.img
run 3 show short.img
run 3 set short.img pool=100
run 3 log short.img
run 3 plot short.img x.svg

cp s.img flipped.img
flip flipped.img 20      # inside slot A's blob
flip flipped.img 530     # inside slot B's blob
run 3 show flipped.img
has "slot=A status=bad-checksum current=no why=bad-checksum"
cp flipped.img before.img
run 3 set flipped.img pool=100
cmp -s flipped.img before.img || bad "set rewrote a corrupt store without --force"
run 0 set flipped.img pool=100 --force
has "wrote slot=A generation=1"
run 0 show flipped.img
[ "$(field A pool)" = 100 ] || bad "forced set: pool $(field A pool)"
[ "$(field A headroom)" = 16384 ] || bad "forced set does not start from defaults"

head -c 65536 /dev/urandom >garbage.img
cp garbage.img before.img
run 3 show garbage.img
run 3 set garbage.img pool=100
run 3 init garbage.img
run 3 log garbage.img             # not a store: says so, as show does
grep -q 'not a config store' err || bad "log on garbage: $(cat err)"
[ ! -s out ] || bad "log on garbage printed a table"
cmp -s garbage.img before.img || bad "garbage file was modified"
run 0 init garbage.img --force
run 0 show garbage.img

head -c 65536 /dev/zero >blank.img
run 3 show blank.img     # empty store: no valid slot
run 3 log blank.img
run 0 init blank.img     # a blank image may be initialised

# --- a store at the generation limit is compacted, then written ---------
run 0 init max.img
# slot A's generation at 2^64-1, its checksum right (the QEMU tests' helper)
python3 -c "import sys; sys.path.insert(0, '$here/../qemu')
from harness import patch_slot, BLOB_GENERATION
patch_slot('max.img', 0, *BLOB_GENERATION, 2**64 - 1, fix_crc=True)" \
	|| bad "patching generation 2^64-1"
run 0 show max.img
has_prefix "store=max.img current=A pick=only-valid generation=18446744073709551615"
run 0 set max.img pool=9000
grep -q 'compacted' err || bad "set at the generation limit did not say it compacted: $(cat err)"
has "wrote slot=B generation=3"
run 0 show max.img
has_prefix "store=max.img current=B pick=newest generation=3"
[ "$(field B pool)" = 9000 ] || bad "after compaction: pool $(field B pool)"

if [ "$failures" = 0 ]; then
	echo "bootcfg tool: all checks passed"
else
	echo "bootcfg tool: $failures check(s) failed"
	exit 1
fi
