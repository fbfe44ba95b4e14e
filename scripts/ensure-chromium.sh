#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium, where the browser tests
# (web-test-runner) and the end-to-end tests (playwright-core) expect it. Playwright's own
# browser downloads are not reachable from our machines; Debian's package is.
# Idempotent: does nothing when Chromium is already there.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
# The colour emoji font makes the reaction bar's 👍 ❤️ 🎉 visible in screenshots; tests do not need it.
EMOJI_FONT=/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf
[[ -x "$CHROMIUM" && -f "$EMOJI_FONT" ]] && exit 0

if [[ "$(id -u)" -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo)
else
  echo "ensure-chromium: $CHROMIUM is missing and installing it needs root." >&2
  echo "ensure-chromium: run as root, or first: sudo apt-get install -y chromium" >&2
  exit 1
fi

echo "ensure-chromium: installing Debian's chromium and fonts-noto-color-emoji with apt (once per machine)…"
# noninteractive: no debconf prompts (CI has no stdin); the lock timeout waits for a
# concurrent apt (e.g. unattended upgrades) instead of failing at once.
apt=("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -o Dpkg::Use-Pty=0)
"${apt[@]}" -qq update
"${apt[@]}" -qq install -y chromium fonts-noto-color-emoji >/dev/null

if [[ ! -x "$CHROMIUM" ]]; then
  echo "ensure-chromium: apt installed chromium but $CHROMIUM is still missing." >&2
  exit 1
fi
echo "ensure-chromium: $("$CHROMIUM" --version 2>/dev/null)"
