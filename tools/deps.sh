#!/usr/bin/env bash
# Installs what semm needs to build and test, from Debian's packages, when
# it is missing. Safe to run again: it installs only what is absent.
set -eu
# zlib1g-dev: libxlsxwriter's pkg-config file links -lz, but Debian's
# libxlsxwriter-dev does not pull it in.
packages=(build-essential cmake pkg-config libcsv-dev libcjson-dev
          libgsl-dev libreadstat-dev libxlsxwriter-dev zlib1g-dev
          libsqlite3-dev nettle-dev
          libcriterion-dev clang-format python3 python3-jsonschema readstat)
# the tests also print the HTML reports with a real browser and read the
# PDFs (tests/e2e/reports_print.sh, html_render.sh), and hold a history
# store's write lock from the sqlite3 shell (tests/e2e/history.sh)
if [ "${1:-}" = --test ]; then
  packages+=(chromium poppler-utils fonts-dejavu-core sqlite3)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
    missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing: ${missing[*]}"
sudo=""
if [ "$(id -u)" != 0 ]; then
  sudo="sudo"
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
