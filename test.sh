#!/usr/bin/env bash
# Sets everything up (Debian packages, configure, build) and runs the whole
# test suite with ctest twice: a normal build, and an ASan+UBSan build.
set -euo pipefail
cd "$(dirname "$0")"
jobs=$(nproc)

echo "== build (RelWithDebInfo)" >&2
scripts/setup.sh build -DCMAKE_BUILD_TYPE=RelWithDebInfo
ctest --test-dir build --output-on-failure -j "$jobs"

echo "== build-asan (Debug, address + undefined sanitizers)" >&2
scripts/setup.sh build-asan -DCMAKE_BUILD_TYPE=Debug -DPLANSIFT_SANITIZE=address,undefined
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs"
