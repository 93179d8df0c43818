#!/usr/bin/env bash
# Makes sure Chromium (Debian's chromium package) is installed, for the editor's browser check
# (test/e2e/editor.e2e.ts, driven headless by playwright-core); prints its path. Nothing is started here.
set -euo pipefail
find_chromium() { command -v chromium || command -v chromium-browser || true; }
if [ -z "$(find_chromium)" ]; then
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    echo "ensure-chromium: chromium is missing; install Debian's chromium package (apt-get install chromium)" >&2
    exit 1
  fi
  as_root=(); [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  echo "installing chromium (Debian package, once; about 300 MB)" >&2
  export DEBIAN_FRONTEND=noninteractive
  # the package lists may be missing or stale on a fresh machine: refresh them once if the install fails without them
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 ||
    { "${as_root[@]}" apt-get update -qq >/dev/null && "${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null; }
fi
chromium="$(find_chromium)"
[ -n "$chromium" ] || { echo "ensure-chromium: chromium was not found after installing it" >&2; exit 1; }
printf '%s\n' "$chromium"
