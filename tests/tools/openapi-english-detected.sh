#!/usr/bin/env bash
# Copies server/openapi.json to a scratch folder, puts English back into a
# summary, a schema's description and the title, and expects
# tests/tools/check-openapi-dutch to name each of them and fail; Dutch "is"
# and "of" and an identifier such as not-found pass.
set -euo pipefail
source_dir=$1
check="$source_dir/tests/tools/check-openapi-dutch"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
python3 "$check" "$source_dir/server/openapi.json" >/dev/null
python3 - "$source_dir/server/openapi.json" "$scratch/openapi.json" <<'PY'
import json, sys
document = json.load(open(sys.argv[1], encoding="utf-8"))
document["info"]["title"] = "The Beraad API"
document["paths"]["/health"]["get"]["summary"] = "Returns whether the store answers"
document["components"]["schemas"]["Probleem"]["properties"]["code"]["description"] = (
    "The engine's error code (not-found, ...)")
document["servers"][0]["description"] = "Deze server is de eerste of de enige (not-found)"
open(sys.argv[2], "w", encoding="utf-8").write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
PY
if output=$(python3 "$check" "$scratch/openapi.json"); then
  echo "check-openapi-dutch passed a document with English texts:"; echo "$output"; exit 1
fi
for expected in '^/info/title: the:' \
                '^/paths/~1health/get/summary: returns, the:' \
                '^/components/schemas/Probleem/properties/code/description: the:' \
                '^3 of [0-9]* texts'; do
  if ! grep -q "$expected" <<<"$output"; then
    echo "check-openapi-dutch did not report: $expected"; echo "$output"; exit 1
  fi
done
if grep -q '^/servers/' <<<"$output"; then
  echo "check-openapi-dutch took a Dutch text for English:"; echo "$output"; exit 1
fi
echo "check-openapi-dutch named all 3 English texts"
