#!/usr/bin/env bash
# beraad template lint / tags on the real binary: the shipped templates pass,
# a broken copy exits 6 with every problem (code, part, paragraph, tag), a
# packed .odt is read like its folder, and neither command needs a store.
source "$(dirname "$0")/lib.sh"
shipped="$BERAAD_SOURCE_DIR/templates"
export BERAAD_STORE="$WORK/never-created.sqlite"

expect_exit 0 -- "$BERAAD" template lint "$shipped"
[[ $(grep -c ': ok (' <<<"$OUT") -eq 6 ]] && ok || not_ok "six shipped templates lint clean: $OUT"
expect_exit 0 -- "$BERAAD" template lint "$shipped/samenwerkingsconvenant/docx" --json
expect_contains "$OUT" '"foutloos": true'

# A copy with three mistakes in its first paragraph.
cp -r "$shipped/samenwerkingsconvenant/odt" "$WORK/kapot"
python3 - "$WORK/kapot/content.xml" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
at = text.index("{{")
open(path, "w", encoding="utf-8").write(
    text[:at] + "{{#each nergens}} {{ titel | onbekend }} {{ foo[ }}" + text[at:])
PY
expect_exit 6 -- "$BERAAD" template lint "$WORK/kapot"
expect_contains "$OUT" "3 problems"
expect_contains "$OUT" "unknown-formatter  content.xml, paragraph 1, {{ titel | onbekend }}"
expect_contains "$OUT" "xpath-syntax  content.xml, paragraph 1, {{ foo[ }}"
expect_contains "$OUT" "unclosed-section  content.xml, paragraph 1, {{#each nergens}}"
expect_contains "$ERR" "3 template problems"
expect_exit 6 -- "$BERAAD" template lint "$WORK/kapot" --json
expect_contains "$OUT" '"foutloos": false'
expect_contains "$OUT" '"code": "xpath-syntax"'
expect_contains "$OUT" '"deel": "content.xml"'
expect_contains "$OUT" '"alinea": 1'
expect_contains "$OUT" '"tag": "{{ titel | onbekend }}"'

# Packed as an .odt (mimetype first, stored), found inside a folder.
mkdir -p "$WORK/map"
if command -v zip >/dev/null; then
  (cd "$WORK/kapot" && zip -q -X -0 "$WORK/map/kapot.odt" mimetype && zip -q -X -r "$WORK/map/kapot.odt" . -x mimetype)
  expect_exit 6 -- "$BERAAD" template lint "$WORK/map"
  expect_contains "$OUT" "kapot.odt: 3 problems"
fi

expect_exit 0 -- "$BERAAD" template tags "$shipped/beleidsagenda/odt"
expect_contains "$OUT" "DEEL"
expect_contains "$OUT" "each"
expect_exit 0 -- "$BERAAD" template tags "$shipped/beleidsagenda/odt" --json
expect_contains "$OUT" '"expressie":'
expect_contains "$OUT" '"soort": "value"'

expect_exit 3 -- "$BERAAD" template lint "$WORK/bestaat-niet"
expect_contains "$ERR" "no template at"
mkdir -p "$WORK/leeg"
expect_exit 3 -- "$BERAAD" template tags "$WORK/leeg"
echo "geen zip" >"$WORK/kapot.docx"
expect_exit 6 -- "$BERAAD" template lint "$WORK/kapot.docx"
expect_exit 2 -- "$BERAAD" template lint
[[ ! -e $BERAAD_STORE ]] && ok || not_ok "template commands created a store"

finish
