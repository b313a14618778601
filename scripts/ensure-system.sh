#!/usr/bin/env bash
# Installs the Debian packages the site needs beyond Python, as root and only those
# missing; silent when all are there. Idempotent; `make install` runs it.
#   PDF: WeasyPrint typesets the statute and the publications with Pango, HarfBuzz and
#   fontconfig, in DejaVu Sans. The PDF checks (tests/standards) read the text back
#   with poppler's pdftotext.
set -euo pipefail

site=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 fonts-dejavu-core)
tests=(poppler-utils)

if ! command -v dpkg-query >/dev/null; then
    echo "Not Debian: install Pango, HarfBuzz, fontconfig, DejaVu Sans and poppler-utils yourself." >&2
    exit 0
fi

missing() {
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || echo "$package"
    done
}
mapfile -t needed < <(missing "${site[@]}")
mapfile -t wanted < <(missing "${tests[@]}")
[ ${#needed[@]} -eq 0 ] && [ ${#wanted[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${needed[@]}" "${wanted[@]}" >/dev/null
elif [ ${#needed[@]} -gt 0 ]; then
    echo "The site cannot make its PDFs without: ${needed[*]}. Run: sudo apt-get install ${needed[*]} ${wanted[*]}" >&2
    exit 1
else
    echo "The PDF checks in the tests need ${wanted[*]}. Run: sudo apt-get install ${wanted[*]}" >&2
fi
