#!/usr/bin/env bash
# Over REST: the export resources of a document and a region (JSON,
# CSV, ZIP with Content-Disposition), who may use them, and the
# bundel-verificaties resource on a clean and a tampered bundle.
source "$(dirname "$0")/lib.sh"
examples="$BERAAD_SOURCE_DIR/templates/voorbeelden/twente"
command -v curl >/dev/null || { echo "curl missing"; exit 77; }

for row in gemeente-enschede:centrumgemeente gemeente-hengelo:gemeente uwv:uwv sbb:sbb \
           vno-ncw-midden:werkgeversorganisatie fnv:werknemersorganisatie roc-van-twente:contactschool; do
  "$BERAAD" partner add --role secretariaat --regio AM05 --sleutel "${row%%:*}" --naam "${row%%:*}" \
    --soort "${row##*:}" >/dev/null 2>&1 || not_ok "partner ${row%%:*}"
done
"$BERAAD" document create --role kwartiermaker --soort samenwerkingsconvenant --regio AM05 \
  --inhoud "$examples/samenwerkingsconvenant.xml" --bericht "Eerste concept" >/dev/null || not_ok "document"
issue() { "$BERAAD" token create --role beheerder --persoon "$1" --rol "$2" --regio "$3" 2>/dev/null; }
AUDITOR=$(issue "Anna Auditor" auditor AM05)
DRAFTER=$(issue "Kees Kwartiermaker" kwartiermaker AM05)
ELSEWHERE=$(issue "Rob Rijnmond" auditor AM22)

mkdir -p "$WORK/tmp"  # where the server spools exports
TMPDIR="$WORK/tmp" start_server --store "$BERAAD_STORE" --threads 2
api="$SERVER_URL/api/v1"

# call TOKEN METHOD PATH [curl args...]: STATUS, the body in $WORK/body, headers in $WORK/headers.
call() {
  local tok=$1 method=$2 path=$3; shift 3
  STATUS=$(curl -s -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' -X "$method" \
    -H "Authorization: Bearer $tok" "$@" "$api$path")
}
check_status() { if [[ $STATUS == "$1" ]]; then ok; else not_ok "$2: status $STATUS, expected $1: $(cat "$WORK/body")"; fi; }

call "$AUDITOR" GET "/documenten/AM05-convenant-1/export"
check_status 200 "json export"
expect_contains "$(cat "$WORK/headers")" "Content-Type: application/json" "json headers"
expect_contains "$(cat "$WORK/headers")" 'filename="AM05-convenant-1-export.json"' "json headers"
expect_contains "$(cat "$WORK/headers")" "Beraad-Documenten: 1" "json export counts"
expect_contains "$(cat "$WORK/headers")" "Beraad-Bestanden: 0" "json export counts"
expect_contains "$(cat "$WORK/body")" '"formaat":"beraad-export-v1"'

call "$AUDITOR" GET "/documenten/AM05-convenant-1/export?formaat=csv"
check_status 200 "csv export"
expect_contains "$(cat "$WORK/headers")" "text/csv" "csv headers"
expect_contains "$(head -1 "$WORK/body")" "stroom,volgnummer"

call "$AUDITOR" GET "/regios/AM05/export?formaat=zip&weergaven=false"
check_status 200 "region bundle"
expect_contains "$(cat "$WORK/headers")" 'filename="AM05-export.zip"' "zip headers"
[[ $(grep -i '^Beraad-Bestanden:' "$WORK/headers" | tr -dc 0-9) -eq $(unzip -Z1 "$WORK/body" | wc -l) ]] &&
  ok || not_ok "Beraad-Bestanden is not the number of files in the bundle"
cp "$WORK/body" "$WORK/bundle.zip"
length=$(tr -d '\r' <"$WORK/headers" | sed -n 's/^[Cc]ontent-[Ll]ength: //p')
if [[ $length == "$(stat -c %s "$WORK/bundle.zip")" ]]; then ok
else not_ok "the spooled zip was sent with Content-Length '$length', $(stat -c %s "$WORK/bundle.zip") bytes arrived"; fi

call "$AUDITOR" POST /bundel-verificaties -H "Content-Type: application/zip" --data-binary @"$WORK/bundle.zip"
check_status 200 "verify clean bundle"
expect_contains "$(cat "$WORK/body")" '"intact":true'

# An event dropped from the log (the bundle unpacked and packed again).
if command -v unzip >/dev/null && command -v zip >/dev/null; then
  mkdir "$WORK/t" && (cd "$WORK/t" && unzip -q ../bundle.zip && sed -i '2d' gebeurtenissen.jsonl && zip -qr ../tampered.zip .)
  call "$AUDITOR" POST /bundel-verificaties -H "Content-Type: application/zip" --data-binary @"$WORK/tampered.zip"
  check_status 200 "verify tampered bundle"
  expect_contains "$(cat "$WORK/body")" '"intact":false'
  expect_contains "$(cat "$WORK/body")" '"bestand":"gebeurtenissen.jsonl"'
else
  echo "SKIP: tampering (zip/unzip absent; scripts/setup installs them)"
fi

call "$AUDITOR" POST /bundel-verificaties -H "Content-Type: application/json" --data '{}'
check_status 415 "verify without zip"
call "$AUDITOR" GET "/documenten/AM05-convenant-1/export?formaat=pdf"
check_status 400 "unknown format"
call "$AUDITOR" GET "/documenten/AM05-convenant-1/export?weergaven=misschien"
check_status 400 "bad boolean"
call "$DRAFTER" GET "/documenten/AM05-convenant-1/export"
check_status 403 "kwartiermaker may not export"
call "$ELSEWHERE" GET "/regios/AM05/export"
check_status 403 "out of scope"
call "$AUDITOR" GET "/documenten/AM05-convenant-9/export"
check_status 404 "unknown document"

# Exports are spooled to a file, not held in memory; the file goes with the
# response, whether it was sent or refused.
left=$(find "$WORK/tmp" -name 'beraad-response-*' | wc -l)
if [[ $left == 0 ]]; then ok; else not_ok "$left spooled export file(s) left behind in TMPDIR"; fi

finish
