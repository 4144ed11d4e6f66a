# Sourced by templates_*.sh after lib.sh: registers the partners of Twente
# (AM05) and Rijnmond (AM22), creates their example convenant, beleidsagenda
# and uitvoeringsagenda (version 1, state concept) and renders each in both
# formats: render_examples DIR writes DIR/<document id>.<odt|docx>.
examples="$BERAAD_SOURCE_DIR/templates/voorbeelden"
EXAMPLE_DOCUMENTS=()

create_examples() {
  local region code key name kind person function
  for region in twente:AM05 rijnmond:AM22; do
    code=${region#*:}
    region=${region%%:*}
    local as_sec=(--as "Sanne Secretariaat" --role secretariaat --scope "$code")
    local as_km=(--as "Kees Kwartiermaker" --role kwartiermaker --scope "$code")
    while IFS='|' read -r key name kind person function; do
      [[ -z $key || $key == \#* ]] && continue
      expect_exit 0 -- "$BERAAD" partner add "${as_sec[@]}" --regio "$code" --sleutel "$key" --naam "$name" \
        --soort "$kind" --rol kernpartner --vertegenwoordiger "$person|$function"
    done <"$examples/$region/partners.txt"
    expect_exit 0 -- "$BERAAD" document create "${as_km[@]}" --soort samenwerkingsconvenant --regio "$code" \
      --inhoud "$examples/$region/samenwerkingsconvenant.xml" --bericht "voorbeeld"
    expect_exit 0 -- "$BERAAD" document create "${as_km[@]}" --soort beleidsagenda --regio "$code" \
      --inhoud "$examples/$region/beleidsagenda.xml" --bericht "voorbeeld"
    expect_exit 0 -- "$BERAAD" document create "${as_km[@]}" --soort uitvoeringsagenda --regio "$code" \
      --beleidsagenda "$code-beleidsagenda-1" --inhoud "$examples/$region/uitvoeringsagenda.xml" --bericht "voorbeeld"
    EXAMPLE_DOCUMENTS+=("$code-convenant-1" "$code-beleidsagenda-1" "$code-uitvoeringsagenda-1")
  done
}

render_examples() {
  local dir=$1 id format
  mkdir -p "$dir"
  for id in "${EXAMPLE_DOCUMENTS[@]}"; do
    for format in odt docx; do
      expect_exit 0 -- "$BERAAD" render "$id" --formaat "$format" --output "$dir/$id.$format"
    done
  done
}
