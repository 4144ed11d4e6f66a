#!/usr/bin/env bash
# The OpenAPI document served by the real beraad-server passes the NL GOV API
# Design Rules ruleset (../shared/schemas/nlgov-adr/linter.yaml) with
# @stoplight/spectral-cli from npm: no errors.
source "$(dirname "$0")/lib.sh"
ruleset="${BERAAD_SHARED_DIR:-}/schemas/nlgov-adr/linter.yaml"
if [[ ! -f $ruleset ]]; then
  echo "SKIP: $ruleset is absent (the shared folder is not beside the checkout)"
  exit 77
fi

tools="${BERAAD_NPM_TOOLS:-$BERAAD_BIN_DIR/../npm-tools}"
spectral="$tools/node_modules/.bin/spectral"
if [[ ! -x $spectral ]]; then
  mkdir -p "$tools"
  (cd "$tools" && npm install --silent --no-audit --no-fund @stoplight/spectral-cli@6 >/dev/null 2>&1) \
    || { not_ok "npm install @stoplight/spectral-cli failed"; finish; exit 1; }
fi

"$BERAAD_BIN_DIR/beraad-server" --port 0 --store "$BERAAD_STORE" >"$WORK/server.out" 2>/dev/null &
server=$!
for _ in $(seq 1 50); do grep -q listening "$WORK/server.out" && break; sleep 0.1; done
port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/api/v1.*|\1|p' "$WORK/server.out")
curl -s -o "$WORK/openapi.json" "http://127.0.0.1:$port/api/v1/openapi.json"
kill -TERM "$server"; wait "$server"

if "$spectral" lint -r "$ruleset" --fail-severity error "$WORK/openapi.json" >"$WORK/lint.txt" 2>&1; then
  ok
else
  not_ok "spectral found errors:"; cat "$WORK/lint.txt" >&2
fi
grep -q '"openapi": "3' "$WORK/openapi.json" && ok || not_ok "the server did not serve the OpenAPI document"
finish
