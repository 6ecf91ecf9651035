#!/usr/bin/env bash
# The one test command (README "Quick start"; .ci/run calls it).
# Builds everything, runs every test project, and ends with one line of totals:
#   N passed, N failed, N skipped
# --fast: only the tests that start no process or server (everything not [Category("Integration")]), after an
# incremental build of the solution; no dependencies installed, no artifacts published.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

filter=()
if [ "${1:-}" = "--fast" ]; then
  filter=(--filter "TestCategory!=Integration")
  dotnet build NodeMonitor.sln -c Release -nologo -clp:ErrorsOnly || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
else
  build/install-deps.sh || { echo "could not install test dependencies"; echo "0 passed, 1 failed"; exit 1; }
  build/build.sh || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
fi

log=$(mktemp)
status=0
for proj in tests/NodeMonitor.*/*.csproj; do
  printf '==> test %s\n' "$proj"
  dotnet test "$proj" -c Release --no-build -nologo "${filter[@]}" 2>&1 | tee -a "$log" | grep -vE '^\s*$' | tail -n 40
  rc=${PIPESTATUS[0]}
  if [ "$rc" -ne 0 ]; then
    status=1
    # a project that crashed before its summary still counts as a failure
    grep -qE '(Passed|Failed)!\s+-' <(tail -n 5 "$log") || echo "Failed!  - Failed: 1, Passed: 0, Skipped: 0, Total: 1 - $proj (no summary)" >>"$log"
  fi
done

read -r passed failed skipped < <(
  grep -E '(Passed|Failed)!\s+-\s+Failed:' "$log" |
  sed -E 's/.*Failed:\s*([0-9]+),\s*Passed:\s*([0-9]+),\s*Skipped:\s*([0-9]+).*/\2 \1 \3/' |
  awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
rm -f "$log"
[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
