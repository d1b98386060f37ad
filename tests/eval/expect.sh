#!/bin/sh
# expect.sh CODE STDOUT STDERR COMMAND...
# Runs COMMAND and fails unless it exits with CODE, its standard output
# matches the grep -E pattern STDOUT and its standard error the pattern
# STDERR.  A pattern of "-" skips that check; "EMPTY" wants no output at all.
code=$1 want_out=$2 want_err=$3
shift 3
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
"$@" >"$out" 2>"$err"
got=$?
status=0
check () { # name file pattern
  if [ "$3" = EMPTY ]; then
    if [ -s "$2" ]; then echo "FAIL: $1 should be empty"; status=1; fi
  elif [ "$3" != - ] && ! grep -Eq -- "$3" "$2"; then
    echo "FAIL: $1 does not match: $3"; status=1
  fi
}
if [ "$got" != "$code" ]; then
  echo "FAIL: exit status $got, expected $code"
  status=1
fi
check stdout "$out" "$want_out"
check stderr "$err" "$want_err"
if [ $status != 0 ]; then
  echo "command: $*"
  echo "--- stdout"; cat "$out"
  echo "--- stderr"; cat "$err"
fi
exit $status
