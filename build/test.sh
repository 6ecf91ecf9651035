#!/usr/bin/env bash
# The one test command (README "Quick start"; .ci/run calls it).
# Builds everything, runs every test project, and ends with one line of totals:
#   N passed, N failed, N skipped
# While a project runs, build/test-progress.sh shows how far it is (counts and the last test, every 10 s) and
# prints failing tests at once.
# --fast: only the tests that start no process or server (everything not [Category("Integration")]), after an
# incremental build of the solution; no dependencies installed, no artifacts published.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log=$(mktemp)   # one summary line per project: "Passed!  - Failed: F, Passed: P, Skipped: S, Total: T - NAME"
raw=$(mktemp)   # the current project's whole output
trap 'rm -f "$log" "$raw"' EXIT
status=0
if [ "${1:-}" = "--fast" ]; then
  # One incremental build and one test command for the whole solution: the test projects run side by side.
  dotnet test NodeMonitor.sln -c Release -nologo --filter "TestCategory!=Integration" --logger "console;verbosity=normal" 2>&1 |
    grep --line-buffered -v 'No test matches' | build/test-progress.sh "fast tests" "$log"
  [ "${PIPESTATUS[0]}" -ne 0 ] && status=1
else
  build/install-deps.sh || { echo "could not install test dependencies"; echo "0 passed, 1 failed"; exit 1; }
  build/build.sh || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
  for proj in tests/NodeMonitor.*/*.csproj; do
    printf '==> %s test %s\n' "$(date +%T)" "$proj"
    dotnet test "$proj" -c Release --no-build -nologo --logger "console;verbosity=normal" 2>&1 | tee "$raw" |
      build/test-progress.sh "$(basename "$proj" .csproj)" "$log"
    rc=${PIPESTATUS[0]}
    if [ "$rc" -ne 0 ]; then
      status=1
      # a project that crashed before the test SDK's summary still counts as a failure
      grep -q '^Total tests:' "$raw" || echo "Failed!  - Failed: 1, Passed: 0, Skipped: 0, Total: 1 - $proj (no summary)" >>"$log"
    fi
  done
fi

read -r passed failed skipped < <(
  grep -E '(Passed|Failed)!\s+-\s+Failed:' "$log" |
  sed -E 's/.*Failed:\s*([0-9]+),\s*Passed:\s*([0-9]+),\s*Skipped:\s*([0-9]+).*/\2 \1 \3/' |
  awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
