#!/usr/bin/env bash
# `npm test`: every check. svelte-check and lint, unit tests, integration tests against a real
# PostgreSQL (DATABASE_URL's server, or an embedded one) and the Liveblocks dev server, then
# Playwright in Chromium against the built app. Each stage runs even if an earlier one failed;
# the last line sums up the tests.
set -uo pipefail
cd "$(dirname "$0")/.."

CHROMIUM_PATH=$(bash scripts/ensure-chromium.sh) || { echo "Could not find or install Chromium." >&2; exit 1; }
export CHROMIUM_PATH
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

status=0
npm run --silent check && npm run --silent lint || { echo "static checks: FAILED" >&2; status=1; }
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$results/unit.json" || status=1
npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$results/integration.json" || status=1
PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e.json" npx playwright test --reporter=list,json || status=1

node scripts/testing/summarise-results.mjs "$results"
exit $status
