#!/usr/bin/env bash
# The trust commands with the real binaries: keys, checkpoints, receipts kept
# on every write, a witness, and the three kinds of tamperer of docs/audit.md.
# Locally on a store file, then with --server against the real beraad-server
# on loopback. The operator's rewrite (tests/integration/support/
# rewrite_chain.py: every hash, the head and the checkpoints redone, then a
# new write signs over the forgery) passes the installation's own verify, and
# is caught by a kept receipt, a kept checkpoint and the witness.
source "$(dirname "$0")/lib.sh"
unset BERAAD_SERVER BERAAD_TOKEN BERAAD_PARTNER
export BERAAD_ONTVANGSTBEWIJZEN="$WORK/ontvangstbewijzen"
examples="$BERAAD_SOURCE_DIR/templates/voorbeelden/twente"
rewrite="$BERAAD_SOURCE_DIR/tests/integration/support/rewrite_chain.py"
as_sec=(--as "Sanne Secretariaat" --role secretariaat --scope AM05)
as_km=(--as "Kees Kwartiermaker" --role kwartiermaker --scope AM05)
conv=AM05-convenant-1
receipts=$BERAAD_ONTVANGSTBEWIJZEN

for command in "sleutel toon" "sleutel roteer" "checkpoint" "ontvangstbewijs haal" \
               "ontvangstbewijs verify" "getuige"; do
  # shellcheck disable=SC2086
  expect_exit 0 -- "$BERAAD" $command --help
  expect_contains "$OUT" "Example:" "$command --help"
done

while IFS='|' read -r key name kind person function; do
  expect_exit 0 -- "$BERAAD" partner add "${as_sec[@]}" --regio AM05 --sleutel "$key" --naam "$name" \
    --soort "$kind" --vertegenwoordiger "$person|$function"
done <<<"$TWENTE_PARTNERS"
expect_contains "$ERR" "receipt of event 7 of regio:AM05 kept in $receipts/regio-AM05-7.json"

# The key, and a receipt for every write.
expect_exit 0 -- "$BERAAD" sleutel toon
expect_contains "$OUT" "(actief)"
installation_key=${OUT%%  *}
echo "$installation_key" >"$WORK/installatie.vkey"
expect_exit 0 -- "$BERAAD" sleutel toon --json
expect_contains "$OUT" '"algoritme": "Ed25519"'
expect_exit 0 -- "$BERAAD" document create "${as_km[@]}" --soort samenwerkingsconvenant --regio AM05 \
  --inhoud "$examples/samenwerkingsconvenant.xml" --bericht "Eerste concept"
expect_contains "$ERR" "kept in $receipts/document-AM05-convenant-1-1.json"
[[ -f $receipts/document-AM05-convenant-1-1.json ]] && ok || not_ok "no receipt file for event 1"
sed 's/vier keer per jaar/zes keer per jaar/' "$examples/samenwerkingsconvenant.xml" >"$WORK/v2.xml"
expect_exit 0 -- "$BERAAD" content set "$conv" "${as_km[@]}" --basis 1 --inhoud "$WORK/v2.xml" \
  --bericht "Vergaderfrequentie"
expect_contains "$ERR" "document-AM05-convenant-1-2.json"

# A checkpoint kept now, and the receipts, verify.
expect_exit 0 -- "$BERAAD" checkpoint "$conv"
printf '%s\n' "$OUT" >"$WORK/kept.txt"
expect_contains "$OUT" "/document:AM05-convenant-1"
expect_contains "$OUT" "— "
expect_exit 2 -- "$BERAAD" checkpoint
expect_contains "$ERR" "name one stream"
expect_exit 0 -- "$BERAAD" checkpoint --regio AM05
expect_exit 0 -- "$BERAAD" ontvangstbewijs verify "$receipts/document-AM05-convenant-1-1.json"
expect_contains "$OUT" "is included in the checkpoint of 1 events"
expect_contains "$OUT" "today's history (2 events) extends it"
expect_exit 0 -- "$BERAAD" ontvangstbewijs verify "$receipts/document-AM05-convenant-1-2.json" \
  --sleutel "$WORK/installatie.vkey" --json
expect_contains "$OUT" '"geldig": true'
expect_exit 0 -- "$BERAAD" verify "$conv" --checkpoint "$WORK/kept.txt"

# A receipt whose event was edited, and a key nobody pinned, fail.
sed 's/"Kees Kwartiermaker"/"Iemand Anders"/' "$receipts/document-AM05-convenant-1-1.json" \
  >"$WORK/edited.json"
expect_exit 8 -- "$BERAAD" ontvangstbewijs verify "$WORK/edited.json" --offline
expect_contains "$OUT" "DOES NOT VERIFY"
other_store="$WORK/ander.sqlite"
"$BERAAD" regio list --store "$other_store" >/dev/null 2>&1
other_key=$("$BERAAD" sleutel toon --store "$other_store" 2>/dev/null)
expect_exit 8 -- "$BERAAD" ontvangstbewijs verify "$receipts/document-AM05-convenant-1-1.json" \
  --sleutel "${other_key%%  *}"
expect_exit 6 -- "$BERAAD" ontvangstbewijs verify "$WORK/kept.txt"
expect_contains "$ERR" "is not a receipt"
expect_exit 2 -- "$BERAAD" ontvangstbewijs verify "$receipts/document-AM05-convenant-1-1.json" \
  --sleutel "geen-sleutel"
expect_contains "$ERR" "not a verifier key"

# Through the server, with an auditor's and a secretariaat's token.
auditor=$("$BERAAD" token create --role beheerder --persoon "Anna Auditor" --rol auditor --regio '*' 2>/dev/null)
secretariaat=$("$BERAAD" token create --role beheerder --persoon "Sanne Secretariaat" --rol secretariaat \
  --regio AM05 2>/dev/null)
start_server --store "$BERAAD_STORE" --threads 2
remote() { BERAAD_SERVER=$SERVER_URL BERAAD_TOKEN=$1 "$BERAAD" "${@:2}"; }
expect_exit 0 -- remote "$auditor" sleutel toon
expect_contains "$OUT" "$installation_key" "the server publishes the store's key"
expect_exit 0 -- remote "$auditor" ontvangstbewijs verify "$receipts/document-AM05-convenant-1-1.json" \
  --sleutel "$WORK/installatie.vkey"
expect_contains "$OUT" "extends it"
expect_exit 0 -- remote "$auditor" verify "$conv" --checkpoint "$WORK/kept.txt"
expect_exit 0 -- remote "$secretariaat" transition fire "$conv" ter-consultatie
expect_contains "$ERR" "document-AM05-convenant-1-3.json" "a remote write's receipt is kept"
expect_exit 0 -- remote "$auditor" ontvangstbewijs haal "$conv" --gebeurtenis 3
expect_contains "$OUT" "document-AM05-convenant-1-3.json"
expect_exit 2 -- remote "$auditor" sleutel roteer
expect_contains "$ERR" "not available with --server"

# Two witnesses cosign; the quorum counts them.
expect_exit 0 -- remote "$auditor" getuige "$conv" --getuigemap "$WORK/getuige-fnv" --naam fnv-getuige
expect_contains "$OUT" "cosigned the checkpoint of document:AM05-convenant-1 at 3 events"
expect_contains "$ERR" "pinned the installation's keys"
echo "${OUT##* as }" >"$WORK/getuigen.vkeys"
expect_exit 0 -- remote "$auditor" getuige "$conv" --getuigemap "$WORK/getuige-uwv" --naam uwv-getuige
echo "${OUT##* as }" >>"$WORK/getuigen.vkeys"
expect_exit 0 -- remote "$auditor" verify "$conv" --getuigen "$WORK/getuigen.vkeys" --quorum 2
expect_contains "$OUT" "2 of the 2 witnesses cosigned"
expect_exit 8 -- "$BERAAD" verify "$conv" --getuigen "$WORK/getuigen.vkeys" --quorum 3
expect_contains "$OUT" "3 required"
expect_exit 4 -- remote "$auditor" getuige "$conv" --getuigemap "$WORK/getuige-fnv" --naam fnv-getuige
expect_contains "$ERR" "already cosigned"

# A signed bundle: authentic by the pinned key, not by another.
expect_exit 0 -- "$BERAAD" export "$conv" --role auditor --formaat zip --zonder-weergaven \
  --uitvoer "$WORK/voor.zip"
expect_exit 0 -- "$BERAAD" bundle verify "$WORK/voor.zip" --sleutel "$WORK/installatie.vkey"
expect_contains "$OUT" "authentic: signed by key"
expect_contains "$OUT" ", pinned"
expect_exit 8 -- "$BERAAD" bundle verify "$WORK/voor.zip" --sleutel "${other_key%%  *}"
expect_contains "$OUT" "NOT AUTHENTIC"
expect_exit 0 -- "$BERAAD" bundle verify "$WORK/voor.zip" --json
expect_contains "$OUT" '"authentiek": true'

# The operator rewrites event 1 with every hash, the head and the checkpoints
# redone, then a write signs a checkpoint over the forged history.
kill "$server_pid"; wait "$server_pid" 2>/dev/null
python3 "$rewrite" "$BERAAD_STORE" "document:$conv" 1 "Eerste concept" "Vervalst concept" \
  && ok || not_ok "rewrite failed"
expect_exit 0 -- "$BERAAD" transition fire "$conv" terug-naar-concept "${as_km[@]}" --reden "herzien"
expect_exit 0 -- "$BERAAD" verify "$conv"
expect_contains "$OUT" "intact" "the operator's rewrite passes the installation's own verify"
# ... and is caught by everything kept from before.
expect_exit 8 -- "$BERAAD" ontvangstbewijs verify "$receipts/document-AM05-convenant-1-2.json" \
  --sleutel "$WORK/installatie.vkey"
expect_contains "$OUT" "does not extend the kept checkpoint of 2 events"
expect_exit 8 -- "$BERAAD" verify "$conv" --checkpoint "$WORK/kept.txt"
expect_contains "$OUT" "does not extend the kept checkpoint"
expect_exit 0 -- "$BERAAD" export "$conv" --role auditor --formaat zip --zonder-weergaven \
  --uitvoer "$WORK/na.zip"
expect_exit 0 -- "$BERAAD" bundle verify "$WORK/na.zip" --sleutel "$WORK/installatie.vkey"
expect_contains "$OUT" "authentic" "the operator's rewritten bundle is signed by the real key"
expect_exit 8 -- "$BERAAD" bundle verify "$WORK/na.zip" --vorige-bundel "$WORK/voor.zip"
expect_contains "$OUT" "REWRITTEN SINCE"
expect_exit 8 -- "$BERAAD" bundle verify "$WORK/na.zip" --checkpoint "$WORK/kept.txt" \
  --ontvangstbewijs "$receipts/document-AM05-convenant-1-1.json"
expect_contains "$OUT" "does not extend the kept checkpoint"
start_server --store "$BERAAD_STORE" --threads 2
expect_exit 8 -- remote "$auditor" getuige "$conv" --getuigemap "$WORK/getuige-fnv" --naam fnv-getuige
expect_contains "$ERR" "not cosigned: the history is not consistent with the checkpoint of 3 events"
expect_exit 8 -- remote "$auditor" verify "$conv" --checkpoint "$WORK/kept.txt"

# A rotated key: old receipts still verify with the published keys.
kill "$server_pid"; wait "$server_pid" 2>/dev/null
expect_exit 0 -- "$BERAAD" sleutel roteer --role beheerder
expect_contains "$OUT" "new signing key"
expect_exit 0 -- "$BERAAD" sleutel toon
expect_contains "$OUT" "(vorige sleutel)"
expect_exit 0 -- "$BERAAD" ontvangstbewijs verify "$receipts/regio-AM05-7.json"
expect_exit 7 -- "$BERAAD" sleutel roteer --role auditor

# A new store with a key folder that exists already: its first event (the
# reference data) is signed too, so it verifies from the start.
cp -r "$BERAAD_STORE.sleutels" "$WORK/bestaande-sleutels"
expect_exit 0 -- "$BERAAD" verify --role auditor --store "$WORK/nieuw.sqlite" --sleutelmap "$WORK/bestaande-sleutels"
expect_contains "$OUT" "history intact" "a new store with an existing key"

finish
