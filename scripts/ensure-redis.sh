#!/usr/bin/env bash
# Makes sure redis-server (Debian's package) is installed, for the queue-mode end-to-end tests; prints its path.
# The tests start their own instance on a loopback port; nothing is started here.
set -euo pipefail
if ! command -v redis-server >/dev/null 2>&1; then
  bash "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh" redis-server "the queue-mode end-to-end tests"
  # Debian's package starts a system service on 6379 where an init system runs; the tests do not use it
fi
command -v redis-server
