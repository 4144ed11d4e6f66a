#!/usr/bin/env bash
# beraad diff and beraad redline on a real store: a convenant with three
# versions, the structural and word changes named in text and JSON, a redline
# in both formats holding tracked changes, and the error paths with their
# exit codes (docs/cli.md).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/diff_fixture.bash"

expect_exit 0 -- "$BERAAD" diff --help
expect_contains "$OUT" "Example:"
expect_contains "$OUT" "[-vier-]{+zes+}"
expect_exit 0 -- "$BERAAD" redline --help
expect_contains "$OUT" "t.o.v."

seed_partners
create_convenant
expect_exit 6 -- "$BERAAD" diff AM05-convenant-1
expect_contains "$ERR" "no earlier version"
add_versions_2_and_3

# Text: the latest against the one before, and a chosen pair.
expect_exit 0 -- "$BERAAD" diff AM05-convenant-1
expect_contains "$OUT" "version 2 -> 3"
expect_contains "$OUT" "toegevoegd  artikel 3"
expect_exit 0 -- "$BERAAD" diff AM05-convenant-1 --van 1 --naar 2
expect_contains "$OUT" "gewijzigd  aandeel gemeente-enschede / percentage: \"40\" -> \"45\" (+5)"
expect_contains "$OUT" "gewijzigd  aandeel gemeente-hengelo / percentage: \"20\" -> \"15\" (-5)"
expect_contains "$OUT" "@@ artikel 2 / lid 2 (gewijzigd)"
expect_contains "$OUT" "[-vier-]{+zes+}"
expect_exit 0 -- "$BERAAD" diff AM05-convenant-1 --van 2 --naar 2
expect_contains "$OUT" "no differences"

# JSON: stable fields, amounts as numbers.
expect_exit 0 -- "$BERAAD" diff AM05-convenant-1 --van 1 --naar 3 --json
json=$OUT
check=$(python3 - "$json" <<'PY'
import json, sys
d = json.loads(sys.argv[1])
assert d["document"] == "AM05-convenant-1" and d["van"]["nummer"] == 1 and d["naar"]["nummer"] == 3, d
assert d["gelijk"] is False
share = [c for c in d["structuur"] if c["label"] == "aandeel gemeente-enschede / percentage"][0]
assert share["wijziging"] == "gewijzigd" and share["oudGetal"] == 40 and share["nieuwGetal"] == 45 and share["verschil"] == 5, share
added = [c for c in d["structuur"] if c["label"] == "artikel 3"][0]
assert added["wijziging"] == "toegevoegd" and "Geschillen" in added["nieuw"] and "oud" not in added, added
lid = [t for t in d["tekst"] if t["label"] == "artikel 2 / lid 2"][0]
assert {"soort": "verwijderd", "tekst": "vier"} in lid["woorden"] and {"soort": "toegevoegd", "tekst": "zes"} in lid["woorden"], lid
print("ok")
PY
)
expect_contains "$check" "ok" "diff --json checks"

# An uitvoeringsagenda: an amount of an action and a new action, named by
# their identity, the amount as numbers.
expect_exit 0 -- "$BERAAD" document create "${as_km[@]}" --soort beleidsagenda --regio AM05 \
  --inhoud "$examples/beleidsagenda.xml" --bericht "Meerjarenagenda"
expect_exit 0 -- "$BERAAD" document create "${as_km[@]}" --soort uitvoeringsagenda --regio AM05 \
  --beleidsagenda AM05-beleidsagenda-1 --inhoud "$examples/uitvoeringsagenda.xml" --bericht "Uitvoering"
expect_exit 0 -- "$BERAAD" content get AM05-uitvoeringsagenda-1 --output "$WORK/u1.xml"
python3 - "$WORK/u1.xml" "$WORK/u2.xml" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
assert text.count('bedrag="300000.00"') == 1  # A1, 2027, impulsbudget
text = text.replace('bedrag="300000.00"', 'bedrag="275000.00"')
open(sys.argv[2], "w", encoding="utf-8").write(text)
PY
expect_exit 0 -- "$BERAAD" content set AM05-uitvoeringsagenda-1 "${as_km[@]}" --basis 1 --inhoud "$WORK/u2.xml" \
  --bericht "minder impulsbudget 2027"
expect_exit 0 -- "$BERAAD" diff AM05-uitvoeringsagenda-1
expect_contains "$OUT" "gewijzigd  actie A1 / post 2027 impulsbudget / bedrag: \"300000.00\" -> \"275000.00\" (-25000)"
expect_exit 0 -- "$BERAAD" diff AM05-uitvoeringsagenda-1 --json
check=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); c=d["structuur"][0]; print("ok" if (c["oudGetal"], c["nieuwGetal"], c["verschil"]) == (300000, 275000, -25000) else c)' "$OUT")
expect_contains "$check" "ok" "amount as numbers"

# Errors: unknown version or document (3), bad options (2), out of scope (7);
# version 1 alone has nothing to compare with (6, above).
expect_exit 3 -- "$BERAAD" diff AM05-convenant-1 --van 1 --naar 9
expect_contains "$ERR" "version 9"
expect_exit 3 -- "$BERAAD" diff AM05-convenant-7
expect_exit 2 -- "$BERAAD" diff AM05-convenant-1 --van een
expect_exit 3 -- "$BERAAD" diff AM05-convenant-1 --role auditor --scope AM22
expect_exit 2 -- "$BERAAD" redline AM05-convenant-1 --formaat pdf
expect_exit 3 -- "$BERAAD" redline AM05-convenant-1 --van 5 --formaat docx --output "$WORK/x.docx"

# Redline in both formats: tracked insertions and deletions are in the package.
cd "$WORK" || exit 1
expect_exit 0 -- "$BERAAD" redline AM05-convenant-1 --van 1 --naar 3 --formaat docx
expect_contains "$OUT" "AM05-convenant-1-v3-t.o.v.-v1.docx"
docx=$(unzip -p "$WORK/AM05-convenant-1-v3-t.o.v.-v1.docx" word/document.xml)
expect_contains "$docx" "<w:delText xml:space=\"preserve\">vier</w:delText>" "redline document.xml"
expect_contains "$docx" "<w:ins " "redline document.xml"
expect_contains "$docx" "Geschillen" "redline document.xml"
expect_exit 0 -- "$BERAAD" redline AM05-convenant-1 --van 1 --naar 3 --formaat odt --json \
  --output "$WORK/redline.odt"
expect_contains "$OUT" "\"invoegingen\""
odt=$(unzip -p "$WORK/redline.odt" content.xml)
expect_contains "$odt" "<text:tracked-changes>" "redline content.xml"
expect_contains "$odt" "<text:deletion>" "redline content.xml"
expect_contains "$odt" "<text:insertion>" "redline content.xml"
odf="${BERAAD_SHARED_DIR:-$BERAAD_SOURCE_DIR/../shared}/schemas/odf/OpenDocument-v1.3-schema.rng"
if [[ -f $odf ]] && command -v xmllint >/dev/null; then
  unzip -p "$WORK/redline.odt" content.xml >"$WORK/redline-content.xml"
  expect_exit 0 -- xmllint --noout --relaxng "$odf" "$WORK/redline-content.xml"
else
  echo "note: ../shared/schemas/odf or xmllint absent: the shipped template's ODT redline is not validated"
fi
# The DOCX redline of the shipped template against ECMA-376 wml.xsd.
"$BERAAD_BIN_DIR/beraad-ooxml-check" "$WORK/AM05-convenant-1-v3-t.o.v.-v1.docx" >"$WORK/xsd" 2>&1
case $? in
  0) ok ;;
  77) echo "note: ../shared/schemas/ooxml absent: the shipped template's DOCX redline is not validated" ;;
  *) not_ok "the DOCX redline is not valid WordprocessingML: $(head -n 5 "$WORK/xsd")" ;;
esac
first=$(unzip -Z1 "$WORK/redline.odt" | head -1)
[[ $first == mimetype ]] && ok || not_ok "mimetype is not the first entry of the ODT redline: $first"

finish
