#!/usr/bin/env bash
# CLI conventions: exit codes 0/1/2, '-' as stdin, --help on stdout, one
# error line naming the file, nothing on stdout after a usage error.
#   cli.sh PLANSIFT SOURCE_DIR WORK_DIR
set -u
plansift=$1 src=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
failures=0
html=$src/tests/fixtures/html/spans.html
pdf=$src/tests/fixtures/pdf/ruled_table.pdf

# expect NAME STATUS STDOUT_TEST STDERR_PATTERN -- COMMAND...
#   STDOUT_TEST: empty | nonempty | json | any
expect () {
  local name=$1 want=$2 out_test=$3 err_pat=$4
  shift 5
  "$@" > "$work/out" 2> "$work/err" < "${STDIN:-/dev/null}"
  local got=$?
  local ok=1
  [ "$got" -eq "$want" ] || { echo "$name: exit $got, expected $want"; ok=0; }
  case $out_test in
    empty) [ ! -s "$work/out" ] || { echo "$name: stdout not empty"; ok=0; } ;;
    nonempty) [ -s "$work/out" ] || { echo "$name: stdout empty"; ok=0; } ;;
    json) python3 -m json.tool "$work/out" > /dev/null 2>&1 || { echo "$name: stdout is not JSON"; ok=0; } ;;
  esac
  if [ -n "$err_pat" ]; then
    grep -qE -- "$err_pat" "$work/err" || { echo "$name: stderr lacks /$err_pat/:"; sed 's/^/    /' "$work/err"; ok=0; }
  fi
  [ $ok -eq 1 ] || failures=$((failures + 1))
}

# Usage and help.
expect "no command" 2 empty "no command given" -- "$plansift"
expect "unknown command" 2 empty "unknown command 'frobnicate'" -- "$plansift" frobnicate
expect "--help" 0 nonempty "" -- "$plansift" --help
expect "--version" 0 nonempty "" -- "$plansift" --version
grep -qE '^plansift [0-9]+\.[0-9]+\.[0-9]+$' "$work/out" || { echo "--version: wrong format"; failures=$((failures + 1)); }
for cmd in ingest extract normalise output eval run; do
  expect "$cmd --help" 0 nonempty "" -- "$plansift" "$cmd" --help
  grep -q "plansift $cmd" "$work/out" || { echo "$cmd --help: does not name the command"; failures=$((failures + 1)); }
  expect "$cmd bad option" 2 empty "Try 'plansift $cmd --help'" -- "$plansift" "$cmd" --no-such-option
done
expect "ingest without file" 2 empty "no input file" -- "$plansift" ingest
expect "ingest two files" 2 empty "only one input file" -- "$plansift" ingest "$html" "$html"
expect "output bad format" 2 empty "unknown format 'xml'" -- "$plansift" output --format xml

# Inputs that cannot be read: one line naming the file, exit 1.
expect "missing file" 1 empty "^plansift: $work/none.pdf: cannot open: No such file" -- "$plansift" ingest "$work/none.pdf"
expect "directory" 1 empty "is a directory" -- "$plansift" ingest "$work"
: > "$work/empty.html"
expect "empty file" 1 empty "file is empty" -- "$plansift" ingest "$work/empty.html"
printf 'PK\003\004 a zip, not a plan' > "$work/plan.docx"
expect "unknown format" 1 empty "not a PDF or HTML document" -- "$plansift" ingest "$work/plan.docx"
printf '{"schema":"plansift/doc/1","document":{},"pages":7}' > "$work/bad.json"
expect "bad stage JSON" 1 empty "^plansift: $work/bad.json: .*pages" -- "$plansift" extract "$work/bad.json"
printf '{"schema": "something/else"}' > "$work/other.json"
expect "foreign JSON" 1 empty "not a plansift stage document" -- "$plansift" extract "$work/other.json"
printf '{"schema": ' > "$work/broken.json"
expect "broken JSON" 1 empty "not valid JSON" -- "$plansift" extract "$work/broken.json"
if [ -e "$src/tests/fixtures/pdf/encrypted.pdf" ]; then
  expect "encrypted PDF" 1 empty "^plansift: .*encrypted.pdf: .*encrypted" -- "$plansift" ingest "$src/tests/fixtures/pdf/encrypted.pdf"
  [ "$(wc -l < "$work/err")" -eq 1 ] || { echo "encrypted PDF: more than one line on stderr"; failures=$((failures + 1)); }
  expect "corrupt PDF" 1 empty "^plansift: .*truncated.pdf: " -- "$plansift" ingest "$src/tests/fixtures/pdf/truncated.pdf"
  [ "$(wc -l < "$work/err")" -eq 1 ] || { echo "corrupt PDF: more than one line on stderr"; failures=$((failures + 1)); }
fi

# Stages chain through pipes, '-' and a missing FILE both mean stdin, and
# stdin is named <stdin> in messages.
expect "ingest HTML" 0 json "" -- "$plansift" ingest "$html"
cp "$work/out" "$work/doc.json"
STDIN=$work/doc.json expect "extract from stdin" 0 json "" -- "$plansift" extract -
cp "$work/out" "$work/items.json"
STDIN=$work/doc.json expect "extract without FILE" 0 json "" -- "$plansift" extract
cmp -s "$work/out" "$work/items.json" || { echo "extract: '-' and no FILE differ"; failures=$((failures + 1)); }
STDIN=$work/items.json expect "normalise from stdin" 0 json "" -- "$plansift" normalise
cp "$work/out" "$work/norm.json"
STDIN=$work/norm.json expect "output json" 0 json "" -- "$plansift" output
STDIN=$work/broken.json expect "stdin named" 1 empty "^plansift: <stdin>: not valid JSON" -- "$plansift" normalise
STDIN=$work/norm.json expect "extract refuses items" 1 empty "already extracted" -- "$plansift" extract
STDIN=$work/doc.json expect "output refuses a model" 1 empty "not items JSON" -- "$plansift" output

# The pipe and the one-step commands agree.
"$plansift" normalise "$html" > "$work/direct.json"
cmp -s "$work/direct.json" "$work/norm.json" || { echo "normalise FILE differs from ingest | extract | normalise"; failures=$((failures + 1)); }

# A full disk is an error, not a silent truncation.
if [ -w /dev/full ]; then
  "$plansift" ingest "$html" > /dev/full 2> "$work/err"
  st=$?
  [ $st -eq 1 ] && grep -q "writing output failed" "$work/err" || { echo "/dev/full: exit $st"; failures=$((failures + 1)); }
fi

if [ $failures -gt 0 ]; then
  echo "cli: $failures failures"
  exit 1
fi
echo "cli: all passed"
