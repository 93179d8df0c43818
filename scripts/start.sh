#!/usr/bin/env bash
# ./dev start: installs n8n (first run only, cached: scripts/ensure-n8n.sh), installs this package into the demo's
# n8n user folder as a community package, then runs the demo (scripts/start.ts). Options: ./dev start --help
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for arg in "$@"; do
  case "$arg" in -h|--help) exec node --import tsx "$root/scripts/start.ts" --help ;; esac
done
state="$root/.demo"
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[$i]}" in
    --state) state="${args[$((i + 1))]:?--state needs a directory}" ;;
    --state=*) state="${args[$i]#--state=}" ;;
  esac
done
node --import tsx "$root/scripts/start.ts" --check-only "$@"
n8n_dir="$(bash "$root/scripts/ensure-n8n.sh")"
echo "package       building and installing into $state/n8n/.n8n/nodes ..."
bash "$root/scripts/install-package.sh" "$state/n8n/.n8n/nodes"
exec node --import tsx "$root/scripts/start.ts" --n8n-dir "$n8n_dir" --state "$state" "$@"
