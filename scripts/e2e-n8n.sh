#!/usr/bin/env bash
# ./dev test:e2e: end to end in a real n8n server. Installs the pinned n8n server (once per machine, cached:
# scripts/ensure-n8n.sh), redis-server (Debian's package, for queue mode: scripts/ensure-redis.sh) and chromium
# (Debian's package, for the editor's browser check: scripts/ensure-chromium.sh), packs this
# package and installs it as n8n installs a community package (scripts/install-package.sh), then runs
# test/e2e/*.e2e.ts (each suite starts its own n8n instances, Redis and sandbox org on loopback ports).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
e2e="$root/.e2e"
n8n_dir="$(bash "$root/scripts/ensure-n8n.sh")"
redis="$(bash "$root/scripts/ensure-redis.sh")"
chromium="$(bash "$root/scripts/ensure-chromium.sh")"
rm -rf "$e2e/nodes" "$e2e/homes" "$e2e/home" "$e2e/logs"
bash "$root/scripts/install-package.sh" "$e2e/nodes"
export E2E_N8N_DIR="$n8n_dir" E2E_NODES_DIR="$e2e/nodes" E2E_WORK_DIR="$e2e" E2E_REDIS_SERVER="$redis" E2E_CHROMIUM="$chromium"
cd "$root"
exec npx jest -c jest.e2e.config.js "$@"
