#!/usr/bin/env bash
# Makes sure redis-server (Debian's package) is installed, for the queue-mode end-to-end tests; prints its path.
# The tests start their own instance on a loopback port; nothing is started here.
set -euo pipefail
if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    echo "ensure-redis: redis-server is missing; install Debian's redis-server package (apt-get install redis-server)" >&2
    exit 1
  fi
  as_root=(); [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  echo "installing redis-server (Debian package, once)" >&2
  export DEBIAN_FRONTEND=noninteractive
  # the package lists may be missing on a fresh machine; refresh them once if the install fails without them
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends redis-server >/dev/null 2>&1 ||
    { "${as_root[@]}" apt-get update -qq >/dev/null && "${as_root[@]}" apt-get install -y -qq --no-install-recommends redis-server >/dev/null; }
  # Debian's package starts a system service on 6379 where an init system runs; the tests do not use it
fi
command -v redis-server
