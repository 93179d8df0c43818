#!/usr/bin/env bash
# Installs the pinned n8n server (once, into .e2e/n8n) and the packed package into a fresh n8n user folder, then
# runs the end-to-end tests against that server. Run through ./dev (Node 24): ./dev e2e
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N8N_VERSION=2.41.1
e2e="$root/.e2e"
mkdir -p "$e2e/n8n"
if [ ! -x "$e2e/n8n/node_modules/.bin/n8n" ]; then
  echo "e2e: installing n8n@$N8N_VERSION into .e2e/n8n (about 5 minutes, 2.9 GB, once)" >&2
  (cd "$e2e/n8n" && [ -f package.json ] || echo '{"name":"e2e-n8n","private":true}' > package.json)
  # --ignore-scripts: a Kafka client's install script downloads binaries; sqlite3 is rebuilt against Node 24's headers
  (cd "$e2e/n8n" && npm install "n8n@$N8N_VERSION" --ignore-scripts --no-audit --no-fund --loglevel=error)
  (cd "$e2e/n8n" && npm rebuild sqlite3 --nodedir="${npm_config_nodedir:-$(dirname "$(dirname "$(command -v node)")")}" --loglevel=error)
fi
cd "$root"
npm run build >/dev/null
rm -f n8n-nodes-salesforce-connector-*.tgz
tgz="$root/$(npm pack --silent | tail -1)"
home="$e2e/home"
rm -rf "$home" && mkdir -p "$home/.n8n/nodes"
echo '{"name":"installed-nodes","private":true}' > "$home/.n8n/nodes/package.json"
# what n8n does for a community package: install it with its runtime dependencies, n8n-workflow comes from n8n
(cd "$home/.n8n/nodes" && npm install "$tgz" --omit=peer --omit=dev --no-audit --no-fund --loglevel=error)
rm -f "$tgz"
export E2E_N8N_BIN="$e2e/n8n/node_modules/.bin/n8n" E2E_N8N_HOME="$home"
exec npx jest -c jest.e2e.config.js "$@"
