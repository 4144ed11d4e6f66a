#!/usr/bin/env bash
# Every shipped template (samenwerkingsconvenant, beleidsagenda,
# uitvoeringsagenda; ODT and DOCX) rendered with the example content of
# Twente and Rijnmond through the real CLI: no tag is left, Dutch dates and
# amounts read as expected, the concept is marked, every part is well-formed,
# every ODT part validates against the ODF 1.3 schema and every DOCX part
# against ECMA-376 wml.xsd (each skipped, with a message, when its schemas
# are absent from ../shared/schemas). BERAAD_TEMPLATES overrides
# the compiled-in templates.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/templates_examples.bash"
odf="${BERAAD_SHARED_DIR:-$BERAAD_SOURCE_DIR/../shared}/schemas/odf"

create_examples
render_examples "$WORK/out"

# text_of FILE: the text of every XML part, tags removed, one paragraph a line.
text_of() {
  local file=$1 dir
  dir="$WORK/unpacked/$(basename "$file")"
  rm -rf "$dir" && mkdir -p "$dir" && unzip -q -o "$file" -d "$dir"
  find "$dir" -name '*.xml' -print0 | sort -z | xargs -0 cat | tr -d '\n' | sed -E 's#>[[:space:]]+<#><#g' |
    sed -e 's#</w:p>#\n#g; s#</text:p>#\n#g; s#</text:h>#\n#g' -e 's#<w:tab/># #g; s#<text:tab/># #g; s#<[^>]*>##g'
}

for id in "${EXAMPLE_DOCUMENTS[@]}"; do
  for format in odt docx; do
    file="$WORK/out/$id.$format"
    text=$(text_of "$file")
    dir="$WORK/unpacked/$id.$format"
    if grep -q '{{\|}}' <<<"$text"; then not_ok "$id.$format has leftover tags: $(grep -m3 '{{\|}}' <<<"$text")"; else ok; fi
    for part in $(cd "$dir" && find . -name '*.xml' -o -name '*.rels'); do
      if xmllint --noout "$dir/$part" 2>/dev/null; then ok; else not_ok "$id.$format: $part is not well-formed"; fi
    done
    expect_contains "$text" "CONCEPT" "$id.$format"
    expect_contains "$text" "Dit is een concept" "$id.$format"
    expect_contains "$text" "versie 1" "$id.$format"
    case $id in
      AM05-convenant-1)
        expect_contains "$text" "Regionaal Beraad Twente" "$id.$format"
        expect_contains "$text" "De ondergetekenden" "$id.$format"
        expect_contains "$text" "In aanmerking nemende" "$id.$format"
        expect_contains "$text" "Dit convenant treedt in werking op 1 januari 2026." "$id.$format"
        expect_contains "$text" "Het convenant eindigt op 31 december 2030." "$id.$format"
        expect_contains "$text" "Artikel 3 Besluitvorming in het Regionaal Beraad" "$id.$format"
        expect_contains "$text" "Een besluit vergt de instemming van alle kernpartners" "$id.$format"
        expect_contains "$text" "Uitvoeringsinstituut Werknemersverzekeringen (UWV)" "$id.$format"
        expect_contains "$text" "€ 827.390" "$id.$format"
        expect_contains "$text" "€ 3.242.725" "$id.$format"   # 5 x structureel 648.545
        expect_contains "$text" "100%" "$id.$format" ;;
      AM22-convenant-1)
        expect_contains "$text" "Regionaal Beraad Rijnmond" "$id.$format"
        expect_contains "$text" "Dit convenant treedt in werking op 1 juli 2025." "$id.$format"
        expect_contains "$text" "€ 910.129" "$id.$format"
        expect_contains "$text" "47,5%" "$id.$format"
        expect_contains "$text" "meer dan 66,67% van de uitgebrachte stemmen" "$id.$format"
        expect_contains "$text" "ten minste 75% van de leden" "$id.$format"
        expect_contains "$text" "1,35 fte" "$id.$format"
        expect_contains "$text" "€ 25.000" "$id.$format"
        expect_contains "$text" "Bijlage 3. Afspraken over de thematafels" "$id.$format"
        expect_contains "$text" "D. Çelik" "$id.$format" ;;
      AM05-beleidsagenda-1)
        expect_contains "$text" "14.250 vacatures" "$id.$format"
        expect_contains "$text" "3,6%" "$id.$format"
        expect_contains "$text" "30 juni 2025" "$id.$format"
        expect_contains "$text" "Ambitie amb-1: Meer mensen aan het werk in krapteberoepen" "$id.$format" ;;
      AM22-beleidsagenda-1)
        expect_contains "$text" "Human Capital Agenda Haven" "$id.$format"
        expect_contains "$text" "58.700 personen" "$id.$format"
        expect_contains "$text" "31 december 2024" "$id.$format" ;;
      AM05-uitvoeringsagenda-1)
        expect_contains "$text" "Ambitie amb-1: Meer mensen aan het werk in krapteberoepen" "$id.$format"
        expect_contains "$text" "Actie A1: Zij-instroom in de zorg" "$id.$format"
        expect_contains "$text" "UWV" "$id.$format"
        expect_contains "$text" "Gemeente Enschede en ROC van Twente" "$id.$format"
        expect_contains "$text" "€ 250.000" "$id.$format"
        expect_contains "$text" "€ 827.390" "$id.$format"
        expect_contains "$text" "€ 427.390" "$id.$format"   # 2026: 827.390 - 400.000
        expect_contains "$text" "1 februari 2026" "$id.$format" ;;
      AM22-uitvoeringsagenda-1)
        expect_contains "$text" "Actie A4: Geen jongere tussen wal en schip" "$id.$format"
        expect_contains "$text" "UWV, Albeda en FNV Regio Rotterdam" "$id.$format"
        expect_contains "$text" "ESF+" "$id.$format"
        expect_contains "$text" "€ 1.116.977" "$id.$format"
        expect_contains "$text" "€ 1.825.000" "$id.$format" ;;  # impuls allocated 775.000 + 1.050.000
    esac
  done
done

# The context a template sees.
expect_exit 0 -- "$BERAAD" render AM05-convenant-1 --context
expect_contains "$OUT" '<document id="AM05-convenant-1"'
expect_contains "$OUT" 'regionaam="Twente"'
expect_contains "$OUT" 'partnernaam="Gemeente Enschede"'

# Templates from the override folder (here: the unpacked sources).
expect_exit 0 -- env BERAAD_TEMPLATES="$BERAAD_SOURCE_DIR/templates" "$BERAAD" render AM05-convenant-1 \
  --formaat docx --output "$WORK/override.docx" --json
expect_contains "$OUT" "\"sjabloonBron\": \"$BERAAD_SOURCE_DIR/templates/samenwerkingsconvenant/docx\""
expect_exit 0 -- "$BERAAD" render AM05-convenant-1 --formaat odt --output "$WORK/default.odt" --json
expect_contains "$OUT" '"sjabloonBron": "ingebouwd"'
expect_exit 2 -- "$BERAAD" render AM05-convenant-1 --formaat pdf
expect_exit 3 -- "$BERAAD" render AM05-convenant-9 --formaat odt
expect_exit 0 -- "$BERAAD" render --help
expect_contains "$OUT" "Example:"

# Every ODT part against the ODF 1.3 RelaxNG schema.
if [[ -f "$odf/OpenDocument-v1.3-schema.rng" ]]; then
  for id in "${EXAMPLE_DOCUMENTS[@]}"; do
    dir="$WORK/unpacked/$id.odt"
    for part in content.xml styles.xml meta.xml; do
      if xmllint --noout --relaxng "$odf/OpenDocument-v1.3-schema.rng" "$dir/$part" 2>"$WORK/rng"; then ok
      else not_ok "$id.odt: $part is not valid ODF 1.3: $(tail -n 5 "$WORK/rng")"; fi
    done
    if xmllint --noout --relaxng "$odf/OpenDocument-v1.3-manifest-schema.rng" "$dir/META-INF/manifest.xml" 2>"$WORK/rng"; then ok
    else not_ok "$id.odt: manifest is not valid: $(tail -n 5 "$WORK/rng")"; fi
  done
else
  echo "SKIP: ODF schema validation ($odf absent)"
fi

# Every WordprocessingML part against ECMA-376 wml.xsd, after Markup
# Compatibility processing (tests/support/OoxmlCheck.h).
for id in "${EXAMPLE_DOCUMENTS[@]}"; do
  file="$WORK/out/$id.docx"
  "$BERAAD_BIN_DIR/beraad-ooxml-check" "$file" >"$WORK/xsd" 2>&1
  case $? in
    0) ok ;;
    77) echo "SKIP: DOCX schema validation ($(cat "$WORK/xsd"))"; break ;;
    *) not_ok "$id.docx is not valid WordprocessingML: $(head -n 5 "$WORK/xsd")" ;;
  esac
done
finish
