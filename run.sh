#!/usr/bin/env bash
# Sets everything up (Debian packages, configure, build) and runs plansift
# over the bundled corpus, writing JSON under out/ (OUT overrides):
# out/docs/NAME.json per document, out/items.jsonl, out/items.csv and
# out/manifest.json.  Extra arguments go to plansift run (e.g. --force).
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh build -DCMAKE_BUILD_TYPE=RelWithDebInfo
build/cli/plansift run -o "${OUT:-out}" "$@" corpus/docs
