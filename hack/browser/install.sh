#!/usr/bin/env bash
# Installs, once, what the browser tests drive: Debian's Chromium (never a downloaded browser) and the pinned
# playwright-core from npm (package-lock.json). Prints the Chromium path.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
chromium=/usr/bin/chromium
need=()
[[ -x $chromium ]] || need+=(chromium)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
source "$here/../apt.sh"
apt_install "${need[@]}"
# npm ci only when the lock file changed since the last install (its hash is kept in node_modules)
lock_sum="$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)"
if [[ "$(cat "$here/node_modules/.clustertour-lock" 2>/dev/null)" != "$lock_sum" ]]; then
  echo ">> installing playwright-core (npm ci, no browser download)" >&2
  (cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts >&2)
  echo "$lock_sum" >"$here/node_modules/.clustertour-lock"
fi
echo "$chromium"
