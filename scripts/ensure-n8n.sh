#!/usr/bin/env bash
# Installs the pinned n8n server (with n8n-nodes-base) once per machine into a cache outside the clone, keyed by the
# n8n version, and links .e2e/n8n to it (bench/ reads .e2e/n8n/node_modules/n8n-nodes-base). Prints the install
# directory on stdout. Used by ./dev start, ./dev test:e2e and ./dev bench; run it under Node 24 (through ./dev).
#   cache: $SALESFORCE_CONNECTOR_CACHE, else ${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-salesforce-connector
# A finished install has the marker file .installed, written last; a directory without it (an interrupted install)
# is removed and installed again. Two clones installing at once wait for each other (flock).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N8N_VERSION=2.41.1
cache="${SALESFORCE_CONNECTOR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-salesforce-connector}"
dir="$cache/n8n-$N8N_VERSION"
marker="$dir/.installed"
mkdir -p "$cache"

if [ ! -f "$marker" ]; then
  exec 9>"$cache/n8n-$N8N_VERSION.lock"
  # another clone may be installing the same version: wait for it (bounded), then look again
  flock -w 1800 9 || { echo "ensure-n8n: timed out waiting for $cache/n8n-$N8N_VERSION.lock" >&2; exit 1; }
  if [ ! -f "$marker" ]; then
    echo "installing n8n@$N8N_VERSION into $dir (3 to 8 minutes and 2.9 GB, once per machine)" >&2
    rm -rf "$dir"
    mkdir -p "$dir"
    echo '{"name":"n8n-server","private":true}' > "$dir/package.json"
    # --ignore-scripts: a Kafka client's install script downloads binaries; sqlite3 is rebuilt against Node 24's headers
    (cd "$dir" && npm install "n8n@$N8N_VERSION" --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
    nodedir="${npm_config_nodedir:-$(dirname "$(dirname "$(command -v node)")")}"
    (cd "$dir" && npm rebuild sqlite3 --nodedir="$nodedir" --loglevel=error >/dev/null)
    # a usable install: the binary runs and the database driver loads
    (cd "$dir" && node -e 'require("sqlite3")' && ./node_modules/.bin/n8n --version >/dev/null)
    echo "n8n@$N8N_VERSION node $(node -v) $(date -u +%FT%TZ)" > "$marker"
  fi
  exec 9>&-
fi

# .e2e/n8n -> the cache (an older layout kept a real directory there: replace it)
mkdir -p "$root/.e2e"
if [ -e "$root/.e2e/n8n" ] && [ ! -L "$root/.e2e/n8n" ]; then rm -rf "$root/.e2e/n8n"; fi
if [ "$(readlink "$root/.e2e/n8n" 2>/dev/null || true)" != "$dir" ]; then ln -sfn "$dir" "$root/.e2e/n8n"; fi
printf '%s\n' "$dir"
