#!/usr/bin/env bash
# Builds the shipped site and checks it in Debian's headless Chromium (tests/browser/).
# Installs what the checks need: Debian's chromium and a Japanese font from apt (never a
# browser download), playwright-core and axe-core from npm at the versions in
# tests/browser/package-lock.json.
#
#   scripts/browser-tests.sh                      # build, install if missing, run
#   UPDATE_SCREENSHOTS=1 scripts/browser-tests.sh # also rewrite docs/screenshots/
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
            missing+=("$package")
    done
    if ((${#missing[@]})); then
        local sudo=()
        [[ $(id -u) -eq 0 ]] || sudo=(sudo)
        "${sudo[@]}" apt-get update -qq
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
}

# chromium: the browser; fonts-ipafont-gothic: Japanese glyphs for the ja screenshots;
# nodejs/npm: the test runner.
apt_install chromium fonts-ipafont-gothic
command -v npm >/dev/null || apt_install nodejs npm

echo "== build the site for the browser tests"
out=target/browser-dist
cargo run --release --quiet -- build --out "$out"

echo "== npm ci (tests/browser)"
(cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)

echo "== browser tests"
cd tests/browser
SITE_DIR="../../$out" CHROMIUM=/usr/bin/chromium node --test --test-concurrency=1 --test-reporter=spec
