#!/usr/bin/env bash
# Crash consistency: beraad-server is killed with SIGKILL in the middle of a
# burst of concurrent writes (four writers, one document each, in four regions), three rounds
# on one store. After each kill the store must open, hold every version the
# server acknowledged with 201 (tests/integration/support/crash_writer.py
# records each before it uses the answer) and verify: chains, projections
# and signed checkpoints. A write the server did not acknowledge may or may
# not be there; an acknowledged one is never lost. Bounded: each round writes
# for at most a few seconds on loopback.
source "$(dirname "$0")/lib.sh"
unset BERAAD_SERVER BERAAD_TOKEN BERAAD_PARTNER
examples="$BERAAD_SOURCE_DIR/templates/voorbeelden/twente"
writer="$BERAAD_SOURCE_DIR/tests/integration/support/crash_writer.py"
as_sec=(--as "Sanne Secretariaat" --role secretariaat --scope "*")
as_km=(--as "Kees Kwartiermaker" --role kwartiermaker --scope "*")
acknowledged="$WORK/acknowledged.txt"
: >"$acknowledged"

# One convenant per region (docs/workflow.md): four regions, one document each.
regions=(AM05 AM14 AM22 AM24)
documents=()
for region in "${regions[@]}"; do
  while IFS='|' read -r key name kind person function; do
    "$BERAAD" partner add "${as_sec[@]}" --regio "$region" --sleutel "$key" --naam "$name" \
      --soort "$kind" --vertegenwoordiger "$person|$function" >/dev/null 2>&1 || not_ok "partner $key in $region"
  done <<<"$TWENTE_PARTNERS"
  sed "s/regio=\"AM05\"/regio=\"$region\"/" "$examples/samenwerkingsconvenant.xml" >"$WORK/$region.xml"
  expect_exit 0 -- "$BERAAD" document create "${as_km[@]}" --soort samenwerkingsconvenant \
    --regio "$region" --inhoud "$WORK/$region.xml" --bericht "Concept $region"
  documents+=("$region-convenant-1")
done
token=$("$BERAAD" token create --role beheerder --persoon "Kees Kwartiermaker" --rol kwartiermaker \
  --regio '*' 2>/dev/null)

for round in 1 2 3; do
  start_server --store "$BERAAD_STORE" --threads 4
  python3 "$writer" "$SERVER_URL" "$token" "$examples/samenwerkingsconvenant.xml" "$acknowledged" 8 \
    "${documents[@]}" &
  writer_pid=$!
  sleep "1.$((RANDOM % 9))"
  kill -KILL "$server_pid"
  wait "$server_pid" 2>/dev/null
  wait "$writer_pid"
  count=$(wc -l <"$acknowledged")
  [[ $count -gt 0 ]] && ok || not_ok "round $round: no write was acknowledged before the kill"
  echo "round $round: $count writes acknowledged so far"

  # Every acknowledged version is there with its content hash, and the store verifies.
  for document in "${documents[@]}"; do
    "$BERAAD" version list "$document" --role auditor --json >"$WORK/$document.json" 2>/dev/null \
      || not_ok "round $round: version list $document after the kill"
  done
  missing=$(python3 - "$acknowledged" "$WORK" <<'CHECK'
import json, sys
stored = {}
for line in open(sys.argv[1]):
    document, number, digest = line.split()
    if document not in stored:
        stored[document] = {(v["nummer"], v["inhoudHash"])
                            for v in json.load(open(sys.argv[2] + "/" + document + ".json"))}
    if (int(number), digest) not in stored[document]:
        print(document, number, digest, file=sys.stderr)
print(sum(1 for line in open(sys.argv[1])
          if (int(line.split()[1]), line.split()[2]) not in stored[line.split()[0]]))
CHECK
)
  [[ $missing -eq 0 ]] && ok || not_ok "round $round: $missing acknowledged versions are missing"
  expect_exit 0 -- "$BERAAD" verify --role auditor
  expect_contains "$OUT" "history intact" "round $round: verify after the kill"
done

finish
