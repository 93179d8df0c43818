#!/usr/bin/env bash
# Installs the pinned n8n server (once per machine, cached: scripts/ensure-n8n.sh) and the packed package into a fresh n8n user folder, then
# runs the end-to-end tests against that server. Run through ./dev (Node 24): ./dev e2e
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
e2e="$root/.e2e"
n8n_dir="$(bash "$root/scripts/ensure-n8n.sh")"
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
export E2E_N8N_BIN="$n8n_dir/node_modules/.bin/n8n" E2E_N8N_HOME="$home"
exec npx jest -c jest.e2e.config.js "$@"
