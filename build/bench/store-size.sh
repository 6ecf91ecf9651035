#!/usr/bin/env bash
# Measures the local store: size of nodemonitor.db after DAYS simulated days of one-minute runs
# (10 plugins x 100 passing tests, one test flipping state every 60 runs) and the time per
# LocalStore.Write (median, p95, p99, max).
#
#   build/bench/store-size.sh [DAYS]      (default 1 day = 1,440 runs)
#
# Builds and runs build/bench/StoreSize.cs (a .NET file-based app referencing NodeMonitor.Core) in
# Release while holding the build lock, so no other build on the machine skews the timings.
# The store is created in a temporary directory and deleted afterwards, unless STORE_SIZE_KEEP=<dir>
# names a directory to keep it in.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
days=${1:-1}
[[ "$days" =~ ^[1-9][0-9]*$ ]] || { echo "DAYS must be a positive integer, got '$days'" >&2; exit 2; }
# BENCH_LOCK: the lock file held while building and measuring (as in run.sh); empty = none.
lock=${BENCH_LOCK-/tmp/nodemonitor-build.lock}
if [[ -n "$lock" ]]; then flock -o "$lock" dotnet run -c Release build/bench/StoreSize.cs -- "$days"; else dotnet run -c Release build/bench/StoreSize.cs -- "$days"; fi
