#!/usr/bin/env bash
# Installs the Debian packages listed in build/apt-packages.txt that are missing (a line "package:command" is
# satisfied by that command on PATH as well).
# Runs `apt-get update` only when something is missing and apt has no candidate for it.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t wanted < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' build/apt-packages.txt | grep -v '^$')
missing=()
for entry in "${wanted[@]}"; do
  p=${entry%%:*}
  # "package:command": the command on PATH is enough (e.g. npm that came with another build of Node.js)
  [ "$entry" != "$p" ] && command -v "${entry#*:}" >/dev/null && continue
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "missing Debian packages: ${missing[*]} (run build/install-deps.sh as root)" >&2
  exit 1
fi
echo "==> installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
fi
