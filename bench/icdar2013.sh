#!/bin/sh
# ICDAR 2013 Table Competition (EU documents): table structure, given the
# gold regions and end to end, scored with the competition's metric by the
# same tool that scored the peers in BENCHMARKS.md.
#
#   bench/icdar2013.sh [OUT_DIR]
#
# ICDAR_DIR   the competition files (default: shared/icdar2013 beside the
#             checkout; its eu/ folder when it has one)
# ICDAR_EVAL  the scorer (default: shared/tools/icdar_eval.py beside it)
# PLANSIFT    the binary (default: build/cli/plansift in the checkout)
#
# Exits 0 with a message when the competition files are not there: they are
# not part of the project, and no test depends on them.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
shared=$(dirname "$repo")/shared
ICDAR_DIR=${ICDAR_DIR:-$shared/icdar2013}
ICDAR_EVAL=${ICDAR_EVAL:-$shared/tools/icdar_eval.py}
PLANSIFT=${PLANSIFT:-$repo/build/cli/plansift}

if [ ! -d "$ICDAR_DIR" ]; then
  echo "icdar2013: no competition files at $ICDAR_DIR (set ICDAR_DIR); nothing to do"
  exit 0
fi
[ -d "$ICDAR_DIR/eu" ] && ICDAR_DIR=$ICDAR_DIR/eu
if [ ! -x "$PLANSIFT" ]; then
  echo "icdar2013: $PLANSIFT is not built (set PLANSIFT)" >&2
  exit 1
fi
if [ ! -f "$ICDAR_EVAL" ]; then
  echo "icdar2013: no scorer at $ICDAR_EVAL (set ICDAR_EVAL)" >&2
  exit 1
fi

out=${1:-}
if [ -z "$out" ]; then
  out=$(mktemp -d "${TMPDIR:-/tmp}/plansift-icdar.XXXXXX")
fi
mkdir -p "$out"

timing=$(python3 "$repo/bench/icdar2013.py" "$PLANSIFT" "$ICDAR_DIR" "$out" | tail -n 1)

score() {
  python3 "$ICDAR_EVAL" "$ICDAR_DIR" "$out/$1" --json | python3 -c '
import json, sys
t = json.load(sys.stdin)["total"]
print("%-24s P %.3f  R %.3f  F1 %.3f  (regions %d/%d, %d docs)" % (
    sys.argv[1], t["p"], t["r"], t["f1"], t["found_regions"], t["gold_regions"], t["docs"]))
' "$2"
}

echo "ICDAR 2013 EU ($ICDAR_DIR), predictions in $out"
score regions "given the gold regions"
score e2e "end to end"
echo "$timing" | python3 -c '
import json, sys
t = json.load(sys.stdin)
rate = t["pages"] / t["seconds"] if t["seconds"] else 0
print("speed: %d pages in %.2f s end to end (%.1f pages/s, one process per document)" % (
    t["pages"], t["seconds"], rate))'
