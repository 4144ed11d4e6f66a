#!/usr/bin/env bash
# Copies the engine, cli and server sources to a scratch folder, adds one
# include that climbs the module map (the xml module reaching for the
# facade, a public header reaching for a private one) and expects
# scripts/check-layering to name each of them and fail.
set -euo pipefail
source_dir=$1
module_map=$2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -r "$source_dir/engine" "$source_dir/cli" "$source_dir/server" "$scratch/"
python3 "$source_dir/scripts/check-layering" "$module_map" "$scratch" >/dev/null
echo '#include "beraad/Engine.h"' >>"$scratch/engine/src/xml/Xml.h"
echo '#include "render/Dialect.h"' >>"$scratch/engine/include/beraad/store/Store.h"
echo '#include "xml/Xml.h"' >>"$scratch/cli/Cli.h"
if output=$(python3 "$source_dir/scripts/check-layering" "$module_map" "$scratch"); then
  echo "check-layering passed a tree with climbing includes:"; echo "$output"; exit 1
fi
for expected in 'engine/src/xml/Xml.h:.*module xml includes "beraad/Engine.h" of module engine' \
                'engine/include/beraad/store/Store.h:.*public header includes private "render/Dialect.h"' \
                'cli/Cli.h:.*front end includes private engine header "xml/Xml.h"'; do
  if ! grep -q "$expected" <<<"$output"; then
    echo "check-layering did not report: $expected"; echo "$output"; exit 1
  fi
done
echo "check-layering named all 3 climbs"
