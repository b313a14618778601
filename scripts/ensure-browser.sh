#!/usr/bin/env bash
# Installs the system tools the test suite needs beyond Python: Debian's Chromium and a
# Java runtime for the browser checks (tests/browser), the pinned npm packages, and a
# Redis server for the shared-cache tests. Idempotent.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

warn() { printf '\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n!!! %s\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\n' "$*" >&2; }

packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium fonts-dejavu-core)
java -version >/dev/null 2>&1 || packages+=(default-jre-headless)
# The shared-cache tests start their own Redis server (tests/home/test_caching.py).
command -v redis-server >/dev/null || packages+=(redis-server)
command -v npm >/dev/null || packages+=(npm)

if [ ${#packages[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"
    else
        warn "Missing ${packages[*]}: browser checks will NOT run (they fail under CI=true). Run: sudo apt-get install ${packages[*]}"
    fi
fi

if ! command -v npm >/dev/null; then
    warn "npm is missing: cannot install axe-core and vnu-jar into node_modules/."
elif [ ! -f node_modules/.stamp ] || [ package-lock.json -nt node_modules/.stamp ]; then
    # --ignore-scripts: vnu-jar's postinstall would download a JDK from GitHub when it
    # finds no system Java; the checks use Debian's Java instead.
    npm ci --no-audit --no-fund --ignore-scripts
    touch node_modules/.stamp
    # Under sudo, give node_modules/ to the checkout's owner so later runs can replace it.
    chown -R --reference=. node_modules
fi
