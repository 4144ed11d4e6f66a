#!/usr/bin/env bash
# One truth per region (issue 21, items 5 and 6), end to end: Idempotency-Key
# on POST against the real beraad-server (also across a restart), one
# convenant per region and no identical versions from the CLI, and the
# impulsbudget warning at save time (CLI stderr, REST "waarschuwingen").
source "$(dirname "$0")/lib.sh"
examples="$BERAAD_SOURCE_DIR/templates/voorbeelden/twente"

while IFS='|' read -r key name kind _; do
  "$BERAAD" partner add --role secretariaat --regio AM05 --sleutel "$key" --naam "$name" --soort "$kind" >/dev/null 2>&1
done <<<"$TWENTE_PARTNERS"
KM=$("$BERAAD" token create --role beheerder --persoon "Kees Kwartiermaker" --rol kwartiermaker --regio AM05 2>/dev/null)
[[ $KM == brd_* ]] && ok || not_ok "no token"
start_server --store "$BERAAD_STORE" --threads 2
base="$SERVER_URL/api/v1"
create() {  # create KEY [MESSAGE]: POST the Twente convenant with that Idempotency-Key
  local extra=()
  [[ -n $1 ]] && extra=(-H "Idempotency-Key: $1")
  req POST "/documenten?bericht=${2:-Eerste%20concept}" "$KM" -H "Content-Type: application/xml" -H "If-Match: *" \
    "${extra[@]}" --data-binary "@$examples/samenwerkingsconvenant.xml"
}

# A retried POST with the same key gets the first answer, not a second document.
create '"a4f1c0de-0001"'
expect_status 201 "create with a key"
first=$BODY; location=$(header Location); etag=$(header ETag)
create '"a4f1c0de-0001"'
expect_status 201 "retry with the same key"
[[ $BODY == "$first" ]] && ok || not_ok "the retry got another body: $BODY"
[[ $(header Location) == "$location" && $(header ETag) == "$etag" ]] && ok || not_ok "the retry got other headers: $HEADERS"
req GET "/documenten?regio=AM05" "$KM"
[[ $(grep -o '"id":"AM05-convenant-[0-9]*"' <<<"$BODY" | wc -l) -eq 1 ]] && ok || not_ok "not one document: $BODY"
# The same key on another request: 422; without a key the engine refuses a second convenant.
create '"a4f1c0de-0001"' "Ander%20bericht"
expect_status 422 "same key, other body"
expect_contains "$BODY" "idempotentiesleutel-hergebruikt" "422 type"
create ""
expect_status 409 "a second convenant"
expect_contains "$BODY" "heeft al samenwerkingsconvenant AM05-convenant-1" "409 names the convenant (in Dutch)"
create '"met spatie erin"'
expect_status 400 "a malformed key"

# Keys are in the store: after a restart the retry still gets the first answer.
kill -TERM "$server_pid"; wait "$server_pid"
start_server --store "$BERAAD_STORE" --threads 2
base="$SERVER_URL/api/v1"
create '"a4f1c0de-0001"'
expect_status 201 "retry after a restart"
[[ $BODY == "$first" ]] && ok || not_ok "after a restart the retry got another body: $BODY"

# The CLI: a second convenant is refused (exit 5) naming the one there is;
# replacing needs the convenant in force and a reason.
as_km=(--as "Kees Kwartiermaker" --role kwartiermaker --scope AM05)
expect_exit 5 -- "$BERAAD" document create "${as_km[@]}" --soort samenwerkingsconvenant --regio AM05 \
  --inhoud "$examples/samenwerkingsconvenant.xml" --bericht "Nog een"
expect_contains "$ERR" "AM05-convenant-1 ('concept'" "second convenant"
expect_exit 2 -- "$BERAAD" document create "${as_km[@]}" --soort samenwerkingsconvenant --regio AM05 \
  --inhoud "$examples/samenwerkingsconvenant.xml" --bericht "Vervanger" --vervangt AM05-convenant-1
expect_exit 5 -- "$BERAAD" document create "${as_km[@]}" --soort samenwerkingsconvenant --regio AM05 \
  --inhoud "$examples/samenwerkingsconvenant.xml" --bericht "Vervanger" --vervangt AM05-convenant-1 --reden "nieuw model"
expect_contains "$ERR" "not in force" "only the convenant in force is replaced"
# Identical content is no new version: exit 5, nothing stored.
"$BERAAD" content get AM05-convenant-1 --output "$WORK/v1.xml" >/dev/null 2>&1
expect_exit 5 -- "$BERAAD" content set AM05-convenant-1 "${as_km[@]}" --basis 1 --inhoud "$WORK/v1.xml" --bericht "niets"
expect_contains "$ERR" "already has this content" "identical content"
expect_exit 0 -- "$BERAAD" version list AM05-convenant-1 --role auditor
[[ $(grep -c "^ *[0-9]" <<<"$OUT") -eq 1 ]] && ok || not_ok "a version was added: $OUT"

# An impulsbudget overshoot is saved, with a warning naming the year and the excess once.
expect_exit 0 -- "$BERAAD" document create "${as_km[@]}" --soort beleidsagenda --regio AM05 \
  --inhoud "$examples/beleidsagenda.xml" --bericht "Beleidsagenda"
sed 's/bedrag="250000.00"/bedrag="700000.00"/' "$examples/uitvoeringsagenda.xml" >"$WORK/over.xml"
expect_exit 0 -- "$BERAAD" document create "${as_km[@]}" --soort uitvoeringsagenda --regio AM05 \
  --beleidsagenda AM05-beleidsagenda-1 --inhoud "$WORK/over.xml" --bericht "Te veel"
expect_contains "$ERR" "warning: 2026: " "CLI warning"
[[ $(grep -o "€ 22.610" <<<"$ERR" | wc -l) -eq 1 && $ERR != *"[@"* ]] && ok || not_ok "the warning: $ERR"
expect_exit 0 -- "$BERAAD" content set AM05-uitvoeringsagenda-1 "${as_km[@]}" --basis 1 \
  --inhoud "$examples/uitvoeringsagenda.xml" --bericht "Past"
[[ $ERR != *warning* ]] && ok || not_ok "a warning for content that fits: $ERR"
req GET /documenten/AM05-uitvoeringsagenda-1 "$KM"
req POST "/documenten/AM05-uitvoeringsagenda-1/versies?bericht=weer%20te%20veel" "$KM" -H "Content-Type: application/xml" \
  -H "If-Match: $(header ETag)" -H 'Idempotency-Key: "b-2"' --data-binary "@$WORK/over.xml"
expect_status 201 "a version with an overshoot"
expect_contains "$BODY" '"waarschuwingen":["2026: € 850.000 aan impulsbudget toegewezen, € 22.610 boven' "REST warning (in Dutch)"
finish
