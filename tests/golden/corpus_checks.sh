#!/usr/bin/env bash
# The batch over the whole corpus: every output valid against schemas/, a
# second run skips every input, and -j 1 and -j 2 give the same bytes.
#   corpus_checks.sh PLANSIFT PYTHON3 SOURCE_DIR WORK_DIR
set -u
plansift=$1 python=$2 src=$3 work=$4
rm -rf "$work"
mkdir -p "$work"
fail () { echo "corpus: $*"; failures=$((failures + 1)); }
failures=0

"$plansift" run -q -j 2 -o "$work/j2" "$src/corpus/docs" || fail "run -j 2 exited $?"
"$plansift" run -q -j 1 -o "$work/j1" "$src/corpus/docs" || fail "run -j 1 exited $?"
for f in items.jsonl items.csv manifest.json; do
  cmp -s "$work/j1/$f" "$work/j2/$f" || fail "$f differs between -j 1 and -j 2"
done
for f in "$work"/j1/docs/*.json; do
  cmp -s "$f" "$work/j2/docs/$(basename "$f")" || fail "$(basename "$f") differs between -j 1 and -j 2"
done
n_inputs=$(ls "$src"/corpus/docs/*.html "$src"/corpus/docs/*.pdf | wc -l)
n_docs=$(ls "$work"/j2/docs/*.json | wc -l)
[ "$n_inputs" -eq "$n_docs" ] || fail "$n_inputs inputs but $n_docs docs/*.json"

checker=$src/tests/output/schema_check.py
"$python" "$checker" "$src/schemas" document "$work"/j2/docs/*.json || fail "docs/*.json not schema-valid"
"$python" "$checker" "$src/schemas" item "$work/j2/items.jsonl" || fail "items.jsonl not schema-valid"
"$python" "$checker" "$src/schemas" manifest "$work/j2/manifest.json" || fail "manifest.json not schema-valid"

# A second run into the same folder processes nothing and changes nothing.
cp "$work/j2/items.jsonl" "$work/before.jsonl"
"$plansift" run -q -j 2 -o "$work/j2" "$src/corpus/docs" || fail "second run exited $?"
"$python" - "$work/j2/manifest.json" "$n_inputs" <<'PY' || fail "second run did not skip every input"
import json, sys
m = json.load(open(sys.argv[1]))
entries = m["inputs"] if isinstance(m, dict) and "inputs" in m else m
statuses = [e["status"] for e in entries]
sys.exit(0 if len(statuses) == int(sys.argv[2]) and set(statuses) == {"unchanged"} else 1)
PY
cmp -s "$work/before.jsonl" "$work/j2/items.jsonl" || fail "second run changed items.jsonl"

if [ $failures -gt 0 ]; then
  echo "corpus: $failures failures"
  exit 1
fi
echo "corpus: all checks passed ($n_docs documents)"
