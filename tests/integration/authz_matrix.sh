#!/usr/bin/env bash
# The authorisation matrix (tests/integration/authz/matrix.tsv) driven against
# a real beraad-server on a fresh store with real tokens: every route x role x
# scope x partner, each a valid request, each status as the matrix says, and
# nothing written by a refused request (support/authz_matrix.py).
source "$(dirname "$0")/lib.sh"

# The kernpartners of Twente in AM05 and, with the same keys, in AM24.
for region in AM05 AM24; do
  while IFS='|' read -r key name kind person function; do
    "$BERAAD" partner add --role secretariaat --regio "$region" --sleutel "$key" --naam "$name" --soort "$kind" \
      --vertegenwoordiger "$person|$function|$key@example.nl" >/dev/null 2>&1 || not_ok "partner add $region $key"
  done <<<"$TWENTE_PARTNERS"
done
"$BERAAD" partner add --role secretariaat --regio AM05 --sleutel provincie-overijssel --naam "Provincie Overijssel" \
  --soort provincie --rol strategisch-partner >/dev/null 2>&1 || not_ok "partner add provincie-overijssel"

start_server --store "$BERAAD_STORE"
if python3 "$BERAAD_SOURCE_DIR/tests/integration/support/authz_matrix.py" \
    --matrix "$BERAAD_SOURCE_DIR/tests/integration/authz/matrix.tsv" --url "$SERVER_URL" \
    --store "$BERAAD_STORE" --beraad "$BERAAD" --source "$BERAAD_SOURCE_DIR" --work "$WORK"; then
  ok
else
  not_ok "the authorisation matrix (the rows above)"
fi
finish
