#!/usr/bin/env bash
# The real beraad-server on a free loopback port, driven with curl: the
# whole set of HTTP error paths, concurrent writers, body and connection
# limits, and a graceful shutdown with a request in flight. Every request
# goes to 127.0.0.1 only; every loop is bounded.
source "$(dirname "$0")/lib.sh"
today=$(TZ=Europe/Amsterdam date +%F)  # decisions and signatures may not be dated ahead
SERVER="$BERAAD_BIN_DIR/beraad-server"
examples="$BERAAD_SOURCE_DIR/templates/voorbeelden/twente"

# Tokens and partners on the store, before and while the server runs.
"$BERAAD" partner add --role secretariaat --regio AM05 --sleutel uwv --naam UWV --soort uwv >/dev/null 2>&1
for row in gemeente-enschede:centrumgemeente gemeente-hengelo:gemeente sbb:sbb vno-ncw-midden:werkgeversorganisatie \
           fnv:werknemersorganisatie roc-van-twente:contactschool; do
  "$BERAAD" partner add --role secretariaat --regio AM05 --sleutel "${row%%:*}" --naam "${row%%:*}" --soort "${row##*:}" >/dev/null 2>&1
done
token() { "$BERAAD" token create --role beheerder --persoon "$1" --rol "$2" --regio "$3" 2>/dev/null; }
KM=$(token "Kees Kwartiermaker" kwartiermaker AM05)
AUD=$(token "Anna Auditor" auditor '*')
OTHER=$(token "Rob Rijnmond" kwartiermaker AM22)
[[ $KM == brd_* && $AUD == brd_* ]] && ok || not_ok "tokens were not issued"

start_server --store "$BERAAD_STORE" --max-body-bytes 65536 --request-timeout 2 --threads 4
port=${SERVER_URL##*:}
base="$SERVER_URL/api/v1"


req GET /health ""
expect_status 200 "health"
expect_contains "$HEADERS" "API-Version: 1.0.0" "health headers"
expect_contains "$HEADERS" "X-Frame-Options: DENY" "health headers"
expect_contains "$HEADERS" "Content-Security-Policy: frame-ancestors 'none'" "health headers"
req GET /openapi.json ""
expect_status 200 "openapi"
expect_contains "$HEADERS" "Access-Control-Allow-Origin: *" "openapi headers"

req GET /regios ""
expect_status 401 "no token"
expect_contains "$HEADERS" "application/problem+json" "401 headers"
req GET /regios "brd_nonsense"
expect_status 401 "bad token"
req GET /regios/AM05 "$OTHER"
expect_status 403 "out of scope"
req GET /regios/ "$AUD"
expect_status 404 "trailing slash"
req DELETE /documenten "$AUD"
expect_status 405 "DELETE documenten"
expect_contains "$(header Allow)" "GET, POST" "Allow"

# The human text is Dutch; Accept-Language: en (as beraad --server sends)
# gives it as written, in English. Both say so in Content-Language.
req POST "/documenten?bericht=x" "$KM" -H "Content-Type: application/xml" -H "If-Match: *" --data-binary '<iets/>'
expect_status 422 "foreign root element"
expect_contains "$(header Content-Language)" "nl" "Content-Language of a Dutch answer"
expect_contains "$BODY" '"detail":"het rootelement <iets> hoort niet bij een documentsoort' "a Dutch detail"
req POST "/documenten?bericht=x" "$KM" -H "Content-Type: application/xml" -H "If-Match: *" -H "Accept-Language: en" --data-binary '<iets/>'
expect_contains "$(header Content-Language)" "en" "Content-Language of an English answer"
expect_contains "$BODY" '"detail":"the root element <iets> is not a document kind' "an English detail"
req GET /bestaat-niet "$AUD"
expect_contains "$BODY" '"detail":"er is geen resource op /api/v1/bestaat-niet"' "the server's own text in Dutch"

# Create, read, edit.
req POST "/documenten?bericht=Eerste%20concept" "$KM" -H "Content-Type: application/xml" --data-binary "@$examples/samenwerkingsconvenant.xml"
expect_status 428 "create without If-Match"
req POST "/documenten?bericht=Eerste%20concept" "$KM" -H "Content-Type: application/xml" -H "If-Match: *" \
  --data-binary "@$(sed 's/unanimiteit-kernpartners/loting/;s/percentage="20"/percentage="120"/' "$examples/samenwerkingsconvenant.xml" > "$WORK/bad.xml"; echo "$WORK/bad.xml")"
expect_status 422 "invalid content"
expect_contains "$BODY" '"invalidParams"' "422 body"
[[ $(grep -o '"regel"' <<<"$BODY" | wc -l) -eq 2 ]] && ok || not_ok "422 lists both errors with lines: $BODY"
req POST "/documenten?bericht=Eerste%20concept" "$KM" -H "Content-Type: application/xml" -H "If-Match: *" --data-binary "@$examples/samenwerkingsconvenant.xml"
expect_status 201 "create"
expect_contains "$(header Location)" "/api/v1/documenten/AM05-convenant-1" "Location"
etag=$(header ETag)
req GET /documenten/AM05-convenant-1 "$AUD"
expect_status 200 "read document"
[[ $(header ETag) == "$etag" ]] && ok || not_ok "ETag on read differs from the one on create"
req POST "/documenten/AM05-convenant-1/versies?bericht=x" "$KM" -H "Content-Type: application/xml" -H 'If-Match: "verouderd"' \
  --data-binary "@$examples/samenwerkingsconvenant.xml"
expect_status 412 "stale If-Match"

# A version rendered as ODT and DOCX comes as a named download.
for format in odt docx; do
  STATUS=$(curl -s -o "$WORK/rendered.$format" -D "$WORK/headers" -w '%{http_code}' -H "Authorization: Bearer $AUD" \
    "$base/documenten/AM05-convenant-1/versies/1?formaat=$format")
  expect_status 200 "render $format"
  expect_contains "$(header Content-Disposition)" "AM05-convenant-1-v1.$format" "Content-Disposition"
  unzip -l "$WORK/rendered.$format" >/dev/null 2>&1 && ok || not_ok "the $format download is not a package"
done
expect_contains "$(header Content-Type)" "wordprocessingml.document" "docx Content-Type"
req GET "/documenten/AM05-convenant-1/versies/1?formaat=pdf" "$AUD"
expect_status 400 "unknown format"

# Eight writers with the same ETag at once: exactly one version is added.
sed 's/vier keer per jaar/zes keer per jaar/' "$examples/samenwerkingsconvenant.xml" > "$WORK/v2.xml"
for i in $(seq 1 8); do
  curl -s -o /dev/null -w '%{http_code}\n' -X POST -H "Authorization: Bearer $KM" -H "Content-Type: application/xml" \
    -H "If-Match: $etag" --data-binary "@$WORK/v2.xml" "$base/documenten/AM05-convenant-1/versies?bericht=gelijktijdig$i" \
    >>"$WORK/concurrent" &
done
wait $(jobs -p | grep -v "^$server_pid$") 2>/dev/null
[[ $(grep -c '^201$' "$WORK/concurrent") -eq 1 ]] && ok || not_ok "concurrent writers: $(sort "$WORK/concurrent" | uniq -c | tr '\n' ' ')"
[[ $(grep -c '^412$' "$WORK/concurrent") -eq 7 ]] && ok || not_ok "the other writers must get 412"
req GET /documenten/AM05-convenant-1/versies "$AUD"
[[ $(grep -o '"nummer"' <<<"$BODY" | wc -l) -eq 2 ]] && ok || not_ok "exactly two versions expected: $BODY"
req GET /documenten/AM05-convenant-1/verificatie "$AUD"
expect_contains "$BODY" '"intact":true' "verification"

# Diff and redline of version 2 against 1.
req GET /documenten/AM05-convenant-1/versies/2/verschillen "$AUD"
expect_status 200 "verschillen (tegen defaults to 1)"
expect_contains "$BODY" '"label":"artikel 2 / lid 2"' "verschillen"
expect_contains "$BODY" '"tekst":"vier"' "verschillen"
req GET "/documenten/AM05-convenant-1/versies/2/verschillen?tegen=9" "$AUD"
expect_status 404 "verschillen against a missing version"
req GET /documenten/AM05-convenant-1/versies/1/verschillen "$AUD"
expect_status 400 "version 1 has nothing before it"
req GET "/documenten/AM05-convenant-1/versies/2/verschillen?tegen=een" "$AUD"
expect_status 400 "tegen is not a number"
req GET "/documenten/AM05-convenant-1/versies/2/verschillen?tegen=1" "$OTHER"
expect_status 404 "verschillen of another region answer as missing"
STATUS=$(curl -s -o "$WORK/redline.docx" -D "$WORK/headers" -w '%{http_code}' -H "Authorization: Bearer $AUD" \
  "$base/documenten/AM05-convenant-1/versies/2/redline?tegen=1&formaat=docx")
expect_status 200 "redline docx"
expect_contains "$(header Content-Disposition)" "AM05-convenant-1-v2-t.o.v.-v1.docx" "redline Content-Disposition"
expect_contains "$(header Beraad-Tegen)" "1" "redline Beraad-Tegen"
expect_contains "$(header Beraad-Wijzigingen)" " invoegingen, " "redline Beraad-Wijzigingen"
expect_contains "$(header Beraad-Auteur)" "Kees%20Kwartiermaker" "redline Beraad-Auteur (percent-encoded)"
expect_contains "$(header Beraad-Tijdstip)" "Z" "redline Beraad-Tijdstip"
expect_contains "$(unzip -p "$WORK/redline.docx" word/document.xml 2>/dev/null)" "<w:delText" "redline docx"
req GET "/documenten/AM05-convenant-1/versies/2/redline?formaat=pdf" "$AUD"
expect_status 400 "redline in an unknown format"

# The whole lifecycle over HTTP: the secretariaat fires transitions, every
# partner decides with its own token at once (none lost), a transition the
# rule does not allow yet is 409 with the reason, then every party signs.
SEC=$("$BERAAD" token create --role beheerder --persoon "Sanne Secretariaat" --rol secretariaat --regio AM05 2>/dev/null)
partners=(gemeente-enschede gemeente-hengelo uwv sbb vno-ncw-midden fnv roc-van-twente)
declare -A partner_token
for p in "${partners[@]}"; do
  partner_token[$p]=$("$BERAAD" token create --role beheerder --persoon "Namens $p" --rol partner --regio AM05 --partner-sleutel "$p" 2>/dev/null)
done
fire() {
  req GET /documenten/AM05-convenant-1 "$SEC"
  local etag; etag=$(header ETag)
  req POST /documenten/AM05-convenant-1/transities "$SEC" -H "Content-Type: application/json" -H "If-Match: $etag" \
    --data "{\"naam\":\"$1\"}"
}
fire ter-consultatie; expect_status 201 "ter-consultatie"
fire ter-besluitvorming; expect_status 201 "ter-besluitvorming"
fire vaststellen; expect_status 409 "vaststellen before the decisions"
expect_contains "$BODY" "decision-rule-met" "409 body"
req GET /documenten/AM05-convenant-1/versies/2 "$SEC"
version_etag=$(header ETag)
rm -f "$WORK/decisions"
for p in "${partners[@]}"; do
  curl -s -o /dev/null -w '%{http_code}\n' -X POST -H "Authorization: Bearer ${partner_token[$p]}" \
    -H "Content-Type: application/json" -H "If-Match: $version_etag" \
    --data '{"besluit":"akkoord","vertegenwoordiger":"Bestuurder","datum":"'"$today"'","vergadering":"Regionaal Beraad","agendapunt":"4"}' \
    "$base/documenten/AM05-convenant-1/versies/2/goedkeuringen" >>"$WORK/decisions" &
done
wait $(jobs -p | grep -v "^$server_pid$") 2>/dev/null
[[ $(grep -c '^201$' "$WORK/decisions") -eq 7 ]] && ok || not_ok "concurrent decisions: $(sort "$WORK/decisions" | uniq -c | tr '\n' ' ')"
req GET /documenten/AM05-convenant-1/versies/2/goedkeuringen "$SEC"
[[ $(grep -o '"besluit":"akkoord"' <<<"$BODY" | wc -l) -eq 7 ]] && ok || not_ok "seven decisions expected: $BODY"
req GET /documenten/AM05-convenant-1/besluitvorming "$SEC"
expect_contains "$BODY" '"voldaan":true' "decision rule"
fire vaststellen; expect_status 201 "vaststellen"
req POST /documenten/AM05-convenant-1/versies/2/goedkeuringen "${partner_token[uwv]}" -H "Content-Type: application/json" \
  -H "If-Match: $version_etag" \
  --data '{"partner":"fnv","besluit":"akkoord","vertegenwoordiger":"x","datum":"'"$today"'","vergadering":"RB","agendapunt":"4"}'
expect_status 403 "a partner deciding for another"
for p in "${partners[@]}"; do
  req POST /documenten/AM05-convenant-1/versies/2/ondertekeningen "$SEC" -H "Content-Type: application/json" \
    -H "If-Match: $version_etag" --data "{\"partner\":\"$p\",\"ondertekenaar\":\"Bestuurder $p\",\"functie\":\"bestuurder\",\"plaats\":\"Enschede\",\"datum\":\"$today\"}"
  expect_status 201 "signature of $p"
done
# Every write answer carries its receipt: the event as recorded, the signed
# checkpoint that includes it and the inclusion proof; the Link header names
# the receipt's own resource, which answers the same event.
receipt_link=$(header Link)
link_pattern='^</api/v1(/documenten/AM05-convenant-1/gebeurtenissen/([0-9]+)/ontvangstbewijs)>; rel="ontvangstbewijs"$'
[[ $receipt_link =~ $link_pattern ]] && ok || not_ok "the signature's answer has no receipt link: '$receipt_link'"
receipt_path=${BASH_REMATCH[1]} receipt_event=${BASH_REMATCH[2]}
receipt_field() { python3 -c 'import json,sys; r=json.load(sys.stdin)["ontvangstbewijs"] if "ontvangstbewijs" in sys.argv[2:] else json.load(sys.stdin); print(eval(sys.argv[1]))' "$@"; }
[[ $(receipt_field 'r["gebeurtenis"]["soort"]' ontvangstbewijs <<<"$BODY") == ondertekening-vastgelegd ]] &&
  ok || not_ok "the signature's receipt does not hold its event: $BODY"
answered_hash=$(receipt_field 'r["gebeurtenis"]["hash"]' ontvangstbewijs <<<"$BODY")
[[ $(receipt_field 'r["checkpoint"].split("\n")[1]' ontvangstbewijs <<<"$BODY") == "$receipt_event" ]] &&
  ok || not_ok "the receipt's checkpoint is not of the tree that ends with its event"
req GET "$receipt_path" "$AUD"
expect_status 200 "the receipt's own resource"
[[ $(receipt_field 'r["gebeurtenis"]["hash"]' <<<"$BODY") == "$answered_hash" ]] &&
  ok || not_ok "the receipt resource answers another event: $BODY"
fire ondertekenen; expect_status 201 "ondertekenen"
req GET /documenten/AM05-convenant-1/transities "$AUD"
[[ $(grep -o '"overgang"' <<<"$BODY" | wc -l) -eq 4 ]] && ok || not_ok "four transitions expected: $BODY"
req GET /documenten/AM05-convenant-1/verificatie "$AUD"
expect_contains "$BODY" '"intact":true' "verification after the lifecycle"

# Limits: a body over the limit is 413; a media type other than XML is 415.
head -c 70000 /dev/zero | tr '\0' 'a' > "$WORK/big"
req POST "/documenten/AM05-convenant-1/versies?bericht=groot" "$KM" -H "Content-Type: application/xml" -H "If-Match: *" --data-binary "@$WORK/big"
expect_status 413 "oversized body"
req POST "/documenten?bericht=x" "$KM" -H "Content-Type: text/plain" -H "If-Match: *" --data-binary "tekst"
expect_status 415 "wrong media type"

# Oversized headers are 431 (Poco's limits: 100 fields, 8 KiB per value), an
# oversized URI 414; both as problem+json with the common headers.
many=(); for i in $(seq 1 101); do many+=(-H "X-Veld-$i: a"); done
req GET /health "" "${many[@]}"
expect_status 431 "101 header fields"
expect_contains "$HEADERS" "application/problem+json" "431 headers"
expect_contains "$HEADERS" "X-Frame-Options: DENY" "431 headers"
expect_contains "$BODY" '"status":431' "431 body"
req GET /health "" -H "X-Lang: $(head -c 9000 /dev/zero | tr '\0' a)"
expect_status 431 "a 9000-byte header value"
req GET "/health?q=$(head -c 20000 /dev/zero | tr '\0' a)" ""
expect_status 414 "a 20000-byte URI"
# A request Poco cannot read otherwise is 400, problem+json as well.
req GET /health "" -H "Content-Length: veel"
expect_status 400 "a Content-Length that is no number"
expect_contains "$HEADERS" "application/problem+json" "400 headers"
expect_contains "$BODY" 'problemen/ongeldig-verzoek' "400 body"

# A client that stops sending its headers, or its body, gets 408 after the
# request timeout (2 s here).
answer_of_stalled() {
  local first
  first=$( (exec 3<>/dev/tcp/127.0.0.1/"$port"; printf '%b' "$1" >&3; timeout 6 head -1 <&3) 2>/dev/null)
  tr -d '\r' <<<"$first"
}
expect_contains "$(answer_of_stalled 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\n')" "HTTP/1.1 408" "stalled headers"
expect_contains "$(answer_of_stalled "POST /api/v1/documenten HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer $KM\r\nContent-Type: application/xml\r\nContent-Length: 100\r\n\r\n<a>")" \
  "HTTP/1.1 408" "stalled body"
# Routing, the token and the role come before the body: a request they
# refuse is answered at once, though its body never comes (it waited for
# the body and answered 408 after the timeout before), and its connection
# closes, since the unread body cannot be the next request.
for start in "POST /api/v1/documenten HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer $AUD\r\nContent-Type: application/xml\r\nContent-Length: 60000\r\n\r\n<a>" \
             'POST /api/v1/documenten HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\nContent-Length: 60000\r\n\r\n<a>' \
             "POST /api/v1/nergens HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer $KM\r\nContent-Length: 60000\r\n\r\n<a>" \
             "POST /api/v1/documenten/AM05-convenant-404/versies HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer $KM\r\nContent-Length: 60000\r\n\r\n<a>"; do
  started=$(date +%s%N)
  first=$(answer_of_stalled "$start")
  elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))
  [[ $first == "HTTP/1.1 40"[134]* ]] && ok || not_ok "a refused request with a pending body: '$first'"
  (( elapsed_ms < 1500 )) && ok || not_ok "a refused request with a pending body was answered after $elapsed_ms ms"
done
# Most clients send the whole body before they read the answer: the refusal
# is sent first, then the body is read and dropped (bounded), so such a
# client reads its 403 instead of a connection reset. A client that asks
# "Expect: 100-continue" gets its 403 instead of the go-ahead, and an
# admitted one gets the 100 (Poco sent it before any check).
refused=$(python3 - "$port" "$AUD" <<'PY'
import http.client, sys
connection = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=10)
connection.request("POST", "/api/v1/documenten", body=b"<a>" + b"x" * 60000,
                   headers={"Authorization": "Bearer " + sys.argv[2], "Content-Type": "application/xml"})
answer = connection.getresponse()
print(answer.status, answer.getheader("Connection").lower())
PY
)
expect_contains "$refused" "403 close" "a refused body sent whole"
printf '%*s' 60000 '' | tr ' ' x > "$WORK/expect.xml"
curl -s -v -o /dev/null -X POST -H "Authorization: Bearer $AUD" -H 'Expect: 100-continue' \
  --data-binary @"$WORK/expect.xml" "$base/documenten" 2>"$WORK/expect.err"
expect_contains "$(cat "$WORK/expect.err")" "HTTP/1.1 403" "expect-continue refused"
grep -q "HTTP/1.1 100" "$WORK/expect.err" && not_ok "a refused request was told to continue" || ok
curl -s -v -o /dev/null -X POST -H "Authorization: Bearer $KM" -H 'Expect: 100-continue' -H 'If-Match: *' \
  -H 'Content-Type: application/xml' --data-binary @"$WORK/expect.xml" "$base/documenten?bericht=x" 2>"$WORK/expect.err"
expect_contains "$(cat "$WORK/expect.err")" "HTTP/1.1 100" "expect-continue admitted"
# A body on a route that takes none, or over a JSON write's 64 KiB, is 413
# before it is read.
printf '%*s' 70000 '' | tr ' ' x > "$WORK/big.json"
req GET /regios "$AUD" --data-binary x
expect_status 413 "a GET with a body"
req PUT /regios/AM05/partners/nieuw "$KM" -H 'Content-Type: application/json' -H 'If-None-Match: *' --data-binary @"$WORK/big.json"
expect_status 413 "a JSON write over 64 KiB"
expect_contains "$BODY" "65536 bytes" "413 detail"
# A client that drips its headers, one byte within every read timeout, is
# still cut off when the request timeout has passed for the whole header.
# A body dripped the same way is cut off at the timeout plus its length at
# 16 KiB/s (here about 2 s).
drip() {
  exec 3<>/dev/tcp/127.0.0.1/"$port"
  printf '%b' "$1" >&3
  for _ in $(seq 1 8); do printf 'a' >&3 2>/dev/null || break; sleep 0.6; done &
  timeout 8 head -1 <&3
}
for what in headers body; do
  if [[ $what == headers ]]; then start='GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Drip: '
  else start="POST /api/v1/documenten HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer $KM\r\nContent-Type: application/xml\r\nContent-Length: 100\r\n\r\n"; fi
  started=$SECONDS
  dripped=$(drip "$start" 2>/dev/null | tr -d '\r')
  expect_contains "$dripped" "HTTP/1.1 408" "dripping $what"
  (( SECONDS - started < 6 )) && ok || not_ok "the client dripping its $what was answered after $((SECONDS - started)) s"
done
# A request with neither Content-Length nor chunked encoding has no body:
# it is answered at once, not read until the client closes (a CORS
# preflight, a POST that forgot its length; both were 408 after the request
# timeout plus the body allowance before). The client here keeps the
# connection open and sends more bytes.
for start in 'OPTIONS /api/v1/documenten HTTP/1.1\r\nHost: x\r\nOrigin: http://localhost\r\n\r\n' \
             "POST /api/v1/documenten HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer $KM\r\nContent-Type: application/xml\r\n\r\n<samenwerkingsconvenant"; do
  started=$(date +%s%N)
  first=$(answer_of_stalled "$start")
  elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))
  [[ $first == HTTP/1.1\ [1-4]* && $first != *408* ]] && ok || not_ok "no-length request: '$first'"
  (( elapsed_ms < 1500 )) && ok || not_ok "a request without a length was answered after $elapsed_ms ms"
done
for status in 431 414 408; do
  grep -q "\"status\":$status" "$WORK/access.log" && ok || not_ok "access log lacks the $status"
done
grep -q '"methode":"-","pad":"","status":400' "$WORK/access.log" && ok || not_ok "access log lacks the early 400"

# Twenty connections that never finish their headers do not starve the
# server: they time out after 2 s and a normal request is answered.
for i in $(seq 1 20); do
  (exec 3<>/dev/tcp/127.0.0.1/"$port"; printf 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\n' >&3; sleep 6) 2>/dev/null &
done
sleep 0.5
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 15 "$base/health")
[[ $code == 200 ]] && ok || not_ok "health while slow clients hold connections: $code"

# The access log has one line per request and never a token.
grep -q '"status":201' "$WORK/access.log" && ok || not_ok "access log lacks the create"
grep -q '"actor":"Kees Kwartiermaker"' "$WORK/access.log" && ok || not_ok "access log lacks the actor"
if grep -q "brd_" "$WORK/access.log" "$WORK/server.out"; then not_ok "a token appears in a log"; else ok; fi

# Graceful shutdown: a slow upload in flight when SIGTERM arrives completes.
# (A beleidsagenda: AM05 has its one convenant.)
cp "$examples/beleidsagenda.xml" "$WORK/slow.xml"
printf '<!-- %s -->\n' "$(head -c 30000 /dev/zero | tr '\0' 'x')" >> "$WORK/slow.xml"
curl -s -o "$WORK/slow.body" -w '%{http_code}' --limit-rate 15k -X POST -H "Authorization: Bearer $KM" \
  -H "Content-Type: application/xml" -H "If-Match: *" --data-binary "@$WORK/slow.xml" \
  "$base/documenten?bericht=traag" > "$WORK/slow.status" &
slow=$!
sleep 0.7
kill -TERM "$server_pid"
wait "$slow"
[[ $(cat "$WORK/slow.status") == 201 ]] && ok || not_ok "request in flight at SIGTERM: $(cat "$WORK/slow.status") $(cat "$WORK/slow.body")"
wait "$server_pid"; code=$?
[[ $code -eq 0 ]] && ok || not_ok "server exit code after SIGTERM: $code"
expect_contains "$(cat "$WORK/server.out")" "stopped" "server output"
"$BERAAD" version list AM05-beleidsagenda-1 --role auditor > "$WORK/versions" 2>&1
[[ $(grep -c traag "$WORK/versions") -eq 1 ]] && ok || not_ok "the document sent during shutdown was not stored: $(cat "$WORK/versions")"

# A full queue: one worker, one queued connection, both held by clients that
# do not finish their headers; the next connection gets 503 with Retry-After
# (Poco alone would close it without an answer).
# side_server NAME ARGS...: a second server on the store, with ARGS; sets
# side_pid and side_port (its output in $WORK/NAME.out and NAME.log).
side_server() {
  local name=$1; shift
  "$SERVER" --port 0 --store "$BERAAD_STORE" "$@" >"$WORK/$name.out" 2>"$WORK/$name.log" &
  side_pid=$!
  for _ in $(seq 1 50); do grep -q listening "$WORK/$name.out" && break; sleep 0.1; done
  side_port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/api/v1.*|\1|p' "$WORK/$name.out")
}
# hold_connections PORT SECONDS: two connections that never finish their headers.
hold_connections() {
  for _ in 1 2; do
    (exec 3<>/dev/tcp/127.0.0.1/"$1"; printf 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\n' >&3; sleep "$2") 2>/dev/null &
    sleep 0.3
  done
}
side_server busy --threads 1 --max-connections 1 --request-timeout 4
busy_pid=$side_pid busy_port=$side_port
hold_connections "$busy_port" 5
busy_status=$(curl -s -o "$WORK/busy.body" -D "$WORK/busy.headers" -w '%{http_code}' --max-time 5 "http://127.0.0.1:$busy_port/api/v1/health")
[[ $busy_status == 503 ]] && ok || not_ok "full queue: status $busy_status"
expect_contains "$(cat "$WORK/busy.headers")" "Retry-After: 1" "503 headers"
expect_contains "$(cat "$WORK/busy.body")" '"status":503' "503 body"
sleep 5
busy_status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$busy_port/api/v1/health")
[[ $busy_status == 200 ]] && ok || not_ok "after the queue drained: status $busy_status"
kill -TERM "$busy_pid"; wait "$busy_pid"
grep -q '"status":503' "$WORK/busy.log" && ok || not_ok "access log lacks the 503"

# One client address holds at most max-connections-per-client connections:
# two held open by a client that never finishes its headers, the third is
# answered 429 at once (before, one client could take every worker and the
# whole queue). Other requests go on once they close.
side_server client --threads 4 --max-connections-per-client 2 --request-timeout 3
client_pid=$side_pid client_port=$side_port
hold_connections "$client_port" 4
client_status=$(curl -s -o "$WORK/client.body" -D "$WORK/client.headers" -w '%{http_code}' --max-time 5 "http://127.0.0.1:$client_port/api/v1/health")
[[ $client_status == 429 ]] && ok || not_ok "third connection of one client: status $client_status"
expect_contains "$(cat "$WORK/client.body")" "te-veel-verbindingen" "429 body"
expect_contains "$(cat "$WORK/client.headers")" "Retry-After: 1" "429 headers"
sleep 4.5
client_status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$client_port/api/v1/health")
[[ $client_status == 200 ]] && ok || not_ok "after the held connections closed: status $client_status"
kill -TERM "$client_pid"; wait "$client_pid"

# Bad configuration is refused with the line that is wrong.
printf 'port = 80800\nbind = 127.0.0.1\nonbekend = 1\n' > "$WORK/bad.conf"
"$SERVER" --config "$WORK/bad.conf" --store "$BERAAD_STORE" >/dev/null 2>"$WORK/conf.err"; code=$?
[[ $code -eq 2 ]] && ok || not_ok "bad config exit code $code"
expect_contains "$(cat "$WORK/conf.err")" "line 1" "config error"
expect_contains "$(cat "$WORK/conf.err")" "line 3" "config error"

finish
