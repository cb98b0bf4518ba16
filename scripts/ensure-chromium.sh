#!/usr/bin/env bash
# Finds a Chromium for the end-to-end tests, or installs one the way this platform allows:
# Debian's package where apt-get can run (Playwright cannot download browsers on offline
# machines), else Playwright's own download. Prints the path to use as CHROMIUM_PATH.
set -euo pipefail

for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
	if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; exit 0; fi
done

if command -v apt-get >/dev/null 2>&1; then
	sudo=""
	if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
	echo "Installing Debian's chromium and fonts-liberation with apt-get..." >&2
	$sudo apt-get update -qq >&2
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >&2
	echo /usr/bin/chromium
	exit 0
fi

echo "No system Chromium and no apt-get: asking Playwright to download its own." >&2
npx playwright install chromium >&2
echo "" # empty: Playwright uses the browser it downloaded
