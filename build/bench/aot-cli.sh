#!/usr/bin/env bash
# Experiment, not what ships: the nodemonitor CLI compiled with NativeAOT (linux-x64), with nodemonitor-worker beside it
# as build/build.sh ships it (framework-dependent ReadyToRun: the worker loads plugins, so it stays JIT) and the
# precompiled NUnit images. Made to measure the CLI's own start against the ReadyToRun CLI (build/bench/cli-ab.sh) and to
# list what keeps the CLI from being AOT-clean (build/bench/README.md, the NativeAOT row).
#
#   build/bench/aot-cli.sh [OUT]        default OUT: artifacts/aot/bin
#
# The publish sets NodeMonitorAot=true (NodeMonitor.Cli.csproj): PublishAot, trim and AOT warnings reported one by one
# and not as errors, reflection-based System.Text.Json left on so the verbs that still use it can be tried. Writes
#   OUT/../aot-warnings.log   every warning of the publish (compiler analyzers and the AOT compiler)
#   OUT/../aot-warnings.txt   the same counted per warning code and per namespace of the member that warns
# and prints the compile time (wall and CPU seconds) and the binary's size. Needs clang (or gcc) and zlib1g-dev.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
out=${1:-artifacts/aot/bin}
mkdir -p "$out"
out=$(cd "$out" && pwd)
logs=$(dirname "$out")
step() { printf '==> %s\n' "$*" >&2; }

step "publish the CLI with NativeAOT to $out"
rm -rf "$out"/*
/usr/bin/time -f '%e %U %S' -o "$logs/aot-compile.time" \
  dotnet publish src/NodeMonitor.Cli/NodeMonitor.Cli.csproj -c Release -nologo -v:minimal -r linux-x64 \
  -p:NodeMonitorAot=true -flp:"WarningsOnly;LogFile=$logs/aot-warnings.log" -o "$out"
read -r wall user sys <"$logs/aot-compile.time"

step "publish nodemonitor-worker beside it (framework-dependent, ReadyToRun), as build/build.sh does"
dotnet publish src/NodeMonitor.Worker/NodeMonitor.Worker.csproj -c Release -nologo -v:minimal \
  -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out"
build/nunit-images.sh "$out"

# Warnings: one per line, deduplicated (MSBuild repeats a project's warnings); "CODE namespace" counted.
sort -u "$logs/aot-warnings.log" | grep -E 'warning (IL|CS)[0-9]+' >"$logs/aot-warnings.sorted" || true
{
  printf 'NativeAOT publish of the CLI, %s, commit %s\n' "$(date -u '+%Y-%m-%d %H:%M:%S UTC')" "$(git rev-parse --short HEAD)"
  printf 'compile: %s s wall, %s CPU s (load average %s); %s: %s MB\n' "$wall" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')" "$(cut -d' ' -f1-3 /proc/loadavg)" \
    "$out/nodemonitor" "$(awk -v b="$(stat -c %s "$out/nodemonitor")" 'BEGIN { printf "%.1f", b / 1048576 }')"
  printf '%s distinct warnings\n\nper code:\n' "$(wc -l <"$logs/aot-warnings.sorted")"
  grep -oE 'warning (IL|CS)[0-9]+' "$logs/aot-warnings.sorted" | sort | uniq -c | sort -rn
  printf '\nper code and namespace of the member that warns (first three parts):\n'
  sed -nE 's/.*warning ((IL|CS)[0-9]+): ([A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,2}).*/\1 \3/p' "$logs/aot-warnings.sorted" |
    sort | uniq -c | sort -rn
  printf '\nper code and file where it is reported (a source file, an assembly, or ILC when it names none):\n'
  sed -nE "s#^ *([^(]*[^ (])(\([0-9,]+\))? *: .*warning ((IL|CS)[0-9]+): .*#\3 \1#p" "$logs/aot-warnings.sorted" |
    sed "s#$PWD/##" | sort | uniq -c | sort -rn
} | tee "$logs/aot-warnings.txt"
step "done: $out/nodemonitor (warnings: $logs/aot-warnings.txt)"
