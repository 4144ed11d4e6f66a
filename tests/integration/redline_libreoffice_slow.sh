#!/usr/bin/env bash
# LibreOffice reads our redlines as tracked changes: the DOCX and ODT redline
# of AM05-convenant-1 (version 3 against 1) convert to PDF, and converting
# each to the other format gives tracked changes again (ODT: changed regions
# with insertions and deletions; DOCX: w:ins and w:del). Had LibreOffice
# taken our marks as plain text, the conversions would hold none.
# Labelled slow; skips (77) when soffice is absent.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/diff_fixture.bash"
require_soffice

seed_partners
create_convenant
add_versions_2_and_3
for format in docx odt; do
  expect_exit 0 -- "$BERAAD" redline AM05-convenant-1 --van 1 --naar 3 --formaat "$format" \
    --output "$WORK/redline.$format"
done

convert() {  # convert FILE FORMAT OUTDIR
  mkdir -p "$3"
  if timeout 180 soffice --headless --convert-to "$2" --outdir "$3" "$1" >"$WORK/log" 2>&1; then ok; else
    not_ok "LibreOffice could not convert $1 to $2: $(cat "$WORK/log")"
  fi
}

for format in docx odt; do
  convert "$WORK/redline.$format" pdf "$WORK/pdf-$format"
  [[ -s "$WORK/pdf-$format/redline.pdf" ]] && ok || not_ok "no PDF from redline.$format"
  if command -v pdftotext >/dev/null && [[ -s "$WORK/pdf-$format/redline.pdf" ]]; then
    expect_contains "$(pdftotext "$WORK/pdf-$format/redline.pdf" -)" "Geschillen" "PDF of redline.$format"
  fi
done

convert "$WORK/redline.docx" odt "$WORK/from-docx"
content=$(unzip -p "$WORK/from-docx/redline.odt" content.xml 2>/dev/null)
expect_contains "$content" "<text:changed-region" "DOCX redline read by LibreOffice"
expect_contains "$content" "<text:insertion>" "DOCX redline read by LibreOffice"
expect_contains "$content" "<text:deletion>" "DOCX redline read by LibreOffice"
expect_contains "$content" "vier" "deleted word kept by LibreOffice"

convert "$WORK/redline.odt" docx "$WORK/from-odt"
document=$(unzip -p "$WORK/from-odt/redline.docx" word/document.xml 2>/dev/null)
expect_contains "$document" "<w:ins " "ODT redline read by LibreOffice"
expect_contains "$document" "<w:del " "ODT redline read by LibreOffice"
expect_contains "$document" "<w:delText" "ODT redline read by LibreOffice"

finish
