#!/usr/bin/env bash
# beraad document new: model drafts for a region other than Twente and
# Rijnmond (AM27 Noordoost-Brabant, centrumgemeente 's-Hertogenbosch), with
# partner names that need escaping. The error paths first (no partners,
# unknown region, bad options, wrong role), then all three kinds: the
# --alleen-inhoud output validates with xmllint against schemas/ and with
# beraad itself, the created documents pass the content guards and render
# with the shipped templates. Then the same through --server against a real
# beraad-server, which must write the same XML.
source "$(dirname "$0")/lib.sh"
unset BERAAD_SERVER BERAAD_TOKEN BERAAD_PARTNER
export BERAAD_ACTOR="Kees Kwartiermaker" BERAAD_ROLE=kwartiermaker BERAAD_SCOPE=AM27
schemas="$BERAAD_SOURCE_DIR/schemas"
R=AM27

# key|name|kind|role|representative|function
PARTNERS=$(cat <<'PARTNERS'
gemeente-den-bosch|Gemeente 's-Hertogenbosch|centrumgemeente|kernpartner|M. van Rooij|wethouder Werk & Inkomen
gemeente-oss|Gemeente Oss|gemeente|kernpartner|A. Hendriks|wethouder Economie
uwv|UWV|uwv|kernpartner|P. de Groot|regiomanager Noordoost-Brabant
sbb|SBB|sbb|kernpartner|L. Aerts|regiodirecteur Zuid
vno-ncw-bzw|VNO-NCW Brabant Zeeland & "BZW" <regio>|werkgeversorganisatie|kernpartner|S. van Dijk|regiomanager
fnv|FNV Zuid|werknemersorganisatie|kernpartner|J. Çelik|regiobestuurder
koning-willem-i|Koning Willem I College|contactschool|kernpartner|R. Smulders|lid college van bestuur
provincie|Provincie Noord-Brabant|provincie|strategisch-partner|H. Bosch|gedeputeerde
PARTNERS
)
register() {
  while IFS='|' read -r key name kind role person function; do
    "$@" partner add --regio "$R" --sleutel "$key" --naam "$name" --soort "$kind" --rol "$role" \
      --vertegenwoordiger "$person|$function" >/dev/null || not_ok "partner add $key"
  done <<<"$PARTNERS"
}

# Error paths before any partner is registered.
expect_exit 5 -- "$BERAAD" document new --soort samenwerkingsconvenant --regio "$R"
for kind in centrumgemeente uwv sbb werkgeversorganisatie werknemersorganisatie contactschool; do
  expect_contains "$ERR" "$kind: no kernpartner of kind $kind" "missing kinds"
done
expect_contains "$ERR" "beraad partner add --regio $R" "how to register"
expect_exit 5 -- "$BERAAD" document new --soort uitvoeringsagenda --regio "$R" --alleen-inhoud
expect_exit 3 -- "$BERAAD" document new --soort beleidsagenda --regio AM99 --scope '*'
expect_exit 2 -- "$BERAAD" document new --soort verdrag --regio "$R"
expect_exit 2 -- "$BERAAD" document new --regio "$R"
expect_exit 2 -- "$BERAAD" document new --soort beleidsagenda --regio "$R" --uitvoer x.xml
expect_exit 6 -- "$BERAAD" document new --soort beleidsagenda --regio "$R" --begin 2027-02-30
expect_exit 7 -- "$BERAAD" document new --soort beleidsagenda --regio "$R" --role auditor
expect_exit 7 -- "$BERAAD" document new --soort beleidsagenda --regio AM05
expect_exit 0 -- "$BERAAD" document new --help
expect_contains "$OUT" "--alleen-inhoud" "help"
expect_contains "$OUT" "beraad document new --soort samenwerkingsconvenant --regio AM01" "help example"

register "$BERAAD"

# The convenant, written only: a note on the strategisch partner not admitted.
expect_exit 0 -- "$BERAAD" document new --soort samenwerkingsconvenant --regio "$R" \
  --alleen-inhoud --uitvoer "$WORK/convenant.xml"
expect_contains "$ERR" "strategisch partner 'provincie' is not a partij" "note"
xmllint --noout --schema "$schemas/samenwerkingsconvenant.xsd" "$WORK/convenant.xml" 2>"$WORK/xmllint.err" &&
  ok || not_ok "xmllint: $(cat "$WORK/xmllint.err")"
conv=$(cat "$WORK/convenant.xml")
for expected in "Samenwerkingsconvenant Regionaal Beraad Noordoost-Brabant" \
  "<naam>Werkcentrum Noordoost-Brabant</naam>" "Gemeente 's-Hertogenbosch" \
  "VNO-NCW Brabant Zeeland &amp; \"BZW\" &lt;regio&gt;" "J. Çelik" \
  "<ingangsdatum>$(($(date -u +%Y) + 1))-01-01</ingangsdatum>"; do
  expect_contains "$conv" "$expected" "convenant.xml"
done
while IFS='|' read -r key _ _ role _; do
  if [[ $role == kernpartner ]]; then
    expect_contains "$conv" "<partij partner=\"$key\"" "partijen"
  elif [[ $conv == *"partij partner=\"$key\""* ]]; then
    not_ok "$key is a partij before it was admitted"
  else ok; fi
done <<<"$PARTNERS"
total=$(grep -o 'percentage="[0-9.]*"' "$WORK/convenant.xml" | awk -F'"' '{ s += $2 } END { printf "%.2f", s }')
[[ $total == 100.00 ]] && ok || not_ok "the shares add up to $total"
expect_exit 0 -- "$BERAAD" document create --soort samenwerkingsconvenant --regio "$R" \
  --inhoud "$WORK/convenant.xml" --bericht "Model, bewerkt"
expect_contains "$OUT" "created $R-convenant-1" "create from the written model"

# Admitted, the provincie is a partij.
votes=()
while IFS='|' read -r key _ _ role _; do [[ $role == kernpartner ]] && votes+=(--stem "$key=akkoord"); done <<<"$PARTNERS"
expect_exit 0 -- "$BERAAD" partner admit --role secretariaat --regio "$R" --partner provincie \
  --vergadering "Regionaal Beraad Noordoost-Brabant" --agendapunt 3 --datum 2026-02-01 "${votes[@]}"

# All three kinds created from the model. One convenant per region: a second
# one is refused while the first is a concept, so the first is dropped.
expect_exit 5 -- "$BERAAD" document new --soort samenwerkingsconvenant --regio "$R" --begin 2027-01-01
expect_contains "$ERR" "already has samenwerkingsconvenant $R-convenant-1 ('concept'" "one convenant"
expect_exit 0 -- "$BERAAD" transition fire "$R-convenant-1" laten-vervallen --reden "opnieuw uit het model, met de provincie"
expect_exit 0 -- "$BERAAD" document new --soort samenwerkingsconvenant --regio "$R" --begin 2027-01-01
expect_contains "$OUT" "created $R-convenant-2" "document new"
expect_contains "$OUT" "periode:        2027-01-01 tot 2031-12-31" "looptijd"
expect_exit 0 -- "$BERAAD" content get "$R-convenant-2"
expect_contains "$OUT" '<partij partner="provincie" rol="strategisch-partner" soort="provincie">' "admitted partij"
expect_exit 0 -- "$BERAAD" transition list "$R-convenant-2"
expect_contains "$OUT" "ok      content-valid" "guards"
expect_contains "$OUT" "ok      kostenverdeling-complete" "guards"
expect_exit 0 -- "$BERAAD" document new --soort beleidsagenda --regio "$R" --begin 2027-01-01 --json
expect_contains "$OUT" "\"id\": \"$R-beleidsagenda-1\"" "beleidsagenda"
expect_exit 0 -- "$BERAAD" document new --soort uitvoeringsagenda --regio "$R" --bericht "Uit het model"
expect_contains "$OUT" "created $R-uitvoeringsagenda-1" "uitvoeringsagenda"
expect_contains "$OUT" "beleidsagenda:  $R-beleidsagenda-1" "linked"
expect_contains "$OUT" "periode:        2027-01-01 tot 2028-12-31" "two years"
for doc in "$R-beleidsagenda-1" "$R-uitvoeringsagenda-1"; do
  expect_exit 0 -- "$BERAAD" transition list "$doc"
  expect_contains "$OUT" "ok      content-valid" "$doc guards"
  expect_contains "$OUT" "ok      period-fits" "$doc guards"
done
expect_contains "$OUT" "ok      actions-match-ambitions" "uitvoeringsagenda guards"
expect_exit 0 -- "$BERAAD" document new --soort beleidsagenda --regio "$R" --alleen-inhoud --json
expect_contains "$OUT" '"inhoud": "<?xml' "--json of the written model"
"$BERAAD" document new --soort uitvoeringsagenda --regio "$R" --alleen-inhoud >"$WORK/uitvoering.xml" &&
  xmllint --noout --schema "$schemas/uitvoeringsagenda.xsd" "$WORK/uitvoering.xml" 2>"$WORK/xmllint.err" &&
  ok || not_ok "uitvoeringsagenda model: $(cat "$WORK/xmllint.err")"

# Rendered with the shipped templates.
for doc in "$R-convenant-2" "$R-beleidsagenda-1" "$R-uitvoeringsagenda-1"; do
  for format in odt docx; do
    expect_exit 0 -- "$BERAAD" render "$doc" --formaat "$format" --output "$WORK/$doc.$format"
  done
done
expect_contains "$(unzip -p "$WORK/$R-convenant-2.odt" content.xml)" "Werkcentrum Noordoost-Brabant" "ODT"
expect_contains "$(unzip -p "$WORK/$R-convenant-2.docx" word/document.xml)" "Gemeente 's-Hertogenbosch" "DOCX"
# The rendered packages against their standards (ODF RelaxNG, ECMA-376 wml.xsd).
odf="${BERAAD_SHARED_DIR:-$BERAAD_SOURCE_DIR/../shared}/schemas/odf/OpenDocument-v1.3-schema.rng"
for doc in "$R-convenant-2" "$R-beleidsagenda-1" "$R-uitvoeringsagenda-1"; do
  if [[ -f $odf ]]; then
    unzip -p "$WORK/$doc.odt" content.xml >"$WORK/content.xml"
    expect_exit 0 -- xmllint --noout --relaxng "$odf" "$WORK/content.xml"
  fi
  "$BERAAD_BIN_DIR/beraad-ooxml-check" "$WORK/$doc.docx" >"$WORK/xsd" 2>&1
  case $? in
    0) ok ;;
    77) echo "note: ../shared/schemas/ooxml absent: $doc.docx is not validated" ;;
    *) not_ok "$doc.docx is not valid WordprocessingML: $(head -n 5 "$WORK/xsd")" ;;
  esac
done

# The same through a server (its own store): same XML, same notes, same codes.
REMOTE_STORE="$WORK/remote.sqlite"
token() {
  # A national beheerder issues them: one scoped to AM27 may not issue '*'.
  "$BERAAD" token create --store "$REMOTE_STORE" --role beheerder --scope '*' --persoon "$1" --rol "$2" --regio "$3" 2>/dev/null
}
KM=$(token "Kees Kwartiermaker" kwartiermaker "$R")
KM_ALL=$(token "Karin Kwartiermaker" kwartiermaker '*')
AUD=$(token "Anna Auditor" auditor '*')
start_server --store "$REMOTE_STORE" --threads 2
remote() { BERAAD_SERVER=$SERVER_URL BERAAD_TOKEN=$1 "$BERAAD" "${@:2}"; }
expect_exit 5 -- remote "$KM" document new --soort samenwerkingsconvenant --regio "$R"
expect_contains "$ERR" "contactschool: no kernpartner of kind contactschool" "remote missing kinds"
register remote "$KM"
expect_exit 0 -- remote "$KM" document new --soort samenwerkingsconvenant --regio "$R" \
  --alleen-inhoud --uitvoer "$WORK/remote-convenant.xml"
expect_contains "$ERR" "strategisch partner 'provincie' is not a partij" "remote note"
cmp -s "$WORK/convenant.xml" "$WORK/remote-convenant.xml" && ok || not_ok "the server wrote other XML"
expect_exit 0 -- remote "$KM" document new --soort samenwerkingsconvenant --regio "$R" --begin 2027-01-01
expect_contains "$OUT" "created $R-convenant-1" "remote document new"
expect_exit 0 -- remote "$KM" document new --soort beleidsagenda --regio "$R" --begin 2027-01-01
expect_exit 0 -- remote "$KM" document new --soort uitvoeringsagenda --regio "$R"
expect_contains "$OUT" "beleidsagenda:  $R-beleidsagenda-1" "remote linked"
expect_exit 0 -- remote "$KM" render "$R-convenant-1" --formaat odt --output "$WORK/remote.odt"
expect_exit 3 -- remote "$KM_ALL" document new --soort beleidsagenda --regio AM99
expect_exit 5 -- remote "$KM_ALL" document new --soort samenwerkingsconvenant --regio AM01
expect_exit 7 -- remote "$AUD" document new --soort beleidsagenda --regio "$R"
expect_exit 7 -- remote "$KM" document new --soort beleidsagenda --regio AM05
expect_exit 6 -- remote "$KM" document new --soort beleidsagenda --regio "$R" --begin morgen
status=$(curl -s -o "$WORK/model.xml" -w '%{http_code} %{content_type}' -H "Authorization: Bearer $KM" \
  "$SERVER_URL/api/v1/regios/$R/modelinhoud?soort=beleidsagenda&begin=2027-01-01")
expect_contains "$status" "200 application/xml" "GET modelinhoud"
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $KM" \
  "$SERVER_URL/api/v1/regios/$R/modelinhoud")
[[ $status == 400 ]] && ok || not_ok "modelinhoud without soort: $status"

finish
