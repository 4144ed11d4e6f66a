#!/usr/bin/env bash
# LibreOffice round trip of the shipped templates: the example content of
# Twente and Rijnmond, rendered in both formats, is converted to PDF by
# `soffice --headless`; each PDF must exist and (when pdftotext is present)
# hold the document's title and no leftover tag. Labelled slow (file name
# *_slow.sh); skipped (77) when soffice is absent.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/templates_examples.bash"
require_soffice

create_examples
render_examples "$WORK/out"
mkdir -p "$WORK/pdf"
for format in odt docx; do
  mkdir -p "$WORK/pdf/$format"
  if timeout 300 soffice --headless --convert-to pdf --outdir "$WORK/pdf/$format" "$WORK"/out/*."$format" \
       >"$WORK/soffice.log" 2>&1; then ok; else not_ok "soffice failed on the $format files: $(cat "$WORK/soffice.log")"; fi
done
for id in "${EXAMPLE_DOCUMENTS[@]}"; do
  for format in odt docx; do
    pdf="$WORK/pdf/$format/$id.pdf"
    if [[ -s $pdf ]]; then ok; else not_ok "$id.$format gave no PDF"; continue; fi
    if command -v pdftotext >/dev/null; then
      text=$(pdftotext -layout "$pdf" - 2>/dev/null)
      expect_contains "$text" "Regionaal Beraad" "$id.$format as PDF"
      expect_contains "$text" "Pagina 2 van" "$id.$format as PDF"
      if grep -q '{{' <<<"$text"; then not_ok "$id.$format as PDF shows a tag"; else ok; fi
    fi
  done
done
finish
