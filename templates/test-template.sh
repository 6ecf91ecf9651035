#!/usr/bin/env bash
# Checks the nodemonitor-plugin template end to end, offline, without touching the user's dotnet state:
# install the built template package into a throwaway DOTNET_CLI_HOME, create a plugin, `dotnet test` it,
# publish it into a plugin root and run it with nodemonitor.   Usage: templates/test-template.sh (after build/build.sh)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/nm-template-XXXXXX)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_HOME="$work/home" DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export NUGET_PACKAGES="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
pkg="$(ls "$repo"/artifacts/packages/NodeMonitor.Templates.*.nupkg | tail -1)"
cd "$work"
timeout 120 dotnet new install "$pkg" >/dev/null
timeout 60 dotnet new nodemonitor-plugin -n DiskChecks -o DiskChecks >/dev/null
timeout 300 dotnet test DiskChecks/DiskChecks.csproj -nologo
timeout 300 dotnet publish DiskChecks/DiskChecks.csproj -c Release -nologo -clp:ErrorsOnly -o "$work/root/disk-checks"
timeout 120 "$repo/artifacts/bin/nodemonitor" run --root "$work/root" --state "$work/state"
echo "template: ok"
