#!/usr/bin/env bash
# Makes sure Debian's Firefox ESR is at /usr/bin/firefox-esr, where the Firefox run of the
# browser tests (web-test-runner.firefox.config.mjs, driven over WebDriver BiDi) expects it.
# Playwright's own Firefox is a patched build that cannot be downloaded on our machines;
# Debian's package is the Firefox ESR many companies standardise on.
# Idempotent: does nothing when Firefox ESR is already there.
set -euo pipefail

FIREFOX=/usr/bin/firefox-esr
[[ -x "$FIREFOX" ]] && exit 0

source "$(dirname "$0")/apt-install.sh"
apt_install ensure-firefox firefox-esr

if [[ ! -x "$FIREFOX" ]]; then
  echo "ensure-firefox: apt installed firefox-esr but $FIREFOX is still missing." >&2
  exit 1
fi
echo "ensure-firefox: $("$FIREFOX" --version 2>/dev/null)"
