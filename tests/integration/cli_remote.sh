#!/usr/bin/env bash
# The same scenario twice: the beraad CLI on a local store, and the beraad
# CLI with --server against the real beraad-server on a free loopback port
# (its own store). Every step must exit with the same code both ways; the
# error lines must be identical, and the --json output identical once times
# and event hashes (which depend on the time) are masked. Then what only
# remote mode has: no or a bad token, an unreachable server, commands that
# have no REST counterpart. Needs today on or after 2026-01-01 (as cli_workflow).
source "$(dirname "$0")/lib.sh"
today=$(TZ=Europe/Amsterdam date +%F)  # decisions and signatures may not be dated ahead
examples="$BERAAD_SOURCE_DIR/templates/voorbeelden/twente"
LOCAL_STORE="$WORK/local.sqlite"
REMOTE_STORE="$WORK/remote.sqlite"
unset BERAAD_STORE BERAAD_ACTOR BERAAD_ROLE BERAAD_SCOPE BERAAD_PARTNER BERAAD_SERVER BERAAD_TOKEN

# Identities: the same person, role, scope (and partner) locally and as a token.
declare -A IDENTITY=(
  [km]="Kees Kwartiermaker|kwartiermaker|AM05|"
  [sec]="Sanne Secretariaat|secretariaat|AM05|"
  [uwv]="M. Jansen|partner|AM05|uwv"
  [other]="Rob Rijnmond|kwartiermaker|AM22|"
  [aud]="Anna Auditor|auditor|*|"
  [beheer]="Bram Beheerder|beheerder|*|"
)
"$BERAAD" regio list --store "$LOCAL_STORE" >/dev/null 2>&1 || not_ok "local store not created"
# Tokens are issued on the server's store with the local CLI (a partner's
# token once its partner is registered).
declare -A TOKEN
issue() {
  IFS='|' read -r person role scope partner <<<"${IDENTITY[$1]}"
  TOKEN[$1]=$("$BERAAD" token create --store "$REMOTE_STORE" --as "Bram Beheerder" --role beheerder --persoon "$person" \
    --rol "$role" --regio "$scope" ${partner:+--partner-sleutel "$partner"} 2>/dev/null)
  [[ ${TOKEN[$1]} == brd_* ]] && ok || not_ok "no token for $1"
}
for who in km sec other aud; do issue "$who"; done

start_server --store "$REMOTE_STORE" --threads 4 --timer-interval 1
URL=$SERVER_URL
port=${SERVER_URL##*:}

# as MODE WHO ARGS...: the CLI as WHO, on the local store or through the server.
as() {
  local mode=$1 who=$2; shift 2
  IFS='|' read -r person role scope partner <<<"${IDENTITY[$who]}"
  if [[ $mode == local ]]; then
    BERAAD_PARTNER=$partner "$BERAAD" "$@" --store "$LOCAL_STORE" --as "$person" --role "$role" --scope "$scope"
  else
    BERAAD_SERVER=$URL BERAAD_TOKEN=${TOKEN[$who]} "$BERAAD" "$@"
  fi
}

# Times, the hashes that cover them and the signing key (one per store) differ
# between two runs; ids, content hashes and everything else must not (a rendering's template source too:
# "ingebouwd" both ways).
# With MASK_SIZE set, "bytes" too: a redline's (compressed) size follows the
# dates of its tracked changes.
masked() {
  sed -E 's/"(tijdstip|aangemaaktOp|gewijzigdOp|vastgelegdOp|hash|vorigeHash|kopHash|sleutelId)": "[^"]*"/"\1": "~"/g' |
    if [[ -n ${MASK_SIZE:-} ]]; then sed -E 's/"bytes": [0-9]+/"bytes": ~/'; else cat; fi
}

# step CODE WHO ARGS...: runs ARGS both ways ({mode} in an argument becomes
# local or remote; with IN_MODE_DIR set, in the directory $WORK/local or
# $WORK/remote); both must exit CODE with the same stderr, and with
# --json the same masked stdout. Leaves the outputs in LOCAL_OUT/REMOTE_OUT.
step() {
  local expected=$1 who=$2; shift 2
  local mode args=() code
  for mode in local remote; do
    args=("${@//\{mode\}/$mode}")
    (if [[ -n ${IN_MODE_DIR:-} ]]; then cd "$WORK/$mode" || exit 1; fi
     as "$mode" "$who" "${args[@]}") >"$WORK/$mode.out" 2>"$WORK/$mode.err"; code=$?
    [[ $code -eq $expected ]] && ok || not_ok "$mode '${args[*]}' exited $code, expected $expected: $(cat "$WORK/$mode.err")"
  done
  sed -i "s|$WORK/remote|$WORK/local|g" "$WORK/remote.err" "$WORK/remote.out"  # file names that name the mode
  LOCAL_OUT=$(cat "$WORK/local.out"); REMOTE_OUT=$(cat "$WORK/remote.out")
  if cmp -s "$WORK/local.err" "$WORK/remote.err"; then ok; else
    not_ok "'$*': stderr differs"; diff "$WORK/local.err" "$WORK/remote.err" >&2
  fi
  if [[ " $* " == *" --json "* ]]; then
    if [[ $(masked <<<"$LOCAL_OUT") == "$(masked <<<"$REMOTE_OUT")" ]]; then ok; else
      not_ok "'$*': --json output differs"; diff <(masked <<<"$LOCAL_OUT") <(masked <<<"$REMOTE_OUT") >&2
    fi
  fi
}

partners=$TWENTE_PARTNERS
meeting=(--datum "$today" --vergadering "RB Twente 12 maart 2026" --agendapunt 4)
conv=AM05-convenant-1

# Reference data and partners (a new partner, then a replaced one).
step 0 aud regio list --json
step 0 aud budget --json
while IFS='|' read -r key name kind person function; do
  step 0 sec partner add --regio AM05 --sleutel "$key" --naam "$name" --soort "$kind" \
    --vertegenwoordiger "$person|$function" --json
done <<<"$partners"
step 0 sec partner add --regio AM05 --sleutel uwv --naam UWV --soort uwv --vertegenwoordiger "M. Jansen|regiomanager Twente" --json
issue uwv
step 0 aud regio show AM05 --json
step 0 aud partner list AM05
[[ $LOCAL_OUT == "$REMOTE_OUT" ]] && ok || not_ok "partner list text differs"
step 3 aud regio show AM99
step 7 other regio show AM05

# Model drafts (document new): only written here, so nothing is created;
# the notes travel in a header and print the same. Auditors may not.
step 0 km document new --soort samenwerkingsconvenant --regio AM05 --alleen-inhoud --json
step 0 km document new --soort uitvoeringsagenda --regio AM05 --alleen-inhoud --uitvoer "$WORK/{mode}-model.xml"
cmp -s "$WORK/local-model.xml" "$WORK/remote-model.xml" && ok || not_ok "model uitvoeringsagenda differs"
expect_contains "$(cat "$WORK/remote.err")" "has no beleidsagenda" "model note (remote)"
step 7 aud document new --soort beleidsagenda --regio AM05 --alleen-inhoud
step 7 other document new --soort beleidsagenda --regio AM05

# Documents and versions: invalid content (every error line), create, edit,
# a stale base, not found, out of scope.
sed 's/unanimiteit-kernpartners/loting/;s/percentage="20"/percentage="120"/' \
  "$examples/samenwerkingsconvenant.xml" >"$WORK/bad.xml"
step 6 km document create --soort samenwerkingsconvenant --regio AM05 --inhoud "$WORK/bad.xml" --bericht x
[[ $(grep -c 'line [0-9]*:' "$WORK/remote.err") -ge 2 ]] && ok || not_ok "remote invalid content lists its lines: $(cat "$WORK/remote.err")"
step 0 km document create --soort samenwerkingsconvenant --regio AM05 \
  --inhoud "$examples/samenwerkingsconvenant.xml" --bericht "Eerste concept" --json
step 0 aud document show "$conv" --json
step 0 aud document list --regio AM05 --json
step 0 aud content get "$conv" --output "$WORK/{mode}-v1.xml"
cmp -s "$WORK/local-v1.xml" "$WORK/remote-v1.xml" && ok || not_ok "content get differs"
sed 's/vier keer per jaar/zes keer per jaar/' "$WORK/local-v1.xml" >"$WORK/v2.xml"
step 0 km content set "$conv" --basis 1 --inhoud "$WORK/v2.xml" --bericht "zes keer" --json
step 4 km content set "$conv" --basis 1 --inhoud "$WORK/v2.xml" --bericht "nog eens"
expect_contains "$(cat "$WORK/remote.err")" "latest version is 2" "stale base (remote)"
step 6 km content set "$conv" --basis 2 --inhoud "$WORK/bad.xml" --bericht "ongeldig"
step 0 aud content get "$conv" --versie 2 --json
step 3 aud document show AM05-convenant-9
step 3 other document show "$conv"
step 0 aud version list "$conv" --json
# Not found and out of scope, for every kind of write as well.
for missing in "content get AM05-convenant-9" "content get $conv --versie 9" "version list AM05-convenant-9" \
               "history AM05-convenant-9" "verify AM05-convenant-9" "transition list AM05-convenant-9" \
               "transition fire AM05-convenant-9 ter-consultatie" "decision list AM05-convenant-9" \
               "signature list AM05-convenant-9" "render AM05-convenant-9"; do
  # shellcheck disable=SC2086
  step 3 km $missing
done
step 3 km content set AM05-convenant-9 --basis 1 --inhoud "$WORK/v2.xml" --bericht x
step 3 sec decision record AM05-convenant-9 --partner uwv --besluit akkoord --vertegenwoordiger x "${meeting[@]}"
step 3 other content set "$conv" --basis 2 --inhoud "$WORK/v2.xml" --bericht x
step 3 other transition fire "$conv" ter-consultatie
step 7 other partner add --regio AM05 --sleutel x --naam X --soort overig
step 6 km document list --limit 0
step 3 aud partner list AM99

# The workflow: transitions (a missing reason, a stale base, a guard, a role),
# decisions by partner representatives, signatures.
step 0 km transition list "$conv" --json
# The text names the role a transition is blocked for, the token's remotely.
step 0 uwv transition list "$conv"
[[ $LOCAL_OUT == "$REMOTE_OUT" ]] && ok || not_ok "transition list text differs: $LOCAL_OUT / $REMOTE_OUT"
expect_contains "$REMOTE_OUT" "role: partner may not fire it" "remote transition list names the role"
step 0 km transition fire "$conv" ter-consultatie --json
step 6 km transition fire "$conv" terug-naar-concept
step 4 km transition fire "$conv" ter-besluitvorming --basis 1
step 0 km transition fire "$conv" ter-besluitvorming --basis 2
step 5 sec transition fire "$conv" vaststellen
expect_contains "$(cat "$WORK/remote.err")" "decision-rule-met" "guard (remote)"
step 7 km transition fire "$conv" vaststellen
step 7 uwv decision record "$conv" --partner fnv --besluit akkoord --vertegenwoordiger "R. Meijer" "${meeting[@]}"
step 0 uwv decision record "$conv" --partner uwv --besluit akkoord --vertegenwoordiger "M. Jansen" "${meeting[@]}" --json
step 4 sec decision record "$conv" --partner sbb --besluit akkoord --vertegenwoordiger "P. Visser" --versie 1 "${meeting[@]}"
while IFS='|' read -r key _ _ person _; do
  [[ $key == uwv ]] && continue
  step 0 sec decision record "$conv" --partner "$key" --besluit akkoord --vertegenwoordiger "$person" "${meeting[@]}"
done <<<"$partners"
step 0 aud decision explain "$conv" --json
step 0 aud decision list "$conv" --json
step 0 sec transition fire "$conv" vaststellen --json
while IFS='|' read -r key _ _ person function; do
  step 0 sec signature record "$conv" --partner "$key" --ondertekenaar "$person" --functie "$function" \
    --plaats Enschede --datum "$today"
done <<<"$partners"
step 0 aud signature list "$conv" --json
step 0 sec transition fire "$conv" ondertekenen
# The ingangsdatum has passed: in-werking-treden is the system's (issue 21), taken locally by
# beraad tijd (or the next write), on the server by its scheduler (every second here).
as local sec tijd >/dev/null 2>&1 || not_ok "local beraad tijd"
for _ in $(seq 1 50); do
  as remote aud document show "$conv" --json 2>/dev/null | grep -q '"status": "in-werking"' && break
  sleep 0.2
done
step 0 aud document show "$conv" --json
expect_contains "$LOCAL_OUT" '"status": "in-werking"' "in werking by its timer"
step 0 aud tijd --json
[[ $(python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["gepland"]) + len(d["geweigerd"]))' \
  <<<"$REMOTE_OUT") == 0 ]] && ok || not_ok "nothing left to take: $REMOTE_OUT"
grep -q "beraad-server: timer: $conv ondertekend -> in-werking (in-werking-treden, due 2025-12-31T23:00:00.000Z)" \
  "$WORK/access.log" && ok || not_ok "the server's log names the step it took: $(grep timer "$WORK/access.log")"
step 0 aud transition history "$conv" --json
step 0 km amendment start "$conv" --bericht "Wijziging: kostenverdeling" --json
step 4 km amendment start "$conv" --bericht "Nog een wijziging"

# A strategisch partner admitted by the kernpartners' votes; a correction of
# a centrumgemeente by a beheerder (and refused for others).
step 0 sec partner add --regio AM05 --sleutel provincie-overijssel --naam "Provincie Overijssel" \
  --soort provincie --rol strategisch-partner --json
votes=()
while IFS='|' read -r key _; do votes+=(--stem "$key=akkoord"); done <<<"$partners"
step 0 sec partner admit --regio AM05 --partner provincie-overijssel --vergadering "RB Twente 12 maart 2026" \
  --agendapunt 6 --datum 2026-03-12 "${votes[@]}" --json
step 7 km regio correct AM05 --centrumgemeente Hengelo --bron "test"
issue beheer
step 0 beheer regio correct AM05 --centrumgemeente Enschede --bron "Convenant Twente 2026" --json

# Rendering, history, verification, the overview.
step 0 aud render "$conv" --formaat odt --output "$WORK/{mode}.odt"
for mode in local remote; do
  [[ $(unzip -l "$WORK/$mode.odt" 2>/dev/null) == *content.xml* ]] && ok || not_ok "$mode render is not an ODF package"
done
step 0 aud render "$conv" --formaat docx --output "$WORK/{mode}.docx" --json
expect_contains "$REMOTE_OUT" '"sjabloon": "samenwerkingsconvenant/docx"' "render --json (remote)"
step 0 aud history "$conv" --json
step 0 aud history AM05 --json
step 0 aud verify "$conv" --json
step 0 aud overview --vandaag 2026-11-28 --json
step 0 km overview --vandaag 2026-11-28
[[ $LOCAL_OUT == "$REMOTE_OUT" ]] && ok || not_ok "overview text differs"
step 0 aud herinneringen --vandaag 2026-11-28 --json
step 0 sec herinneringen --regio AM05 --vandaag 2026-11-28
[[ $LOCAL_OUT == "$REMOTE_OUT" ]] && ok || not_ok "herinneringen text differs"
step 7 sec herinneringen --regio AM22
step 3 aud herinneringen --regio AM99

# Comparing versions (diff, redline) and exporting history: the same output,
# files and exit codes both ways (times masked in text as in JSON).
times() { sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z/~/g'; }
same_text() {
  [[ $(times <<<"$LOCAL_OUT") == "$(times <<<"$REMOTE_OUT")" ]] && ok || {
    not_ok "$1: text differs"; diff <(times <<<"$LOCAL_OUT") <(times <<<"$REMOTE_OUT") >&2; }
}
mkdir -p "$WORK/local" "$WORK/remote"
step 0 aud diff "$conv"
expect_contains "$REMOTE_OUT" "[-vier-]{+zes+}" "diff (remote)"
same_text "diff"
step 0 aud diff "$conv" --van 1 --naar 2 --json
step 0 aud diff "$conv" --van 2 --naar 1 --json
step 6 aud diff "$conv" --naar 1
expect_contains "$(cat "$WORK/remote.err")" "no earlier version" "diff of version 1 (remote)"
step 3 aud diff "$conv" --naar 9
step 3 aud diff "$conv" --van 9 --naar 2
step 3 aud diff AM05-convenant-9
step 2 aud diff "$conv" --van 0
step 2 aud diff "$conv" --naar -1
step 2 aud redline "$conv" --van 0 --output "$WORK/{mode}-r.odt"
step 3 other diff "$conv"
redlined=$conv-v2-t.o.v.-v1
IN_MODE_DIR=1 step 0 aud redline "$conv" --formaat odt
same_text "redline"
expect_contains "$REMOTE_OUT" "written to $redlined.odt (" "redline file name (remote)"
MASK_SIZE=1 IN_MODE_DIR=1 step 0 aud redline "$conv" --van 1 --naar 2 --formaat docx --json
expect_contains "$REMOTE_OUT" '"auteur": "Kees Kwartiermaker"' "redline author (remote)"
for mode in local remote; do
  [[ $(unzip -p "$WORK/$mode/$redlined.odt" content.xml 2>/dev/null) == *"<text:tracked-changes>"* ]] &&
    ok || not_ok "$mode redline odt has no tracked changes"
  [[ $(unzip -p "$WORK/$mode/$redlined.docx" word/document.xml 2>/dev/null) == *"<w:ins "* ]] &&
    ok || not_ok "$mode redline docx has no tracked changes"
done
step 6 aud redline "$conv" --naar 1 --output "$WORK/{mode}-r.odt"
step 3 aud redline "$conv" --naar 9 --output "$WORK/{mode}-r.odt"
step 3 other redline "$conv" --output "$WORK/{mode}-r.odt"
[[ ! -e $WORK/local-r.odt && ! -e $WORK/remote-r.odt ]] && ok || not_ok "a failed redline wrote a file"

step 0 aud export "$conv" --formaat json --met-inhoud --uitvoer "$WORK/{mode}-export.json" --json
# The export is compact JSON; one member a line, with its times and hashes masked.
exported() {
  sed -E 's/,"/,\n"/g' "$1" |
    sed -E 's/"(geexporteerdOp|tijdstip|aangemaaktOp|gewijzigdOp|vastgelegdOp|hash|vorigeHash|kopHash)":"[^"]*"/"\1":"~"/g'
}
if [[ $(exported "$WORK/local-export.json") == "$(exported "$WORK/remote-export.json")" ]]; then ok; else
  not_ok "json export differs"; diff <(exported "$WORK/local-export.json") <(exported "$WORK/remote-export.json") | head -20 >&2
fi
step 0 aud export "$conv" --formaat csv --uitvoer "$WORK/{mode}-export.csv"
same_text "export csv"
[[ $(times <"$WORK/local-export.csv" | cut -d, -f1-4) == "$(times <"$WORK/remote-export.csv" | cut -d, -f1-4)" ]] &&
  ok || not_ok "csv export differs"
step 0 aud export "$conv" --formaat csv --uitvoer -
[[ $(wc -l <<<"$REMOTE_OUT") -eq $(wc -l <"$WORK/remote-export.csv") ]] && ok || not_ok "export to stdout (remote)"
IN_MODE_DIR=1 step 0 aud export "$conv" --formaat zip
same_text "export zip"
step 0 aud bundle verify "$WORK/{mode}/$conv-export.zip" --json
expect_contains "$REMOTE_OUT" '"intact": true' "bundle verify with --server"
step 0 aud export --regio AM05 --formaat zip --zonder-weergaven --uitvoer "$WORK/{mode}-am05.zip" --json
step 0 aud bundle verify "$WORK/{mode}-am05.zip"
step 7 km export "$conv" --uitvoer "$WORK/{mode}-x.json"
step 7 other export "$conv" --uitvoer "$WORK/{mode}-x.json"
step 3 aud export AM05-convenant-9 --uitvoer "$WORK/{mode}-x.json"
step 3 aud export --regio AM99 --uitvoer "$WORK/{mode}-x.json"
step 7 sec export --regio AM22 --uitvoer "$WORK/{mode}-x.json"
step 7 km export --regio AM05 --formaat csv --uitvoer "$WORK/{mode}-x.json"
step 2 aud export "$conv" --formaat pdf --uitvoer "$WORK/{mode}-x.json"
compgen -G "$WORK/*-x.json*" >/dev/null && not_ok "a failed export left a file" || ok

# What only remote mode has.
expect_exit 2 -- env BERAAD_SERVER="$URL" "$BERAAD" regio list
expect_contains "$ERR" "BERAAD_TOKEN"
expect_exit 7 -- env BERAAD_SERVER="$URL" BERAAD_TOKEN=brd_onzin "$BERAAD" regio list
expect_contains "$ERR" "unauthenticated"
expect_exit 0 -- "$BERAAD" regio show AM05 --server "$URL/api/v1" --token "${TOKEN[aud]}"
expect_exit 0 -- "$BERAAD" regio show AM05 --server "$URL" --token "${TOKEN[aud]}" --role beheerder
expect_contains "$ERR" "--role does not apply with --server" "identity flags with --server"
expect_exit 9 -- "$BERAAD" regio list --server http://127.0.0.1:1 --token "${TOKEN[aud]}"
expect_contains "$ERR" "cannot reach beraad-server"
[[ $ERR != *"${TOKEN[aud]}"* ]] && ok || not_ok "the token shows in an error"
for command in "token list" "verify" "workflow definitions" "render $conv --context"; do
  # shellcheck disable=SC2086
  expect_exit 2 -- env BERAAD_SERVER="$URL" BERAAD_TOKEN="${TOKEN[aud]}" "$BERAAD" $command
  expect_contains "$ERR" "not available with --server" "$command"
done
grep -q "${TOKEN[aud]}" "$WORK/access.log" && not_ok "a token is in the access log" || ok
# An export whose body ends before its Content-Length (the connection
# dropped): exit 9, and neither the file nor its .part is left behind.
python3 - "$WORK/short.port" <<'PY' &
import socket, sys
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(1)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(str(server.getsockname()[1]))
import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1])
server.settimeout(30)
connection, _ = server.accept()
connection.recv(65536)
connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n"
                   b"Beraad-Documenten: 1\r\nBeraad-Versies: 1\r\nBeraad-Gebeurtenissen: 1\r\n"
                   b"Beraad-Bestanden: 0\r\n\r\n{\"formaat\":")
connection.close()
PY
short_pid=$!
for _ in $(seq 1 200); do [[ -s $WORK/short.port ]] && break; sleep 0.1; done
expect_exit 9 -- "$BERAAD" export "$conv" --server "http://127.0.0.1:$(cat "$WORK/short.port")" --token x \
  --uitvoer "$WORK/short.json"
expect_contains "$ERR" "sent 11 of 1000 bytes" "cut-short export"
[[ ! -e $WORK/short.json && ! -e $WORK/short.json.part ]] && ok || not_ok "a cut-short export left a file"
wait "$short_pid" 2>/dev/null


# https:// through a TLS-terminating proxy (as a deployment puts in front of
# the server): the certificate and host name are verified; a CA of your own
# comes from BERAAD_CA_FILE.
probe=$("$BERAAD" regio list --server "https://127.0.0.1:1" --token x 2>&1)
if [[ $probe == *"needs a build with Poco NetSSL"* ]]; then
  echo "beraad was built without Poco NetSSL: https not tested"
elif command -v openssl >/dev/null && command -v python3 >/dev/null; then
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/key.pem" -out "$WORK/cert.pem" -days 2 \
    -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" 2>/dev/null
  python3 "$(dirname "$0")/support/tls_proxy.py" "$WORK/cert.pem" "$WORK/key.pem" "$port" >"$WORK/tls.port" &
  proxy_pid=$!
  for _ in $(seq 1 50); do [[ -s $WORK/tls.port ]] && break; sleep 0.1; done
  tls="https://127.0.0.1:$(cat "$WORK/tls.port")"
  expect_exit 0 -- env BERAAD_CA_FILE="$WORK/cert.pem" "$BERAAD" document show "$conv" --server "$tls" \
    --token "${TOKEN[aud]}" --json
  expect_contains "$OUT" '"id": "AM05-convenant-1"' "document over https"
  expect_exit 9 -- "$BERAAD" document show "$conv" --server "$tls" --token "${TOKEN[aud]}"
  expect_contains "$ERR" "certificate verify failed" "untrusted certificate"
  expect_exit 9 -- env BERAAD_CA_FILE="$WORK/cert.pem" "$BERAAD" document show "$conv" \
    --server "https://localhost:$(cat "$WORK/tls.port")" --token "${TOKEN[aud]}"
  expect_contains "$ERR" "Unacceptable certificate from localhost" "host name mismatch"
  kill "$proxy_pid"; wait "$proxy_pid" 2>/dev/null
fi

# Plain HTTP stays on loopback: the server refuses another bind unless a TLS
# proxy is said to be in front, and the CLI never sends a token over http://
# to another host.
expect_exit 2 -- "$BERAAD_BIN_DIR/beraad-server" --bind 0.0.0.0 --port 0 --store "$WORK/proxy.sqlite"
expect_contains "$ERR" "not a loopback address"
timeout 5 "$BERAAD_BIN_DIR/beraad-server" --bind 0.0.0.0 --port 0 --store "$WORK/proxy.sqlite" \
  --achter-proxy >"$WORK/proxy.out" 2>&1 &
for _ in $(seq 1 50); do grep -q listening "$WORK/proxy.out" && break; sleep 0.1; done
expect_contains "$(cat "$WORK/proxy.out")" "listening on http://0.0.0.0:" "bind behind a proxy"
expect_exit 6 -- env BERAAD_TOKEN="${TOKEN[aud]}" "$BERAAD" regio list --server http://192.0.2.1:8080
expect_contains "$ERR" "refusing to send the API token over plain http://"

finish
