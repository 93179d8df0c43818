#!/usr/bin/env bash
# Builds and packs this package (npm pack: exactly what npm publishes), then installs the tarball into an n8n nodes
# folder the way n8n installs a community package: `npm install` in <user folder>/.n8n/nodes, runtime dependencies
# only (n8n-workflow is n8n's own). The tarball stays beside package.json, so a later `npm install` there (n8n
# installing another community package) still finds it. Usage: scripts/install-package.sh <nodes folder>  (Node 24)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nodes="${1:?usage: install-package.sh <nodes folder>}"
cd "$root"
npm run build >/dev/null
mkdir -p "$nodes"
rm -f "$nodes"/n8n-nodes-salesforce-connector-*.tgz
tgz="$(npm pack --silent --pack-destination "$nodes" | tail -1)"
[ -f "$nodes/package.json" ] || echo '{"name":"installed-nodes","private":true}' > "$nodes/package.json"
(cd "$nodes" && npm install "./$tgz" --omit=peer --omit=dev --no-audit --no-fund --loglevel=error --silent >/dev/null)
