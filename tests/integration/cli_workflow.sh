#!/usr/bin/env bash
# The real beraad binary on a real SQLite file drives the lifecycle of Twente
# (AM05): a samenwerkingsconvenant from concept to in-werking with the
# decisions of all seven kernpartners and every party's signature, then a
# beleidsagenda and uitvoeringsagenda to vastgesteld, the overview, a
# strategisch partner, a wijziging and a workflow migration. Refusals are
# checked with their exit codes: a guard (5), a role (7), stale content (4).
# Needs today on or after 2026-01-01 (the convenant's ingangsdatum).
source "$(dirname "$0")/lib.sh"
today=$(TZ=Europe/Amsterdam date +%F)  # decisions and signatures may not be dated ahead
examples="$BERAAD_SOURCE_DIR/templates/voorbeelden/twente"
as_sec=(--as "Sanne Secretariaat" --role secretariaat --scope AM05)
as_km=(--as "Kees Kwartiermaker" --role kwartiermaker --scope AM05)
as_beheer=(--as "Bram Beheerder" --role beheerder)
meeting=(--datum "$today" --vergadering "RB Twente 12 maart 2026" --agendapunt 4)
conv=AM05-convenant-1

partners=$TWENTE_PARTNERS
while IFS='|' read -r key name kind person function; do
  expect_exit 0 -- "$BERAAD" partner add "${as_sec[@]}" --regio AM05 --sleutel "$key" --naam "$name" \
    --soort "$kind" --vertegenwoordiger "$person|$function"
done <<<"$partners"

# decide_all DOC: the secretariaat records akkoord for every kernpartner.
decide_all() {
  while IFS='|' read -r key _ _ person _; do
    expect_exit 0 -- "$BERAAD" decision record "$1" "${as_sec[@]}" --partner "$key" --besluit akkoord \
      --vertegenwoordiger "$person" "${meeting[@]}"
  done <<<"$partners"
}

# Help of the new commands.
for command in "transition list" "transition fire" "transition history" "decision record" "decision list" \
               "decision explain" "signature record" "signature list" "amendment start" "partner admit" \
               "workflow definitions" "workflow register" "workflow migrate" "overview" "herinneringen"; do
  # shellcheck disable=SC2086
  expect_exit 0 -- "$BERAAD" $command --help
  expect_contains "$OUT" "Example:" "$command --help"
done
expect_exit 2 -- "$BERAAD" decision record "$conv" --partner uwv
expect_contains "$ERR" "is required"

# The convenant: concept -> consultatie -> ter-besluitvorming.
expect_exit 0 -- "$BERAAD" document create "${as_km[@]}" --soort samenwerkingsconvenant --regio AM05 \
  --inhoud "$examples/samenwerkingsconvenant.xml" --bericht "Eerste concept"
expect_exit 0 -- "$BERAAD" transition list "$conv" "${as_km[@]}"
expect_contains "$OUT" "state 'concept'"
expect_contains "$OUT" "ter-consultatie -> consultatie  possible now"
expect_contains "$OUT" "needs   --reden"
expect_exit 0 -- "$BERAAD" transition list "$conv" "${as_km[@]}" --json
expect_contains "$OUT" '"voorwaarde": "kostenverdeling-complete"'
expect_exit 3 -- "$BERAAD" transition list AM05-convenant-9 "${as_km[@]}"
expect_exit 0 -- "$BERAAD" transition fire "$conv" ter-consultatie "${as_km[@]}"
expect_contains "$OUT" "concept -> consultatie"
expect_exit 6 -- "$BERAAD" transition fire "$conv" terug-naar-concept "${as_km[@]}"
expect_contains "$ERR" "reason"
expect_exit 0 -- "$BERAAD" transition fire "$conv" ter-besluitvorming "${as_km[@]}" --basis 1

# Refused by a guard (5) and by role (7); nothing changes.
expect_exit 5 -- "$BERAAD" transition fire "$conv" vaststellen "${as_sec[@]}"
expect_contains "$ERR" "decision-rule-met"
expect_contains "$ERR" "not decided"
expect_exit 5 -- "$BERAAD" transition fire "$conv" vaststellen "${as_sec[@]}" --json
expect_contains "$OUT" '"code": "refused"'
expect_exit 7 -- "$BERAAD" transition fire "$conv" vaststellen "${as_km[@]}"
expect_contains "$ERR" "secretariaat"
expect_exit 5 -- "$BERAAD" transition fire "$conv" ondertekenen "${as_sec[@]}"
expect_contains "$ERR" "vaststellen"
expect_exit 0 -- "$BERAAD" transition list "$conv" "${as_km[@]}"
expect_contains "$OUT" "role: kwartiermaker may not fire it"
expect_contains "$OUT" "BLOCKS  decision-rule-met"

# A decision binds to content: after an edit it is stale and no longer counts.
expect_exit 0 -- "$BERAAD" decision record "$conv" "${as_sec[@]}" --partner uwv --besluit akkoord \
  --vertegenwoordiger "M. Jansen" "${meeting[@]}"
expect_contains "$OUT" "recorded uwv: akkoord on version 1"
# The history says who decided what, at Amsterdam time (JSON keeps UTC).
expect_exit 0 -- "$BERAAD" history "$conv"
expect_contains "$OUT" "uwv: akkoord (versie 1)" "history"
expect_contains "$OUT" "ter-besluitvorming: consultatie -> ter-besluitvorming" "history"
expect_contains "$OUT" "TIJDSTIP (AMSTERDAM)" "history"
expect_exit 0 -- "$BERAAD" content get "$conv" --output "$WORK/v1.xml"
sed 's/vier keer per jaar/zes keer per jaar/' "$WORK/v1.xml" > "$WORK/v2.xml"
# The edit would void a recorded decision: refused (exit 5) naming how many,
# until it confirms that number.
expect_exit 5 -- "$BERAAD" content set "$conv" "${as_km[@]}" --basis 1 --inhoud "$WORK/v2.xml" --bericht "zes keer"
expect_contains "$ERR" "1 recorded decision(s) that this edit would make stale" "content set refusal"
expect_exit 5 -- "$BERAAD" content set "$conv" "${as_km[@]}" --basis 1 --inhoud "$WORK/v2.xml" --bericht "zes keer" --bevestig-vervallen 2
expect_exit 0 -- "$BERAAD" content set "$conv" "${as_km[@]}" --basis 1 --inhoud "$WORK/v2.xml" --bericht "zes keer" --bevestig-vervallen 1
expect_exit 0 -- "$BERAAD" decision list "$conv"
expect_contains "$OUT" "Stale decisions"
expect_exit 0 -- "$BERAAD" decision list "$conv" --json
expect_contains "$OUT" '"verouderd": ['
expect_exit 4 -- "$BERAAD" decision record "$conv" "${as_sec[@]}" --partner uwv --besluit akkoord --versie 1 \
  --vertegenwoordiger "M. Jansen" "${meeting[@]}"
expect_exit 6 -- "$BERAAD" decision record "$conv" "${as_sec[@]}" --partner uwv --besluit misschien \
  --vertegenwoordiger "M. Jansen" "${meeting[@]}"
# A partner representative decides only for its own organisation.
expect_exit 7 -- env BERAAD_PARTNER=uwv "$BERAAD" decision record "$conv" --role partner --scope AM05 \
  --partner fnv --besluit akkoord --vertegenwoordiger "R. Meijer" "${meeting[@]}"
expect_exit 0 -- "$BERAAD" decision record "$conv" --as "M. Jansen" --role partner --scope AM05 \
  --partner uwv --besluit onthouding --vertegenwoordiger "M. Jansen" "${meeting[@]}"
expect_exit 0 -- "$BERAAD" decision explain "$conv"
expect_contains "$OUT" "NOT met"
expect_contains "$OUT" "onthouding:   uwv"
# Herinneringen: the six kernpartners that have not decided on version 2.
expect_exit 0 -- "$BERAAD" herinneringen --regio AM05 "${as_sec[@]}"
expect_contains "$OUT" "to decide on $conv version 2 (ter-besluitvorming), 6 partner(s): Gemeente Enschede (gemeente-enschede)" "herinneringen"
[[ $OUT != *"UWV (uwv)"* ]] && ok || not_ok "herinneringen names uwv, which decided"
expect_exit 0 -- "$BERAAD" herinneringen --regio AM05 "${as_sec[@]}" --json
expect_contains "$OUT" '"besluiten": [' "herinneringen --json"
expect_exit 7 -- "$BERAAD" herinneringen --regio AM22 "${as_sec[@]}"
expect_exit 3 -- "$BERAAD" herinneringen --regio AM99
decide_all "$conv"
# uwv decided twice: the onthouding is vervangen, the later akkoord counts.
expect_exit 0 -- "$BERAAD" decision list "$conv"
expect_contains "$OUT" "vervangen"
expect_exit 0 -- "$BERAAD" decision explain "$conv" --json
expect_contains "$OUT" '"voldaan": true'
expect_exit 0 -- "$BERAAD" decision explain "$conv"
expect_contains "$OUT" "rule unanimiteit-kernpartners: met"
expect_exit 0 -- "$BERAAD" transition fire "$conv" vaststellen "${as_sec[@]}"
expect_contains "$OUT" "ter-besluitvorming -> vastgesteld"

# Signatures of every party, then ondertekend and in werking.
first=1
while IFS='|' read -r key _ _ person function; do
  if [[ $first -eq 1 ]]; then first=0; held="$key|$person|$function"; continue; fi
  expect_exit 0 -- "$BERAAD" signature record "$conv" "${as_sec[@]}" --partner "$key" --ondertekenaar "$person" \
    --functie "$function" --plaats Enschede --datum "$today"
done <<<"$partners"
expect_exit 0 -- "$BERAAD" signature list "$conv"
expect_contains "$OUT" "missing (1): gemeente-enschede"
expect_exit 5 -- "$BERAAD" transition fire "$conv" ondertekenen "${as_sec[@]}"
expect_contains "$ERR" "every-party-signed"
IFS='|' read -r key person function <<<"$held"
expect_exit 0 -- "$BERAAD" signature record "$conv" "${as_sec[@]}" --partner "$key" --ondertekenaar "$person" \
  --functie "$function" --plaats Enschede --datum "$today" --json
expect_contains "$OUT" '"ondertekenaar": "J. de Vries"'
expect_exit 4 -- "$BERAAD" signature record "$conv" "${as_sec[@]}" --partner "$key" --ondertekenaar "$person" \
  --functie "$function" --plaats Enschede --datum "$today"
expect_exit 0 -- "$BERAAD" signature list "$conv" --json
expect_contains "$(tr -d ' \n' <<<"$OUT")" '"ontbrekend":[]'
expect_exit 0 -- "$BERAAD" transition fire "$conv" ondertekenen "${as_sec[@]}"
# Timed transitions (issue 21): the ingangsdatum (2026-01-01) has passed, so in-werking-treden
# is due; the system takes it, on a local store before the next write (or with beraad tijd).
expect_exit 0 -- "$BERAAD" transition list "$conv" "${as_sec[@]}"
expect_contains "$OUT" "timer   the system takes this step on 2026-01-01 00:00 (Europe/Amsterdam)"
expect_exit 0 -- "$BERAAD" transition list "$conv" --json
expect_contains "$OUT" '"automatischOp": "2025-12-31T23:00:00.000Z"'
expect_exit 0 -- "$BERAAD" tijd --help
expect_contains "$OUT" "Example:"
expect_exit 0 -- "$BERAAD" tijd --toon
expect_contains "$OUT" "Waiting: 1"
expect_contains "$OUT" "in-werking-treden"
expect_exit 0 -- "$BERAAD" document show "$conv" --json
expect_contains "$OUT" '"status": "ondertekend"' "tijd --toon takes nothing"
# Rectificatie (issue 21): a signature's mistyped date is refused, a recorded one is
# corrected by the secretariaat, also after ondertekening; the original stays, marked.
expect_exit 0 -- "$BERAAD" signature list "$conv" --json
signature_id=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["actueel"][0]["id"])' <<<"$OUT")
expect_exit 6 -- "$BERAAD" signature rectify "$conv" "${as_sec[@]}" --rectificeert "$signature_id" \
  --reden "datum" --datum 2026-01-01
expect_contains "$ERR" "datum 2026-01-01 lies before the vaststelling"
expect_contains "$ERR" "beraad: timer: $conv ondertekend -> in-werking (in-werking-treden, due 2026-01-01 00:00)"
expect_exit 7 -- env BERAAD_PARTNER=uwv "$BERAAD" signature rectify "$conv" --role partner --scope AM05 \
  --rectificeert "$signature_id" --reden "plaats" --plaats Hengelo
expect_exit 0 -- "$BERAAD" signature rectify "$conv" "${as_sec[@]}" --rectificeert "$signature_id" \
  --reden "plaats verkeerd overgenomen" --plaats Hengelo --json
expect_contains "$OUT" "\"rectificeert\": $signature_id"
expect_exit 4 -- "$BERAAD" signature rectify "$conv" "${as_sec[@]}" --rectificeert "$signature_id" \
  --reden "nog eens" --plaats Almelo
expect_exit 0 -- "$BERAAD" signature list "$conv"
expect_contains "$OUT" "gerectificeerd door"
expect_exit 0 -- "$BERAAD" decision list "$conv" --json
decision_id=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["actueel"][-1]["id"])' <<<"$OUT")
expect_exit 0 -- "$BERAAD" decision rectify "$conv" "${as_sec[@]}" --rectificeert "$decision_id" \
  --reden "agendapunt volgens de notulen" --agendapunt 5
expect_contains "$OUT" "rectifying decision $decision_id"
expect_exit 0 -- "$BERAAD" verify "$conv"
# Taken once: by hand it is gone, and beraad tijd finds nothing left.
expect_exit 5 -- "$BERAAD" transition fire "$conv" in-werking-treden "${as_sec[@]}"
expect_contains "$ERR" "from 'in-werking' you can"
expect_exit 0 -- "$BERAAD" tijd
expect_contains "$OUT" "Taken now, by the system: 0"
expect_exit 0 -- "$BERAAD" transition history "$conv"
expect_contains "$OUT" "vaststellen"
[[ $(grep -c "Sanne Secretariaat\|Kees Kwartiermaker" <<<"$OUT") -eq 4 ]] && ok || not_ok "transition history: $OUT"
[[ $(grep -c "in-werking-treden.*beraad  *systeem" <<<"$OUT") -eq 1 ]] && ok || not_ok "in-werking-treden by the system: $OUT"
expect_exit 0 -- "$BERAAD" history "$conv"
expect_contains "$OUT" "in-werking-treden: ondertekend -> in-werking, gepland 2026-01-01 00:00" "history"
expect_exit 0 -- "$BERAAD" transition history "$conv" --json
expect_contains "$OUT" '"naar": "in-werking"'

# Beleidsagenda and uitvoeringsagenda, decided under the convenant in force.
agenda=AM05-beleidsagenda-1
expect_exit 0 -- "$BERAAD" document create "${as_km[@]}" --soort beleidsagenda --regio AM05 \
  --inhoud "$examples/beleidsagenda.xml" --bericht "Meerjarenagenda"
expect_exit 0 -- "$BERAAD" transition fire "$agenda" ter-consultatie "${as_km[@]}"
expect_exit 0 -- "$BERAAD" transition fire "$agenda" ter-besluitvorming "${as_km[@]}"
decide_all "$agenda"
expect_exit 0 -- "$BERAAD" decision explain "$agenda"
expect_contains "$OUT" "decided by the rule of $conv"
expect_exit 0 -- "$BERAAD" transition fire "$agenda" vaststellen "${as_sec[@]}"
uitvoering=AM05-uitvoeringsagenda-1
expect_exit 0 -- "$BERAAD" document create "${as_km[@]}" --soort uitvoeringsagenda --regio AM05 \
  --beleidsagenda "$agenda" --inhoud "$examples/uitvoeringsagenda.xml" --bericht "Uitvoering 2026-2027"
expect_exit 0 -- "$BERAAD" transition fire "$uitvoering" ter-consultatie "${as_km[@]}"
expect_exit 0 -- "$BERAAD" transition fire "$uitvoering" ter-besluitvorming "${as_km[@]}"
decide_all "$uitvoering"
expect_exit 0 -- "$BERAAD" transition fire "$uitvoering" vaststellen "${as_sec[@]}"
expect_contains "$OUT" "-> vastgesteld"

# The overview: AM05 meets the target; the national view has all 35 regions.
expect_exit 0 -- "$BERAAD" overview --scope AM05 --json --vandaag 2026-11-28
expect_contains "$OUT" '"code": "AM05"'
expect_contains "$OUT" '"status": "in-werking"'
expect_contains "$OUT" '"streefdoelBereikt": true'
expect_exit 0 -- "$BERAAD" overview --json --vandaag 2026-11-28
count=$(grep -c '"centrumgemeente"' <<<"$OUT")
[[ $count -eq 35 ]] && ok || not_ok "overview --json gave $count regions"
expect_contains "$OUT" '"wat": "landelijke-streefdatum"'
expect_exit 0 -- "$BERAAD" overview --vandaag 2026-11-28
expect_contains "$OUT" "1 of 35 regions"
expect_contains "$OUT" "AM05   Twente"
# The default is compact: one line per region (header, 35 rows, summary).
am05=$(grep '^AM05 ' <<<"$OUT")
[[ $am05 =~ in-werking\ +vastgesteld\ +vastgesteld\ +0\  ]] && ok || not_ok "compact AM05 line: $am05"
[[ $(grep -c '^AM[0-9][0-9] ' <<<"$OUT") -eq 35 ]] && ok || not_ok "compact overview has not 35 region lines"
[[ $(wc -l <<<"$OUT") -le 41 ]] && ok || not_ok "compact overview is $(wc -l <<<"$OUT") lines"
expect_contains "$OUT" "--details"
[[ $ERR != *"computing the overview"* ]] && ok || not_ok "a progress line on stderr that is not a terminal"
# On a terminal a progress line shows on stderr (and is erased); never with --json.
if command -v script >/dev/null; then
  script -qc "'$BERAAD' overview --vandaag 2026-11-28 >/dev/null" "$WORK/tty" >/dev/null 2>&1
  expect_contains "$(cat "$WORK/tty")" "beraad: computing the overview" "terminal stderr"
  script -qc "'$BERAAD' overview --vandaag 2026-11-28 --json >/dev/null" "$WORK/tty-json" >/dev/null 2>&1
  [[ $(cat "$WORK/tty-json") != *"computing"* ]] && ok || not_ok "a progress line with --json"
fi
expect_exit 0 -- "$BERAAD" overview --vandaag 2026-11-28 --details
expect_contains "$OUT" "in-werking  vastgesteld    vastgesteld        bereikt"
expect_contains "$OUT" "Overdue, or due within 30 days:"
expect_exit 6 -- "$BERAAD" overview --vandaag gisteren

# A strategisch partner is admitted by the kernpartners.
expect_exit 0 -- "$BERAAD" partner add "${as_sec[@]}" --regio AM05 --sleutel provincie-overijssel \
  --naam "Provincie Overijssel" --soort provincie --rol samenwerkingspartner
votes=()
while IFS='|' read -r key _; do votes+=(--stem "$key=akkoord"); done <<<"$partners"
expect_exit 7 -- "$BERAAD" partner admit "${as_km[@]}" --regio AM05 --partner provincie-overijssel \
  --vergadering "RB Twente" --agendapunt 6 --datum 2026-03-12 "${votes[@]}"
expect_exit 2 -- "$BERAAD" partner admit "${as_sec[@]}" --regio AM05 --partner provincie-overijssel \
  --vergadering "RB Twente" --agendapunt 6 --datum 2026-03-12 --stem uwv
expect_exit 0 -- "$BERAAD" partner admit "${as_sec[@]}" --regio AM05 --partner provincie-overijssel \
  --vergadering "RB Twente" --agendapunt 6 --datum 2026-03-12 "${votes[@]}"
expect_contains "$OUT" "provincie-overijssel admitted"
expect_exit 0 -- "$BERAAD" partner list AM05
expect_contains "$OUT" "strategisch-partner"

# A wijziging, a new definition version, and a migration (dry run first).
expect_exit 0 -- "$BERAAD" amendment start "$conv" "${as_km[@]}" --bericht "Provincie als strategisch partner"
expect_contains "$OUT" "started wijziging AM05-convenant-2"
expect_exit 4 -- "$BERAAD" amendment start "$conv" "${as_km[@]}" --bericht "nog een"
expect_exit 0 -- "$BERAAD" transition fire AM05-convenant-2 ter-consultatie "${as_km[@]}"
v2="$BERAAD_SOURCE_DIR/tests/scenarios/definitions/samenwerkingsconvenant-v2.xml"
expect_exit 7 -- "$BERAAD" workflow register "$v2" "${as_km[@]}"
expect_exit 6 -- "$BERAAD" workflow register <(sed 's/every-party-signed/iedereen-blij/' "$v2") "${as_beheer[@]}"
expect_contains "$ERR" "iedereen-blij"
expect_exit 0 -- "$BERAAD" workflow register "$v2" "${as_beheer[@]}"
expect_contains "$OUT" "version 2"
expect_exit 0 -- "$BERAAD" workflow definitions --json
expect_contains "$OUT" '"begintoestand": "concept"'
expect_exit 0 -- "$BERAAD" workflow definitions
expect_contains "$OUT" "samenwerkingsconvenant  2"
expect_exit 5 -- "$BERAAD" workflow migrate AM05-convenant-2 --naar-versie 2 "${as_beheer[@]}"
expect_contains "$ERR" "give a mapping"
expect_exit 2 -- "$BERAAD" workflow migrate AM05-convenant-2 --naar-versie 2 --mapping consultatie "${as_beheer[@]}"
expect_exit 0 -- "$BERAAD" workflow migrate AM05-convenant-2 --naar-versie 2 --mapping consultatie=inspraak \
  "${as_beheer[@]}"
expect_contains "$OUT" "dry run"
expect_exit 0 -- "$BERAAD" document show AM05-convenant-2
expect_contains "$OUT" "consultatie (workflow samenwerkingsconvenant v1)"
expect_exit 0 -- "$BERAAD" workflow migrate AM05-convenant-2 --naar-versie 2 --mapping consultatie=inspraak \
  --apply "${as_beheer[@]}" --json
expect_contains "$OUT" '"uitgevoerd": true'
expect_exit 0 -- "$BERAAD" document show AM05-convenant-2
expect_contains "$OUT" "inspraak (workflow samenwerkingsconvenant v2)"
expect_exit 0 -- "$BERAAD" overview --scope AM05 --vandaag 2026-11-28 --json
expect_contains "$OUT" "\"geldendDocument\": \"$conv\""

# Everything above is in the hash-chained history.
expect_exit 0 -- "$BERAAD" verify --role auditor

finish
