#!/usr/bin/env bash
# The tests in a real browser (tests/browser/*.test.mjs), one after the other
# (they share node_modules): smoke.test.mjs checks the harness (Debian's
# headless Chromium driven by playwright-core against the real beraad-server,
# a screenshot, axe-core under a CSP without inline scripts); web.test.mjs is
# the web front end (docs/web.md): login, a meeting recorded with the
# keyboard only, forged forms, another region, logout, axe on every page.
# The npm packages are installed from tests/browser/package-lock.json when
# node_modules is missing or older. A missing Chromium fails the test
# (scripts/setup installs it); it is never skipped. Screenshots are kept in
# the build folder, browser-artifacts/.
source "$(dirname "$0")/lib.sh"
browser="$BERAAD_SOURCE_DIR/tests/browser"

for tool in node npm; do
  command -v "$tool" >/dev/null || { not_ok "$tool is not installed (scripts/setup installs nodejs and npm)"; finish; exit 1; }
done

if [[ ! -f $browser/node_modules/.package-lock.json || $browser/node_modules/.package-lock.json -ot $browser/package-lock.json ]]; then
  if (cd "$browser" && npm ci --no-audit --no-fund) >"$WORK/npm.log" 2>&1; then
    ok
  else
    not_ok "npm ci in $browser failed:"; cat "$WORK/npm.log" >&2; finish; exit 1
  fi
fi

# The harness's temporary stores go under $WORK, which lib.sh removes.
for suite in smoke web; do
  (cd "$browser" && TMPDIR="$WORK" BERAAD_BIN_DIR="$BERAAD_BIN_DIR" BERAAD_SOURCE_DIR="$BERAAD_SOURCE_DIR" \
    BERAAD_ARTIFACTS="$BERAAD_BIN_DIR/../browser-artifacts" node "$suite.test.mjs") >"$WORK/$suite.out" 2>&1
  code=$?
  cat "$WORK/$suite.out"
  if [[ $code -eq 0 ]]; then
    ok
  else
    reason=$(grep -m1 -o 'Chromium not found at .*' "$WORK/$suite.out")
    not_ok "node $suite.test.mjs exited $code${reason:+: $reason}"
  fi
done
finish
