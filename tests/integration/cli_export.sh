#!/usr/bin/env bash
# With the real beraad binary: a convenant of Twente (AM05) taken to
# ondertekend, exported as JSON, CSV and a ZIP bundle by an auditor; the bundle
# verifies offline (and by hand with sha256sum), its MDTO files validate
# (xmllint, when ../shared is present), and a bundle tampered with in four
# ways is refused with exit 8 naming the file and the event or version.
source "$(dirname "$0")/lib.sh"
today=$(TZ=Europe/Amsterdam date +%F)  # decisions and signatures may not be dated ahead
examples="$BERAAD_SOURCE_DIR/templates/voorbeelden/twente"
mdto_schema="${BERAAD_SHARED_DIR:-$BERAAD_SOURCE_DIR/../shared}/schemas/mdto/MDTO-XML1.0.1.xsd"
as_sec=(--as "Sanne Secretariaat" --role secretariaat --scope AM05)
as_km=(--as "Kees Kwartiermaker" --role kwartiermaker --scope AM05)
as_aud=(--as "Anna Auditor" --role auditor --scope AM05)
conv=AM05-convenant-1
command -v unzip >/dev/null && command -v zip >/dev/null || { echo "zip/unzip missing (scripts/setup)"; exit 77; }

partners=$(cat <<'PARTNERS'
gemeente-enschede|Gemeente Enschede|centrumgemeente|J. de Vries|wethouder
gemeente-hengelo|Gemeente Hengelo|gemeente|A. Bakker|wethouder
uwv|UWV|uwv|M. Jansen|regiomanager
sbb|SBB|sbb|P. Visser|regiodirecteur
vno-ncw-midden|VNO-NCW Midden|werkgeversorganisatie|S. Smit|regiomanager
fnv|FNV Twente|werknemersorganisatie|R. Meijer|regiobestuurder
roc-van-twente|ROC van Twente|contactschool|L. de Boer|bestuurder
PARTNERS
)
while IFS='|' read -r key name kind person function; do
  "$BERAAD" partner add "${as_sec[@]}" --regio AM05 --sleutel "$key" --naam "$name" --soort "$kind" \
    --vertegenwoordiger "$person|$function" >/dev/null || not_ok "partner $key"
done <<<"$partners"

# The convenant: three versions, decided, vastgesteld and signed by every party.
expect_exit 0 -- "$BERAAD" document create "${as_km[@]}" --soort samenwerkingsconvenant --regio AM05 \
  --inhoud "$examples/samenwerkingsconvenant.xml" --bericht "Eerste concept"
"$BERAAD" content get "$conv" --output "$WORK/v1.xml"
sed 's/vier keer per jaar/zes keer per jaar/' "$WORK/v1.xml" > "$WORK/v2.xml"
expect_exit 0 -- "$BERAAD" content set "$conv" "${as_km[@]}" --basis 1 --inhoud "$WORK/v2.xml" --bericht "zes keer"
sed 's/zes keer per jaar/vijf keer per jaar/' "$WORK/v2.xml" > "$WORK/v3.xml"
expect_exit 0 -- "$BERAAD" content set "$conv" "${as_km[@]}" --basis 2 --inhoud "$WORK/v3.xml" --bericht "vijf keer, met \"aanhalingstekens\", en komma's"
expect_exit 0 -- "$BERAAD" transition fire "$conv" ter-consultatie "${as_km[@]}"
expect_exit 0 -- "$BERAAD" transition fire "$conv" ter-besluitvorming "${as_km[@]}"
while IFS='|' read -r key _ _ person _; do
  "$BERAAD" decision record "$conv" "${as_sec[@]}" --partner "$key" --besluit akkoord --vertegenwoordiger "$person" \
    --datum "$today" --vergadering "RB Twente 12 maart 2026" --agendapunt 4 >/dev/null || not_ok "decision $key"
done <<<"$partners"
expect_exit 0 -- "$BERAAD" transition fire "$conv" vaststellen "${as_sec[@]}"
while IFS='|' read -r key _ _ person function; do
  "$BERAAD" signature record "$conv" "${as_sec[@]}" --partner "$key" --ondertekenaar "$person" --functie "$function" \
    --plaats Enschede --datum "$today" >/dev/null || not_ok "signature $key"
done <<<"$partners"
expect_exit 0 -- "$BERAAD" transition fire "$conv" ondertekenen "${as_sec[@]}"

expect_exit 0 -- "$BERAAD" export --help
expect_contains "$OUT" "Example:" "export --help"
expect_exit 0 -- "$BERAAD" bundle verify --help
expect_contains "$OUT" "Example:" "bundle verify --help"

cd "$WORK" || exit 1
# JSON: default file name, a summary on stdout (--json for scripts), no progress when not asked.
expect_exit 0 -- "$BERAAD" export "$conv" "${as_aud[@]}"
expect_contains "$OUT" "to $conv-export.json"
[[ -z $ERR ]] && ok || not_ok "progress on a non-terminal stderr: $ERR"
expect_contains "$(cat "$conv-export.json")" '"vorigeHash":"0000000000000000000000000000000000000000000000000000000000000000"'
expect_contains "$(cat "$conv-export.json")" '"ondertekeningen":[{'
expect_exit 0 -- "$BERAAD" export "$conv" "${as_aud[@]}" --formaat json --met-inhoud --uitvoer met-inhoud.json --json --voortgang
expect_contains "$OUT" '"versies": 3'
expect_contains "$ERR" "export: 3/3 versions" "progress with --voortgang"
[[ $OUT != *export:* ]] && ok || not_ok "progress in --json output"
expect_contains "$(cat met-inhoud.json)" '"inhoud":"<samenwerkingsconvenant'

# CSV to stdout: a header and one row per event.
events=$("$BERAAD" history "$conv" --json | grep -c '"volgnummer"')
expect_exit 0 -- "$BERAAD" export "$conv" "${as_aud[@]}" --formaat csv --uitvoer -
rows=$(printf '%s\n' "$OUT" | wc -l)
[[ $rows -eq $((events + 1)) ]] && ok || not_ok "csv has $rows lines for $events events"
expect_contains "$OUT" 'stroom,volgnummer,tijdstip,soort,actor,rol,document,versie,inhoudHash,hash,vorigeHash,gegevens'
expect_contains "$OUT" '\""aanhalingstekens\""' "csv quoting"

# CSV for Excel with Dutch settings (issue 21): BOM, ';' between fields, the same rows; a
# value Excel would run as a formula (an actor named "=HYPERLINK(...)") is shown as text.
expect_exit 0 -- "$BERAAD" partner add --as '=HYPERLINK("http://127.0.0.1/x";"klik")' --role secretariaat \
  --scope AM05 --regio AM05 --sleutel cwi --naam "Stichting Sûdwest" --soort sociaal-ontwikkelbedrijf --rol samenwerkingspartner
expect_exit 0 -- "$BERAAD" export --regio AM05 "${as_aud[@]}" --formaat csv-excel --uitvoer am05-excel.csv
python3 - am05-excel.csv "$events" <<'PY' && ok || not_ok "csv-excel is not what Dutch Excel reads"
import csv, sys
raw = open(sys.argv[1], "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte order mark"
rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
assert rows[0][:3] == ["stroom", "volgnummer", "tijdstip"], rows[0]
assert all(len(row) == 12 for row in rows), "a row without 12 fields"
actors = [row[4] for row in rows[1:]]
assert "'=HYPERLINK(\"http://127.0.0.1/x\";\"klik\")" in actors, actors
assert not any(a.startswith("=") for a in actors)
assert any(row[6] == "AM05-convenant-1" for row in rows), "the document's events"
assert any("Sûdwest" in row[11] for row in rows), "UTF-8 text"
PY
expect_exit 0 -- "$BERAAD" export --regio AM05 "${as_aud[@]}" --formaat csv --uitvoer am05.csv
[[ $(wc -l <am05.csv) -eq $(wc -l <am05-excel.csv) ]] && ok || not_ok "csv and csv-excel differ in rows"
grep -q '^regio:AM05,.*,"=HYPERLINK(""http' am05.csv && ok || not_ok "the plain csv keeps the value exactly"

# Refusals: a partner may not export (7), an unknown document (3), a bad format (2).
expect_exit 7 -- "$BERAAD" export "$conv" --role partner --scope AM05 --partner uwv
expect_exit 3 -- "$BERAAD" export AM05-convenant-9 "${as_aud[@]}"
expect_exit 2 -- "$BERAAD" export "$conv" "${as_aud[@]}" --formaat pdf
[[ ! -e AM05-convenant-9-export.json && ! -e AM05-convenant-9-export.json.part ]] && ok || not_ok "a refused export left a file"

# The bundle, with renderings; verified offline and by hand.
expect_exit 0 -- "$BERAAD" export "$conv" "${as_aud[@]}" --formaat zip
expect_contains "$OUT" "to $conv-export.zip"
expect_exit 0 -- "$BERAAD" bundle verify "$conv-export.zip" --store /nonexistent/never-opened.sqlite
expect_contains "$OUT" "bundle intact"
[[ ! -e /nonexistent/never-opened.sqlite ]] && ok || not_ok "bundle verify opened a store"
expect_exit 0 -- "$BERAAD" bundle verify "$conv-export.zip" --json
expect_contains "$OUT" '"intact": true'
mkdir bundle && (cd bundle && unzip -q "../$conv-export.zip")
expect_exit 0 -- bash -c "cd bundle && sha256sum --quiet -c manifest.sha256"
folder="bundle/documenten/$conv"
[[ -f $folder/versies/3/$conv-v3.odt && -f $folder/versies/3/$conv-v3.docx ]] && ok || not_ok "renderings missing"
expect_contains "$(cat "$folder/versies.jsonl")" '"sjabloonVersie":"sha256:'
expect_contains "$(cat "$folder/$conv.mdto.xml")" "<begripLabel>Vaststelling</begripLabel>"
expect_contains "$(cat "$folder/$conv.mdto.xml")" "<begripLabel>Ondertekening</begripLabel>"
expect_contains "$(cat "$folder/$conv.mdto.xml")" "<verwijzingNaam>FNV Twente</verwijzingNaam>"
if [[ -f $mdto_schema ]] && command -v xmllint >/dev/null; then
  mdto_files=$(find bundle -name '*.mdto.xml' | sort)
  # shellcheck disable=SC2086
  expect_exit 0 -- xmllint --noout --nonet --schema "$mdto_schema" $mdto_files
  [[ $(wc -l <<<"$mdto_files") -eq $((1 + 3 * 3)) ]] && ok || not_ok "expected 10 MDTO files: $mdto_files"
else
  echo "SKIP: MDTO validation (../shared/schemas/mdto or xmllint absent)"
fi

# tamper NAME COMMAND...: copies the unpacked bundle, changes it, zips it again.
tamper() {
  local name=$1; shift
  rm -rf "t-$name" && cp -r bundle "t-$name"
  (cd "t-$name" && "$@") || not_ok "tampering $name"
  (cd "t-$name" && zip -qr "../$name.zip" .)
}
hash1=$(sed -n 1p "$folder/versies.jsonl" | sed 's/.*"inhoudHash":"\([0-9a-f]*\)".*/\1/')
tamper byte sed -i 's/vijf keer per jaar/vijf keer per jaaR/' "documenten/$conv/versies/3/inhoud.xml"
tamper dropped sed -i '5d' gebeurtenissen.jsonl
tamper swapped sed -i '3{h;d};4{G}' gebeurtenissen.jsonl
tamper hash sed -i "s/$hash1/$(printf 'a%.0s' {1..64})/" "documenten/$conv/versies.jsonl"

expect_exit 8 -- "$BERAAD" bundle verify byte.zip
expect_contains "$OUT" "documenten/$conv/versies/3/inhoud.xml: SHA-256"
expect_contains "$OUT" "version 3: the content hashes to"
expect_contains "$OUT" "BUNDLE DOES NOT VERIFY"
expect_exit 8 -- "$BERAAD" bundle verify dropped.zip
expect_contains "$OUT" "gebeurtenissen.jsonl:5: document:$conv, event 6: first broken link: expected event 5, found event 6"
expect_exit 8 -- "$BERAAD" bundle verify swapped.zip
expect_contains "$OUT" "gebeurtenissen.jsonl:3: document:$conv, event 4: first broken link: expected event 3, found event 4"
expect_exit 8 -- "$BERAAD" bundle verify hash.zip --json
expect_contains "$OUT" '"intact": false'
expect_contains "$OUT" "version 1: the record says content hash aaaa"
expect_exit 1 -- "$BERAAD" bundle verify missing.zip

# A region: every document and the region's log; without renderings.
expect_exit 0 -- "$BERAAD" export --regio AM05 "${as_aud[@]}" --formaat zip --zonder-weergaven
expect_contains "$OUT" "to AM05-export.zip"
expect_exit 0 -- "$BERAAD" bundle verify AM05-export.zip
expect_contains "$OUT" "2 streams"
expect_exit 7 -- "$BERAAD" export --regio AM22 "${as_aud[@]}"

finish
