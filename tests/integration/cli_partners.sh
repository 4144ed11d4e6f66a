#!/usr/bin/env bash
# The partner register through the real CLI and server: writes need a named
# actor on a local store, partial updates keep what they do not name, one
# centrumgemeente per region, and uittreding as a recorded event (locally,
# over REST with a JSON merge patch, and with beraad --server).
source "$(dirname "$0")/lib.sh"
as_sec=(--as "Sanne Secretariaat" --role secretariaat --scope AM05)

# Who did it: a write without --as or BERAAD_ACTOR is refused, a read is not.
expect_exit 0 -- env -u BERAAD_ACTOR "$BERAAD" regio show AM05
expect_exit 2 -- env -u BERAAD_ACTOR "$BERAAD" partner add --role secretariaat --regio AM05 \
  --sleutel uwv --naam UWV --soort uwv
expect_contains "$ERR" "--as NAME or BERAAD_ACTOR=NAME" "anonymous write"
expect_exit 0 -- env -u BERAAD_ACTOR "$BERAAD" partner list AM05
[[ $OUT != *uwv* ]] && ok || not_ok "the refused write registered uwv: $OUT"
expect_exit 2 -- env BERAAD_ACTOR= "$BERAAD" regio correct AM30 --centrumgemeente Heerlen \
  --bron test --role beheerder
expect_exit 0 -- env -u BERAAD_ACTOR "$BERAAD" partner add "${as_sec[@]}" --regio AM05 \
  --sleutel uwv --naam UWV --soort uwv --vertegenwoordiger "M. Jansen|regiomanager|m.jansen@uwv.nl"
expect_exit 0 -- "$BERAAD" history AM05 --json
expect_contains "$OUT" '"actor": "Sanne Secretariaat"' "history"

# partner add on a registered partner, and partner update, change only what they name.
expect_exit 0 -- "$BERAAD" partner add "${as_sec[@]}" --regio AM05 --sleutel uwv --naam "UWV Twente" --soort uwv
expect_contains "$OUT" "updated uwv (UWV Twente)"
expect_exit 0 -- "$BERAAD" partner list AM05 --json
expect_contains "$OUT" "M. Jansen" "representatives after partner add without --vertegenwoordiger"
expect_exit 0 -- "$BERAAD" partner update "${as_sec[@]}" --regio AM05 --sleutel uwv --rol kernpartner
expect_exit 0 -- "$BERAAD" partner list AM05 --json
expect_contains "$OUT" "UWV Twente" "name after partner update --rol"
expect_contains "$OUT" "M. Jansen" "representatives after partner update --rol"
expect_exit 0 -- "$BERAAD" partner update "${as_sec[@]}" --regio AM05 --sleutel uwv --geen-vertegenwoordigers
expect_exit 0 -- "$BERAAD" partner list AM05 --json
[[ $OUT != *"M. Jansen"* ]] && ok || not_ok "--geen-vertegenwoordigers kept them: $OUT"
expect_exit 3 -- "$BERAAD" partner update "${as_sec[@]}" --regio AM05 --sleutel onbekend --naam X

# One centrumgemeente; the change is: the old one changes soort first.
expect_exit 0 -- "$BERAAD" partner add "${as_sec[@]}" --regio AM05 --sleutel gemeente-enschede \
  --naam "Gemeente Enschede" --soort centrumgemeente
expect_exit 5 -- "$BERAAD" partner add "${as_sec[@]}" --regio AM05 --sleutel gemeente-almelo \
  --naam "Gemeente Almelo" --soort centrumgemeente
expect_contains "$ERR" "gemeente-enschede" "second centrumgemeente"
expect_exit 0 -- "$BERAAD" partner update "${as_sec[@]}" --regio AM05 --sleutel gemeente-enschede --soort gemeente
expect_exit 0 -- "$BERAAD" partner add "${as_sec[@]}" --regio AM05 --sleutel gemeente-almelo \
  --naam "Gemeente Almelo" --soort centrumgemeente

# Uittreding: recorded, kept, shown; a second one is refused.
expect_exit 0 -- "$BERAAD" partner add "${as_sec[@]}" --regio AM05 --sleutel opleider-x --naam "Opleider X" \
  --soort opleider --rol samenwerkingspartner
expect_exit 7 -- "$BERAAD" partner uittreden --as "Anna Auditor" --role auditor --regio AM05 --sleutel opleider-x \
  --datum 2026-09-01 --reden opgezegd
expect_exit 6 -- "$BERAAD" partner uittreden "${as_sec[@]}" --regio AM05 --sleutel opleider-x --datum 1-9-2026 --reden opgezegd
expect_exit 0 -- "$BERAAD" partner uittreden "${as_sec[@]}" --regio AM05 --sleutel opleider-x --datum 2026-09-01 \
  --reden "opgezegd bij brief van 1 juni 2026"
expect_contains "$OUT" "leaves the Beraad of AM05 on 2026-09-01"
expect_exit 5 -- "$BERAAD" partner uittreden "${as_sec[@]}" --regio AM05 --sleutel opleider-x --datum 2026-10-01 --reden nogmaals
expect_exit 5 -- "$BERAAD" partner update "${as_sec[@]}" --regio AM05 --sleutel opleider-x --naam Y
expect_exit 0 -- "$BERAAD" partner list AM05
expect_contains "$OUT" "uitgetreden 2026-09-01" "partner list"
expect_exit 0 -- "$BERAAD" history AM05 --json
expect_contains "$OUT" "partner-uitgetreden" "region history"
expect_exit 0 -- "$BERAAD" export --regio AM05 --formaat csv --uitvoer "$WORK/AM05.csv" --as "Anna Auditor" --role auditor
expect_contains "$(cat "$WORK/AM05.csv")" "partner-uitgetreden" "region export"
expect_exit 0 -- "$BERAAD" verify --as "Anna Auditor" --role auditor

# Over REST: PATCH with a JSON merge patch, POST .../uittredingen; then beraad --server.
KM=$("$BERAAD" token create --role beheerder --persoon "Kees Kwartiermaker" --rol kwartiermaker --regio AM05 2>/dev/null)
AUD=$("$BERAAD" token create --role beheerder --persoon "Anna Auditor" --rol auditor --regio '*' 2>/dev/null)
start_server --store "$BERAAD_STORE"
base="$SERVER_URL/api/v1"
req() {
  local method=$1 path=$2 tok=$3; shift 3
  STATUS=$(curl -s -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' -X "$method" \
    -H "Authorization: Bearer $tok" "$@" "$base$path")
  BODY=$(cat "$WORK/body")
}
expect_status() { if [[ $STATUS == "$1" ]]; then ok; else not_ok "$2: status $STATUS, expected $1; body: $BODY"; fi; }
etag() { grep -i '^ETag:' "$WORK/headers" | head -1 | cut -d' ' -f2- | tr -d '\r'; }

"$BERAAD" partner update "${as_sec[@]}" --regio AM05 --sleutel uwv \
  --vertegenwoordiger "M. Jansen|regiomanager" >/dev/null 2>&1
req GET /regios/AM05/partners/uwv "$KM"
tag=$(etag)
req PATCH /regios/AM05/partners/uwv "$KM" -H 'Content-Type: application/merge-patch+json' --data '{"naam":"UWV Oost"}'
expect_status 428 "PATCH without If-Match"
req PATCH /regios/AM05/partners/uwv "$KM" -H "If-Match: $tag" -H 'Content-Type: application/json' --data '{"naam":"UWV Oost"}'
expect_status 415 "PATCH that is no merge patch"
req PATCH /regios/AM05/partners/uwv "$KM" -H "If-Match: $tag" -H 'Content-Type: application/merge-patch+json' --data '{"naam":null}'
expect_status 400 "PATCH removing naam"
req PATCH /regios/AM05/partners/uwv "$AUD" -H "If-Match: $tag" -H 'Content-Type: application/merge-patch+json' --data '{"naam":"UWV Oost"}'
expect_status 403 "PATCH by an auditor"
req PATCH /regios/AM05/partners/uwv "$KM" -H "If-Match: $tag" -H 'Content-Type: application/merge-patch+json' --data '{"naam":"UWV Oost"}'
expect_status 200 "PATCH naam"
expect_contains "$BODY" '"M. Jansen"' "PATCH keeps the representatives"
expect_contains "$BODY" '"UWV Oost"' "PATCH naam"
req PATCH /regios/AM05/partners/uwv "$KM" -H "If-Match: $tag" -H 'Content-Type: application/merge-patch+json' --data '{"rol":"kernpartner"}'
expect_status 412 "PATCH with a stale ETag"
req PATCH /regios/AM05/partners/gemeente-enschede "$KM" -H 'If-Match: *' -H 'Content-Type: application/merge-patch+json' --data '{"soort":"centrumgemeente"}'
expect_status 409 "a second centrumgemeente over PATCH"
expect_contains "$BODY" "gemeente-almelo" "second centrumgemeente over PATCH"
req GET /regios/AM05/partners/uwv "$KM"
req POST /regios/AM05/partners/uwv/uittredingen "$KM" -H "If-Match: $(etag)" -H 'Content-Type: application/json' --data '{"datum":"2027-01-01"}'
expect_status 400 "uittreding without reden"
req GET /regios/AM05/partners/uwv "$KM"
req POST /regios/AM05/partners/uwv/uittredingen "$KM" -H "If-Match: $(etag)" -H 'Content-Type: application/json' --data '{"datum":"2027-01-01","reden":"fusie"}'
expect_status 201 "uittreding"
expect_contains "$BODY" '"uitgetredenOp":"2027-01-01"' "uittreding"
req GET /regios/AM05/partners/uwv "$KM"
req PUT /regios/AM05/partners/uwv "$KM" -H "If-Match: $(etag)" -H 'Content-Type: application/json' --data '{"naam":"UWV","soort":"uwv","uitgetredenOp":""}'
expect_status 409 "PUT of a partner that left"

remote=(env -u BERAAD_STORE BERAAD_SERVER="$SERVER_URL" BERAAD_TOKEN="$KM" "$BERAAD")
expect_exit 3 -- "${remote[@]}" partner update --regio AM05 --sleutel gemeente-hengelo --naam X
expect_exit 0 -- "${remote[@]}" partner update --regio AM05 --sleutel gemeente-almelo --naam "Gemeente Almelo (O)"
expect_exit 5 -- "${remote[@]}" partner update --regio AM05 --sleutel gemeente-enschede --soort centrumgemeente
expect_exit 0 -- "${remote[@]}" partner add --regio AM05 --sleutel sbb --naam SBB --soort sbb --vertegenwoordiger "P. Visser"
expect_exit 0 -- "${remote[@]}" partner add --regio AM05 --sleutel sbb --naam "SBB Oost" --soort sbb
expect_exit 0 -- "${remote[@]}" partner list AM05 --json
expect_contains "$OUT" "P. Visser" "remote partner add on a registered partner"
expect_exit 0 -- "${remote[@]}" partner uittreden --regio AM05 --sleutel sbb --datum 2027-02-01 --reden "taken overgedragen"
expect_exit 5 -- "${remote[@]}" partner uittreden --regio AM05 --sleutel sbb --datum 2027-02-01 --reden nogmaals
expect_exit 0 -- "$BERAAD" verify --as "Anna Auditor" --role auditor
finish
