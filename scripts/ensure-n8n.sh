#!/usr/bin/env bash
# Installs the pinned n8n server (with n8n-nodes-base) once into .e2e/n8n; used by ./dev e2e and ./dev bench.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N8N_VERSION=2.41.1
dir="$root/.e2e/n8n"
mkdir -p "$dir"
if [ ! -x "$dir/node_modules/.bin/n8n" ]; then
  echo "installing n8n@$N8N_VERSION into .e2e/n8n (about 5 minutes, 2.9 GB, once)" >&2
  [ -f "$dir/package.json" ] || echo '{"name":"e2e-n8n","private":true}' > "$dir/package.json"
  # --ignore-scripts: a Kafka client's install script downloads binaries; sqlite3 is rebuilt against Node 24's headers
  (cd "$dir" && npm install "n8n@$N8N_VERSION" --ignore-scripts --no-audit --no-fund --loglevel=error)
  (cd "$dir" && npm rebuild sqlite3 --nodedir="${npm_config_nodedir:-$(dirname "$(dirname "$(command -v node)")")}" --loglevel=error)
fi
