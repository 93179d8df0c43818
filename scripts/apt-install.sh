#!/usr/bin/env bash
# Installs one Debian package (as root, or through sudo), for the end-to-end tests' tools (scripts/ensure-redis.sh,
# scripts/ensure-chromium.sh). Usage: scripts/apt-install.sh <package> <what it is for>
set -euo pipefail
package="${1:?usage: apt-install.sh <package> <what for>}"
purpose="${2:-the end-to-end tests}"
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "$package is missing; install Debian's $package package (apt-get install $package), for $purpose" >&2
  exit 1
fi
as_root=(); [ "$(id -u)" -eq 0 ] || as_root=(sudo)
echo "installing $package (Debian package, once), for $purpose" >&2
export DEBIAN_FRONTEND=noninteractive
# the package lists may be missing or stale on a fresh machine: refresh them once if the install fails without them
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "$package" >/dev/null 2>&1 ||
  { "${as_root[@]}" apt-get update -qq >/dev/null && "${as_root[@]}" apt-get install -y -qq --no-install-recommends "$package" >/dev/null; }
