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

source "$(dirname "$0")/apt-install.sh"
apt_install ensure-chromium chromium fonts-noto-color-emoji

if [[ ! -x "$CHROMIUM" ]]; then
  echo "ensure-chromium: apt installed chromium but $CHROMIUM is still missing." >&2
  exit 1
fi
echo "ensure-chromium: $("$CHROMIUM" --version 2>/dev/null)"
