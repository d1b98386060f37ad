#!/bin/sh
# plansift ingest on the PDF fixtures: exit 0 and the document model on
# stdout for a readable PDF; exit 1 and one line naming the file on stderr
# for one that is not.
#
# usage: cli.sh PLANSIFT FIXTURE_DIR

plansift=$1
dir=$2
# Under LeakSanitizer, the statistics of suppressed leaks would land on
# stderr; leaks themselves still fail the run.
LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}print_suppressions=0"
export LSAN_OPTIONS
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
failures=0

# expect STATUS STDERR_TEXT ARGS...: STDERR_TEXT "" means stderr is empty.
expect() {
  status=$1
  text=$2
  shift 2
  "$plansift" ingest "$@" >"$out" 2>"$err"
  got=$?
  if [ "$got" != "$status" ]; then
    echo "cli.sh: plansift ingest $*: exit $got, expected $status" >&2
    failures=$((failures + 1))
  fi
  if [ -z "$text" ]; then
    if [ -s "$err" ]; then
      echo "cli.sh: plansift ingest $*: unexpected stderr: $(cat "$err")" >&2
      failures=$((failures + 1))
    fi
  elif [ "$(wc -l <"$err")" != 1 ] || ! grep -qF "$text" "$err"; then
    echo "cli.sh: plansift ingest $*: stderr is not one line with \"$text\": $(cat "$err")" >&2
    failures=$((failures + 1))
  fi
  if [ "$status" = 0 ] && ! grep -q '"schema":[[:space:]]*"plansift/doc/1"' "$out"; then
    echo "cli.sh: plansift ingest $*: no document model on stdout" >&2
    failures=$((failures + 1))
  fi
  if [ "$status" != 0 ] && [ -s "$out" ]; then
    echo "cli.sh: plansift ingest $*: output on failure" >&2
    failures=$((failures + 1))
  fi
}

expect 0 "" "$dir/ruled_table.pdf"
expect 0 "" --no-graphics "$dir/ruled_table.pdf"
expect 0 "" --password user "$dir/encrypted.pdf"
expect 1 "plansift: $dir/encrypted.pdf: document is encrypted" "$dir/encrypted.pdf"
expect 1 "plansift: $dir/encrypted.pdf: wrong password" --password nope "$dir/encrypted.pdf"
expect 1 "plansift: $dir/truncated.pdf: damaged PDF" "$dir/truncated.pdf"
expect 1 "plansift: $dir/garbage.pdf: damaged PDF" "$dir/garbage.pdf"
expect 1 "plansift: $dir/zero_pages.pdf: PDF has no pages" "$dir/zero_pages.pdf"
expect 1 "plansift: $dir/ruled_table.pdf: PDF has 2 pages, over the limit of 1" \
  --max-pages 1 "$dir/ruled_table.pdf"
expect 0 "" - <"$dir/bullets.pdf"

if [ "$failures" != 0 ]; then
  echo "cli.sh: $failures failed" >&2
  exit 1
fi
echo "cli.sh: all passed" >&2
