#!/usr/bin/env bash
# The real beraad binary on a real SQLite file: each core command's success
# path, its main error paths with their exit codes, and tampering found by
# verify.
source "$(dirname "$0")/lib.sh"
examples="$BERAAD_SOURCE_DIR/templates/voorbeelden/twente"
as_sec=(--as "Sanne Secretariaat" --role secretariaat --scope AM05)
as_km=(--as "Kees Kwartiermaker" --role kwartiermaker --scope AM05)

# Help and usage.
expect_exit 0 -- "$BERAAD" --help
expect_contains "$OUT" "document create"
expect_exit 0 -- "$BERAAD" document create --help
expect_contains "$OUT" "Example:"
expect_exit 2 -- "$BERAAD" frobnicate
expect_contains "$ERR" "unknown command"
expect_exit 2 -- "$BERAAD" document create --regio AM05
expect_contains "$ERR" "is required"
expect_exit 2 -- "$BERAAD" regio list --role koning

# Reference data on a new store.
expect_exit 0 -- "$BERAAD" regio list --json
count=$(grep -c '"code"' <<<"$OUT")
[[ $count -eq 35 ]] && ok || not_ok "regio list --json gave $count regions"
expect_exit 0 -- "$BERAAD" budget
expect_contains "$OUT" "€ 910.129"
expect_exit 3 -- "$BERAAD" regio show AM99
expect_exit 7 -- "$BERAAD" regio correct AM30 --centrumgemeente Heerlen --bron "test"
expect_exit 0 -- "$BERAAD" regio correct AM30 --centrumgemeente Heerlen --bron "Convenant 2025" --role beheerder
expect_exit 0 -- "$BERAAD" history AM30 --json
expect_contains "$OUT" "centrumgemeente-gecorrigeerd"

# Partners.
while IFS='|' read -r key kind; do
  expect_exit 0 -- "$BERAAD" partner add "${as_sec[@]}" --regio AM05 --sleutel "$key" --naam "Organisatie $key" \
    --soort "$kind" --vertegenwoordiger "Naam $key|bestuurder|$key@example.org"
done <<'ROWS'
gemeente-enschede|centrumgemeente
gemeente-hengelo|gemeente
uwv|uwv
sbb|sbb
vno-ncw-midden|werkgeversorganisatie
fnv|werknemersorganisatie
roc-van-twente|contactschool
ROWS
expect_exit 6 -- "$BERAAD" partner add "${as_sec[@]}" --regio AM05 --sleutel "Fout Sleutel" --naam X --soort bank
expect_contains "$ERR" "sleutel"
expect_contains "$ERR" "soort"
expect_exit 7 -- "$BERAAD" partner add --role secretariaat --scope AM22 --regio AM05 --sleutel x --naam X --soort uwv
expect_exit 0 -- "$BERAAD" regio show AM05
expect_contains "$OUT" "every kernpartner kind"

# Documents and versions.
expect_exit 6 -- "$BERAAD" document create "${as_km[@]}" --soort samenwerkingsconvenant --regio AM05 \
  --inhoud <(sed 's/unanimiteit-kernpartners/loting/' "$examples/samenwerkingsconvenant.xml") --bericht "kapot"
expect_contains "$ERR" "line "
expect_exit 0 -- "$BERAAD" document list --json
expect_contains "$OUT" "[]" "no document may be stored after refused content"
expect_exit 1 -- "$BERAAD" document create "${as_km[@]}" --soort samenwerkingsconvenant --regio AM05 \
  --inhoud "$WORK/does-not-exist.xml" --bericht "x"
expect_contains "$ERR" "does-not-exist.xml"
# Input budgets: a content file over 4 MiB is refused unread (a 20 MB file was
# stored, 451 MB RSS), also from standard input; a title over 500 characters
# breaks the schema; nothing is stored.
head -c $((4 * 1024 * 1024 + 1)) /dev/zero | tr '\0' x > "$WORK/huge.xml"
expect_exit 1 -- "$BERAAD" document create "${as_km[@]}" --soort samenwerkingsconvenant --regio AM05 \
  --inhoud "$WORK/huge.xml" --bericht "groot"
expect_contains "$ERR" "is larger than the 4194304 bytes it may be" "content budget"
OUT=$("$BERAAD" document create "${as_km[@]}" --soort samenwerkingsconvenant --regio AM05 \
  --inhoud - --bericht "groot" <"$WORK/huge.xml" 2>"$WORK/stderr"); code=$?
[[ $code -eq 1 ]] && ok || not_ok "content over its budget on stdin: exit $code"
long_title=$(printf '%*s' 501 '' | tr ' ' T)
expect_exit 6 -- "$BERAAD" document create "${as_km[@]}" --soort samenwerkingsconvenant --regio AM05 \
  --inhoud <(sed "0,/<titel>[^<]*</s//<titel>$long_title</" "$examples/samenwerkingsconvenant.xml") --bericht "lange titel"
expect_contains "$ERR" "titel" "title budget"
expect_exit 0 -- "$BERAAD" document list --json
expect_contains "$OUT" "[]" "no document may be stored after refused input"
expect_exit 0 -- "$BERAAD" document create "${as_km[@]}" --soort samenwerkingsconvenant --regio AM05 \
  --inhoud "$examples/samenwerkingsconvenant.xml" --bericht "Eerste concept"
expect_contains "$OUT" "AM05-convenant-1"
expect_exit 0 -- "$BERAAD" content get AM05-convenant-1 --output "$WORK/v1.xml"
sed 's/vier keer per jaar/zes keer per jaar/' "$WORK/v1.xml" > "$WORK/v2.xml"
expect_exit 0 -- "$BERAAD" content set AM05-convenant-1 "${as_km[@]}" --basis 1 --inhoud "$WORK/v2.xml" --bericht "zes keer"
expect_contains "$OUT" "saved version 2"
expect_exit 4 -- "$BERAAD" content set AM05-convenant-1 "${as_km[@]}" --basis 1 --inhoud "$WORK/v2.xml" --bericht "te laat"
expect_contains "$ERR" "latest version is 2"
expect_exit 0 -- "$BERAAD" content get AM05-convenant-1 --versie 1
expect_contains "$OUT" "vier keer per jaar" "version 1"
expect_exit 3 -- "$BERAAD" content get AM05-convenant-1 --versie 7
expect_exit 3 -- "$BERAAD" document show AM05-convenant-9
expect_exit 7 -- "$BERAAD" content set AM05-convenant-1 --role auditor --basis 2 --inhoud "$WORK/v2.xml" --bericht x
expect_exit 0 -- "$BERAAD" version list AM05-convenant-1 --json
expect_contains "$OUT" '"auteur": "Kees Kwartiermaker"'
# Text output shows Europe/Amsterdam times; --json keeps the UTC of the chain.
utc=$(python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["tijdstip"])' <<<"$OUT")
[[ $utc == *Z ]] && ok || not_ok "version list --json time is not UTC: $utc"
local_time=$(TZ=Europe/Amsterdam date -d "$utc" "+%F %H:%M")
expect_exit 0 -- "$BERAAD" version list AM05-convenant-1
expect_contains "$OUT" "1       $local_time" "version list in Amsterdam time"
expect_exit 0 -- "$BERAAD" document show AM05-convenant-1
expect_contains "$OUT" "aangemaakt:     $local_time door" "document show in Amsterdam time"
expect_exit 0 -- "$BERAAD" history AM05-convenant-1 --json
expect_contains "$OUT" '"soort": "versie-toegevoegd"'
expect_exit 0 -- "$BERAAD" verify AM05-convenant-1 --role auditor
expect_contains "$OUT" "intact, 2 events"
expect_exit 0 -- "$BERAAD" verify --role auditor

# Tampering directly in the file is found and reported with exit code 8.
sqlite3 "$BERAAD_STORE" "DROP TRIGGER events_are_immutable; UPDATE events SET actor = 'Iemand Anders' WHERE stream = 'document:AM05-convenant-1' AND sequence = 1;"
expect_exit 8 -- "$BERAAD" verify AM05-convenant-1 --role auditor
expect_contains "$OUT" "event 1"
expect_exit 8 -- "$BERAAD" verify --role auditor --json
expect_contains "$OUT" '"intact": false'

# A file that is not a store is refused with the store exit code.
echo "geen database, maar tekst die lang genoeg is om als kop te worden gelezen door SQLite........" > "$WORK/bad.sqlite"
expect_exit 9 -- "$BERAAD" regio list --store "$WORK/bad.sqlite"

finish
