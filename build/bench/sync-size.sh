#!/usr/bin/env bash
# Measures the bytes `nodemonitor sync` uploads: the gzip JSON-lines object built for 144 stored passing runs (a day of
# ten-minute runs) of 10 plugins x 100 tests, of 1 plugin x 100 tests and of 1 plugin x 3 tests, and for 1,440 and 10,000
# one-minute runs (10,000 = the most runs in one object). Prints one line per case: objects, gzip bytes, bytes per run,
# uncompressed JSON-lines bytes, and the time to read the runs and build the objects.
#
#   build/bench/sync-size.sh
#
# Builds and runs build/bench/SyncSize.cs (a .NET file-based app referencing NodeMonitor.Core) in Release while holding
# the build lock. Stores are made in a temporary directory and deleted; nothing is uploaded.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# BENCH_LOCK: the lock file held while building and measuring (as in run.sh); empty = none.
lock=${BENCH_LOCK-/tmp/nodemonitor-build.lock}
if [[ -n "$lock" ]]; then flock -o "$lock" dotnet run -c Release build/bench/SyncSize.cs; else dotnet run -c Release build/bench/SyncSize.cs; fi
