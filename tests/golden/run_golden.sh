#!/usr/bin/env bash
# Runs the whole pipeline over some corpus documents and scores the output
# against the gold with plansift eval; the thresholds come as arguments.
#   run_golden.sh PLANSIFT CORPUS_DIR OUT_DIR GLOB -- EVAL_ARGS...
set -euo pipefail
plansift=$1 corpus=$2 out=$3 glob=$4
shift 4
[ "${1:-}" = "--" ] && shift
rm -rf "$out"
mkdir -p "$out/docs"
status=0
for f in "$corpus"/docs/$glob; do
  [ -e "$f" ] || continue
  if ! "$plansift" normalise "$f" > "$out/docs/$(basename "$f").json"; then
    echo "golden: $f failed" >&2
    status=1
  fi
done
"$plansift" eval --gold "$corpus/gold" "$@" "$out" || status=1
exit $status
