# Shared helpers for the integration scripts (sourced, not run by ctest).
# Every check counts; the script exits non-zero when any check failed.
set -uo pipefail

: "${BERAAD_BIN_DIR:?set by ctest}"
: "${BERAAD_SOURCE_DIR:?set by ctest}"
BERAAD="$BERAAD_BIN_DIR/beraad"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/beraad-it-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export BERAAD_STORE="$WORK/store.sqlite"
# Writes on a local store need a named actor (docs/cli.md); the scripts act as this one
# unless they say otherwise.
export BERAAD_ACTOR="Integratietest"
# Receipts of the CLI's writes stay in the test's folder, not in $HOME.
export BERAAD_ONTVANGSTBEWIJZEN="$WORK/ontvangstbewijzen"
passed=0
failed=0

# require_soffice: skips the script (exit 77) when LibreOffice is absent, and
# gives it a private LibreOffice profile under $WORK.
require_soffice() {
  if ! command -v soffice >/dev/null; then
    echo "SKIP: soffice not installed (scripts/setup installs libreoffice-writer-nogui)"
    exit 77
  fi
  export HOME="$WORK/home"
  mkdir -p "$HOME"
}

# start_server ARGS...: starts the real beraad-server on a free loopback port
# with ARGS (stdout in $WORK/server.out, the access log in $WORK/access.log),
# waits until it listens and sets server_pid and SERVER_URL
# (http://127.0.0.1:PORT). The server is stopped when the script exits.
start_server() {
  "$BERAAD_BIN_DIR/beraad-server" --port 0 "$@" >"$WORK/server.out" 2>"$WORK/access.log" &
  server_pid=$!
  trap 'kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; rm -rf "$WORK"' EXIT
  for _ in $(seq 1 50); do grep -q listening "$WORK/server.out" && break; sleep 0.1; done
  local port
  port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/api/v1.*|\1|p' "$WORK/server.out")
  [[ -n $port ]] || { cat "$WORK/server.out"; not_ok "server did not start"; finish; exit 1; }
  SERVER_URL="http://127.0.0.1:$port"
}

# The kernpartners of Twente (AM05) as key|name|kind|representative|function,
# as in scripts/quickstart.
TWENTE_PARTNERS=$(cat <<'PARTNERS'
gemeente-enschede|Gemeente Enschede|centrumgemeente|J. de Vries|wethouder Werk en Inkomen
gemeente-hengelo|Gemeente Hengelo|gemeente|A. Bakker|wethouder Economie en Werk
uwv|UWV|uwv|M. Jansen|regiomanager Twente
sbb|SBB|sbb|P. Visser|regiodirecteur Oost
vno-ncw-midden|VNO-NCW Midden|werkgeversorganisatie|S. Smit|regiomanager Twente
fnv|FNV Twente|werknemersorganisatie|R. Meijer|regiobestuurder
roc-van-twente|ROC van Twente|contactschool|L. de Boer|lid college van bestuur
PARTNERS
)

# req METHOD PATH TOKEN [curl args...]: a request to the API at $base;
# sets STATUS, BODY and HEADERS.
req() {
  local method=$1 path=$2 tok=$3; shift 3
  local auth=()
  [[ -n $tok ]] && auth=(-H "Authorization: Bearer $tok")
  STATUS=$(curl -s -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' -X "$method" "${auth[@]}" "$@" "$base$path")
  BODY=$(cat "$WORK/body"); HEADERS=$(cat "$WORK/headers")
}
expect_status() { if [[ $STATUS == "$1" ]]; then ok; else not_ok "$2: status $STATUS, expected $1; body: $BODY"; fi; }
# header NAME: the value of that header of the last req.
header() { grep -i "^$1:" "$WORK/headers" | head -1 | cut -d' ' -f2- | tr -d '\r'; }

ok() { passed=$((passed + 1)); }
not_ok() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

# expect_exit CODE -- command...: runs the command, keeps stdout in $OUT and
# stderr in $ERR, and checks its exit code.
expect_exit() {
  local expected=$1; shift
  [[ $1 == -- ]] && shift
  OUT=$("$@" 2>"$WORK/stderr"); local code=$?
  ERR=$(cat "$WORK/stderr")
  if [[ $code -eq $expected ]]; then ok; else not_ok "'$*' exited $code, expected $expected; stderr: $ERR"; fi
}

expect_contains() {
  local haystack=$1 needle=$2 label=${3:-output}
  if [[ $haystack == *"$needle"* ]]; then ok; else not_ok "$label does not contain '$needle': $haystack"; fi
}

finish() {
  echo "$passed passed, $failed failed"
  [[ $failed -eq 0 ]]
}
