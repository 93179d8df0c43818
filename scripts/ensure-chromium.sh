#!/usr/bin/env bash
# Makes sure Chromium (Debian's chromium package) is installed, for the editor's browser check
# (test/e2e/editor.e2e.ts, driven headless by playwright-core); prints its path. Nothing is started here.
set -euo pipefail
find_chromium() { command -v chromium || command -v chromium-browser || true; }
if [ -z "$(find_chromium)" ]; then
  bash "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh" chromium "the editor's browser check (about 300 MB)"
fi
chromium="$(find_chromium)"
[ -n "$chromium" ] || { echo "ensure-chromium: chromium was not found after installing it" >&2; exit 1; }
printf '%s\n' "$chromium"
