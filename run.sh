#!/usr/bin/env bash
# Sets everything up (Debian packages, configure, build) and runs plansift
# over the bundled corpus, writing JSON under out/.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh build -DCMAKE_BUILD_TYPE=RelWithDebInfo

out=${OUT:-out}
mkdir -p "$out/docs"
failed=0
for f in corpus/docs/*.html corpus/docs/*.pdf; do
  [ -e "$f" ] || continue
  name=$(basename "$f")
  tmp="$out/docs/.$name.json.tmp"
  if build/cli/plansift ingest "$f" > "$tmp"; then
    mv "$tmp" "$out/docs/$name.json"
  else
    rm -f "$tmp"
    failed=1
  fi
done
echo "run: wrote $(ls "$out/docs" | wc -l) documents under $out/docs" >&2
exit $failed
