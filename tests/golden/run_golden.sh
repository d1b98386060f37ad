#!/usr/bin/env bash
# Runs the whole pipeline over some corpus documents and scores the output
# against the gold with plansift eval; the thresholds come as arguments.
#   run_golden.sh PLANSIFT CORPUS_DIR OUT_DIR GLOB -- EVAL_ARGS...
set -euo pipefail
plansift=$1 corpus=$2 out=$3 glob=$4
shift 4
[ "${1:-}" = "--" ] && shift
rm -rf "$out"
status=0
# shellcheck disable=SC2086 # the glob is meant to expand
"$plansift" run -q -o "$out" "$corpus"/docs/$glob || status=1
"$plansift" eval --gold "$corpus/gold" "$@" "$out" || status=1
exit $status
