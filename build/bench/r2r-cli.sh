#!/usr/bin/env bash
# The nodemonitor CLI as it was built before it shipped native: framework-dependent ReadyToRun (build/build.sh
# -p:NodeMonitorAot=false), with nodemonitor-worker and the precompiled NUnit beside it, in a folder of its own so that
# build/bench/cli-ab.sh can alternate it with the native CLI of artifacts/bin:
#
#   build/bench/r2r-cli.sh [OUT]        default OUT: artifacts/r2r/bin
#   build/bench/cli-ab.sh artifacts/r2r/bin/nodemonitor artifacts/bin/nodemonitor 5
#
# Prints the publish time (wall and CPU seconds) and the load average.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
out=${1:-artifacts/r2r/bin}
rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)
printf '==> publish the ReadyToRun CLI and its worker to %s\n' "$out" >&2
timing=$(mktemp)
trap 'rm -f "$timing"' EXIT
/usr/bin/time -f '%e %U %S' -o "$timing" \
  dotnet publish src/NodeMonitor.Cli/NodeMonitor.Cli.csproj -c Release -nologo -v:minimal -r linux-x64 --self-contained false \
  -p:NodeMonitorAot=false -p:PublishReadyToRun=true -o "$out"
read -r wall user sys <"$timing"
build/nunit-images.sh "$out"
printf 'publish: %s s wall, %s CPU s (load average %s)\n' "$wall" \
  "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')" "$(cut -d' ' -f1-3 /proc/loadavg)"
