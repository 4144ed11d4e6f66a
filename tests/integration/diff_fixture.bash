# Sourced by the diff and redline scripts after lib.sh: the Twente partners
# and AM05-convenant-1 with three versions. Version 2 has "zes" instead of
# "vier" meetings and other cost shares (enschede 40->45, hengelo 20->15);
# version 3 adds artikel 3 (geschillen).
examples="$BERAAD_SOURCE_DIR/templates/voorbeelden/twente"
as_km=(--as "Kees Kwartiermaker" --role kwartiermaker --scope AM05)

seed_partners() {
  while IFS='|' read -r key _name kind _rest; do
    [[ $key == \#* || -z $key ]] && continue
    expect_exit 0 -- "$BERAAD" partner add "${as_km[@]}" --regio AM05 --sleutel "$key" \
      --naam "Organisatie $key" --soort "$kind" --vertegenwoordiger "Naam $key|bestuurder|$key@example.org"
  done <"$examples/partners.txt"
}

create_convenant() {
  expect_exit 0 -- "$BERAAD" document create "${as_km[@]}" --soort samenwerkingsconvenant --regio AM05 \
    --inhoud "$examples/samenwerkingsconvenant.xml" --bericht "Eerste concept"
}

add_versions_2_and_3() {
  expect_exit 0 -- "$BERAAD" content get AM05-convenant-1 --output "$WORK/v1.xml"
  sed -e 's/vier keer per jaar/zes keer per jaar/' \
      -e 's/partner="gemeente-enschede" percentage="40"/partner="gemeente-enschede" percentage="45"/' \
      -e 's/partner="gemeente-hengelo" percentage="20"/partner="gemeente-hengelo" percentage="15"/' \
      "$WORK/v1.xml" > "$WORK/v2.xml"
  expect_exit 0 -- "$BERAAD" content set AM05-convenant-1 "${as_km[@]}" --basis 1 --inhoud "$WORK/v2.xml" \
    --bericht "zes vergaderingen, andere verdeling"
  python3 - "$WORK/v2.xml" "$WORK/v3.xml" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
article = ('<artikel nummer="3" onderwerp="geschillen"><titel>Geschillen</titel>'
           '<lid nummer="1">Partijen lossen geschillen eerst in onderling overleg op.</lid></artikel>')
open(sys.argv[2], "w", encoding="utf-8").write(text.replace("</artikelen>", article + "</artikelen>", 1))
PY
  expect_exit 0 -- "$BERAAD" content set AM05-convenant-1 "${as_km[@]}" --basis 2 --inhoud "$WORK/v3.xml" \
    --bericht "artikel geschillen"
}
