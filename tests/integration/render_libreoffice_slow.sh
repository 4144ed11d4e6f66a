#!/usr/bin/env bash
# LibreOffice round trip: every golden case that renders is rendered to .docx
# and .odt, converted to PDF by `soffice --headless`, and converted once more
# to the other format to prove LibreOffice read the text we wrote.
# Labelled slow (file name *_slow.sh); needs libreoffice-writer-nogui
# (scripts/setup installs it); skips with a message when soffice is absent.
set -euo pipefail

bin="${BERAAD_BIN_DIR:?}/beraad-render-bench"
source_dir="${BERAAD_SOURCE_DIR:?}"
if ! command -v soffice >/dev/null; then
  echo "SKIP: soffice not installed (scripts/setup installs libreoffice-writer-nogui)"
  exit 0
fi
if [[ ! -x "$bin" ]]; then
  echo "FAIL: $bin not built" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home"  # a private LibreOffice profile
mkdir -p "$HOME"

failures=0
checked=0
# Render every case first, then let one LibreOffice run convert all files of
# a format (a start of soffice costs seconds; one per file made this test the
# slowest of the suite).
cases=()
for case_dir in "$source_dir"/tests/golden/*/; do
  name=$(basename "$case_dir")
  [[ "$name" == _* ]] && continue
  for format in docx odt; do
    [[ -d "$case_dir/$format" && -d "$case_dir/expected/$format" ]] || continue
    [[ -f "$case_dir/expected/$format/problems.txt" ]] && continue
    template="$work/$name-$format-template"
    cp -r "$source_dir/tests/golden/_skeleton/$format" "$template"
    cp -r "$case_dir/$format/." "$template/"
    mkdir -p "$work/$format"
    options=()
    grep -qs missing-values-as-empty "$case_dir/options" && options=(--missing-as-empty)
    if ! "$bin" render "$template" "$case_dir/content.xml" "$work/$format/$name.$format" "${options[@]}"; then
      echo "FAIL: $name ($format) does not render"
      failures=$((failures + 1))
      continue
    fi
    cases+=("$name.$format")
  done
done

for format in docx odt; do
  other=$([[ $format == docx ]] && echo odt || echo docx)
  timeout 900 soffice --headless --convert-to pdf --outdir "$work/pdf-$format" "$work/$format"/*."$format" \
    >"$work/log-pdf-$format" 2>&1 || { echo "soffice (pdf, $format) ended badly:"; cat "$work/log-pdf-$format"; }
  timeout 900 soffice --headless --convert-to "$other" --outdir "$work/back-$format" "$work/$format"/*."$format" \
    >"$work/log-back-$format" 2>&1 || { echo "soffice ($other, $format) ended badly:"; cat "$work/log-back-$format"; }
done

for file in "${cases[@]}"; do
  name=${file%.*}
  format=${file##*.}
  other=$([[ $format == docx ]] && echo odt || echo docx)
  if [[ ! -s "$work/pdf-$format/$name.pdf" ]]; then
    echo "FAIL: LibreOffice could not convert $file to PDF"
    failures=$((failures + 1))
    continue
  fi
  back="$work/back-$format/$name.$other"
  # A value every rendering case shows, in the text LibreOffice read back
  # (any part: footnotes and headers count).
  [[ -s "$back" ]] && unzip -p "$back" '*.xml' >"$work/text.xml" 2>/dev/null || : >"$work/text.xml"
  if ! grep -q -e "Gemeente Enschede" -e "Samenwerkingsconvenant Twente" -e "UWV" -e "Na de tabel" "$work/text.xml"; then
    echo "FAIL: LibreOffice did not read the rendered text of $file"
    failures=$((failures + 1))
    continue
  fi
  echo "ok: $file -> pdf, $other"
  checked=$((checked + 1))
done

# A large table too.
"$bin" template "$work/bench-template"
{
  echo "<tabel><titel>Groot</titel>"
  for i in $(seq 1 2000); do echo "<rij><naam>Partner $i</naam><plaats>Enschede</plaats><datum>2026-01-01</datum><bedrag>$i.50</bedrag></rij>"; done
  echo "</tabel>"
} >"$work/big.xml"
"$bin" render "$work/bench-template" "$work/big.xml" "$work/big.docx"
if timeout 300 soffice --headless --convert-to pdf --outdir "$work" "$work/big.docx" >"$work/log" 2>&1 && [[ -s "$work/big.pdf" ]]; then
  echo "ok: 2,000-row table -> pdf"
  checked=$((checked + 1))
else
  echo "FAIL: 2,000-row table does not convert"; cat "$work/log"
  failures=$((failures + 1))
fi

echo "$checked documents converted, $failures failures"
[[ $failures -eq 0 && $checked -gt 0 ]]
