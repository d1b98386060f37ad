#!/usr/bin/env bash
# Render corpus HTML reconstructions to PDF with two producers:
#   NAME.html -> NAME.chromium.pdf     (headless Chromium over the DevTools protocol)
#             -> NAME.libreoffice.pdf  (LibreOffice Writer over UNO)
#
# usage: corpus/tools/render.sh [--only chromium|libreoffice] [NAME.html ...]
#
# With no files, renders every corpus/docs/*.html.  Each PDF is written next
# to its HTML file, atomically, and only replaced when its bytes change.
# Dates and IDs in the PDFs are pinned (SOURCE_DATE_EPOCH, default
# 2024-01-01T00:00:00Z) so a rerun on the same HTML and the same producer
# versions gives the same files.
#
# Tools (Debian packages): chromium, nodejs, libreoffice-writer-nogui (or
# libreoffice-writer), python3-uno (for /usr/bin/python3), qpdf,
# poppler-utils, fonts-liberation2.  This script installs nothing.
#
# Environment: CHROMIUM, NODE, SOFFICE, PYTHON_UNO override the tool paths.

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
docs=$(cd "$here/../docs" && pwd)

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
NODE=${NODE:-$(command -v node || echo /usr/bin/node)}
SOFFICE=${SOFFICE:-/usr/bin/soffice}
PYTHON_UNO=${PYTHON_UNO:-/usr/bin/python3}

usage() {
  sed -n '2,/^$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
}

only=all
inputs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --only)
      [ $# -ge 2 ] || usage
      only=$2; shift 2
      case "$only" in chromium|libreoffice) ;; *) usage ;; esac ;;
    --only=*)
      only=${1#--only=}; shift
      case "$only" in chromium|libreoffice) ;; *) usage ;; esac ;;
    -h|--help) usage ;;
    --) shift; inputs+=("$@"); break ;;
    -*) echo "render.sh: unknown option $1" >&2; usage ;;
    *) inputs+=("$1"); shift ;;
  esac
done

# ------------------------------------------------------------------ tools
missing=()
need() { # need DESCRIPTION PACKAGE TEST...
  local what=$1 pkg=$2; shift 2
  if ! "$@" >/dev/null 2>&1; then missing+=("  $what  (Debian package: $pkg)"); fi
}
want_chromium=0; want_lo=0
[ "$only" = libreoffice ] || want_chromium=1
[ "$only" = chromium ] || want_lo=1

if [ $want_chromium = 1 ]; then
  need "Chromium at $CHROMIUM" chromium test -x "$CHROMIUM"
  need "Node.js >= 18 ($NODE)" nodejs "$NODE" -e 'process.exit(+process.versions.node.split(".")[0] >= 18 ? 0 : 1)'
fi
if [ $want_lo = 1 ]; then
  need "LibreOffice Writer at $SOFFICE" "libreoffice-writer-nogui" test -x "$SOFFICE"
  if [ "$SOFFICE" = /usr/bin/soffice ]; then
    need "LibreOffice Writer" "libreoffice-writer-nogui" test -e /usr/lib/libreoffice/program/libswlo.so
  fi
  need "Python with the uno module ($PYTHON_UNO)" python3-uno "$PYTHON_UNO" -c 'import uno'
fi
need "qpdf" qpdf command -v qpdf
need "pdffonts/pdftotext" poppler-utils command -v pdffonts
need "Liberation Sans font" fonts-liberation2 sh -c 'fc-list | grep -q "Liberation Sans"'
if [ ${#missing[@]} -gt 0 ]; then
  echo "render.sh: missing tools:" >&2
  printf '%s\n' "${missing[@]}" >&2
  echo "install them with apt-get install, then run this again." >&2
  exit 3
fi

# ------------------------------------------------------------------ inputs
if [ ${#inputs[@]} -eq 0 ]; then
  shopt -s nullglob
  inputs=("$docs"/*.html)
  shopt -u nullglob
  if [ ${#inputs[@]} -eq 0 ]; then
    echo "render.sh: no HTML files in corpus/docs" >&2
    exit 1
  fi
fi
sources=()
for f in "${inputs[@]}"; do
  if [ ! -f "$f" ] && [ -f "$docs/$f" ]; then f="$docs/$f"; fi
  if [ ! -f "$f" ]; then echo "render.sh: no such file: $f" >&2; exit 2; fi
  case "$f" in *.html|*.htm) ;; *) echo "render.sh: not an HTML file: $f" >&2; exit 2 ;; esac
  sources+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")")
done

work=$(mktemp -d "${TMPDIR:-/tmp}/plansift-render.XXXXXX")
staged=()
cleanup() {
  rm -rf "$work"
  local s
  for s in "${staged[@]:-}"; do
    if [ -n "$s" ]; then rm -f "$s"; fi
  done
}
trap 'rc=$?; cleanup; exit $rc' EXIT
trap 'exit 130' INT TERM

stem() { local b; b=$(basename "$1"); echo "${b%.*}"; }

# Each source gets a numbered work name, so that two inputs with the same
# file name from different folders cannot collide.
chromium_args=(); lo_args=()
i=0
for src in "${sources[@]}"; do
  i=$((i + 1))
  chromium_args+=("$src" "$work/$i.chromium.pdf")
  lo_args+=("$src" "$work/$i.libreoffice.pdf")
done

status=0
if [ $want_chromium = 1 ]; then
  echo "render.sh: Chromium: printing ${#sources[@]} file(s)" >&2
  "$NODE" "$here/print-chromium.mjs" --chromium "$CHROMIUM" "${chromium_args[@]}" || status=1
fi
if [ $want_lo = 1 ]; then
  echo "render.sh: LibreOffice: converting ${#sources[@]} file(s)" >&2
  # soffice's launcher complains about Java, which is not used here.
  "$PYTHON_UNO" "$here/convert_libreoffice.py" --soffice "$SOFFICE" "${lo_args[@]}" \
    2> >(grep -v 'javaldx' >&2) || status=1
fi

# ------------------------------------------------------------------ install
i=0
for src in "${sources[@]}"; do
  i=$((i + 1))
  dir=$(dirname "$src"); name=$(stem "$src")
  for producer in chromium libreoffice; do
    [ $producer = chromium ] && [ $want_chromium = 0 ] && continue
    [ $producer = libreoffice ] && [ $want_lo = 0 ] && continue
    out="$work/$i.$producer.pdf"
    dest="$dir/$name.$producer.pdf"
    if [ ! -s "$out" ]; then
      echo "render.sh: $name: $producer produced no PDF" >&2; status=1; continue
    fi
    "$PYTHON_UNO" "$here/fix_pdf_metadata.py" "$out"
    if ! qpdf --check "$out" >/dev/null 2>&1; then
      echo "render.sh: $name: $producer PDF fails qpdf --check" >&2; status=1; continue
    fi
    if pdffonts "$out" 2>/dev/null | awk 'NR > 2 && $(NF-4) != "yes" { bad = 1 } END { exit !bad }'; then
      echo "render.sh: warning: $name.$producer.pdf has fonts that are not embedded" >&2
    fi
    if [ -z "$(pdftotext "$out" - 2>/dev/null | tr -d '[:space:]' | head -c 1)" ]; then
      echo "render.sh: $name: $producer PDF has no text" >&2; status=1; continue
    fi
    pages=$(pdfinfo "$out" 2>/dev/null | awk '/^Pages:/ { print $2 }')
    if [ -f "$dest" ] && cmp -s "$out" "$dest"; then
      echo "render.sh: $name.$producer.pdf unchanged ($pages pages)" >&2
      continue
    fi
    tmp="$dir/.$name.$producer.pdf.tmp$$"
    staged+=("$tmp")
    cp "$out" "$tmp"
    mv -f "$tmp" "$dest"
    echo "render.sh: wrote $name.$producer.pdf ($pages pages)" >&2
  done
done
exit $status
