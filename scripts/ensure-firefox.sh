#!/usr/bin/env bash
# Makes sure Debian's Firefox ESR is at /usr/bin/firefox-esr, where the Firefox run of the
# browser tests (web-test-runner.firefox.config.mjs, driven over WebDriver BiDi) expects it.
# Playwright's own Firefox is a patched build that cannot be downloaded on our machines;
# Debian's package is the Firefox ESR many companies standardise on.
# Idempotent: does nothing when Firefox ESR is already there.
set -euo pipefail

FIREFOX=/usr/bin/firefox-esr
[[ -x "$FIREFOX" ]] && exit 0

if [[ "$(id -u)" -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo)
else
  echo "ensure-firefox: $FIREFOX is missing and installing it needs root." >&2
  echo "ensure-firefox: run as root, or first: sudo apt-get install -y firefox-esr" >&2
  exit 1
fi

echo "ensure-firefox: installing Debian's firefox-esr with apt (once per machine)…"
# As in ensure-chromium.sh: no debconf prompts, and wait for a concurrent apt instead of failing.
apt=("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -o Dpkg::Use-Pty=0)
"${apt[@]}" -qq update
"${apt[@]}" -qq install -y firefox-esr >/dev/null

if [[ ! -x "$FIREFOX" ]]; then
  echo "ensure-firefox: apt installed firefox-esr but $FIREFOX is still missing." >&2
  exit 1
fi
echo "ensure-firefox: $("$FIREFOX" --version 2>/dev/null)"
