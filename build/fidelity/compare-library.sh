#!/usr/bin/env bash
# Case-by-case agreement of `nodemonitor run` with `dotnet test` (NUnit's engine) on a real library's NUnit suite.
# Publishes the test project (net10.0), runs the published dll under `dotnet test -- NUnit.TestOutputXml=...` and
# as a plugin under `nodemonitor run --result=...`, and compares the two result files with fidelity-compare.
# Usage: build/fidelity/compare-library.sh TEST_PROJECT.csproj [WORK_DIR]
#   Extra build switches are read from .fidelity-build-args in the project's repository root, if present
#   (see prepare-nodatime.sh). Output: WORK_DIR (default /tmp/nodemonitor-fidelity)/{engine,nodemonitor.xml,compare.txt}.
# Exit: 0 every case agrees, 1 some do not, 2 a step failed.
set -euo pipefail
[[ $# -ge 1 ]] || { echo "usage: $0 TEST_PROJECT.csproj [WORK_DIR]" >&2; exit 2; }
repo=$(cd "$(dirname "$0")/../.." && pwd)
project=$(realpath "$1")
work=${2:-/tmp/nodemonitor-fidelity}
cli=${FIDELITY_CLI:-$repo/artifacts/bin/nodemonitor}
name=$(basename "$project" .csproj)
[[ -x $cli ]] || { echo "$cli is missing: run build/build.sh first" >&2; exit 2; }
build_args=()
root=$(cd "$(dirname "$project")" && git rev-parse --show-toplevel 2>/dev/null || dirname "$(dirname "$(dirname "$project")")")
for d in "$(dirname "$project")" "$(dirname "$(dirname "$project")")" "$(dirname "$(dirname "$(dirname "$project")")")" "$root"; do
  if [[ -f $d/.fidelity-build-args ]]; then read -r -a build_args <"$d/.fidelity-build-args"; break; fi
done
step() { printf '==> %s\n' "$*" >&2; }

rm -rf "$work"; mkdir -p "$work/plugins" "$work/engine"
step "publishing $name (net10.0, Release)"
dotnet publish "$project" -c Release -f net10.0 -o "$work/plugins/$name" -nologo -clp:ErrorsOnly "${build_args[@]}" >&2 || exit 2
step "dotnet test $name.dll"
start=$(date +%s.%N)
dotnet test "$work/plugins/$name/$name.dll" -- "NUnit.TestOutputXml=$work/engine" NUnit.OutputXmlFolderMode=UseSpecifiedFolder \
  >"$work/dotnet-test.log" 2>&1 || true
mid=$(date +%s.%N)
step "nodemonitor run"
"$cli" run --root "$work/plugins" --state "$work/state" "--result=$work/nodemonitor.xml" >"$work/nodemonitor.log" 2>&1 || true
end=$(date +%s.%N)
awk -v a="$start" -v b="$mid" -v c="$end" 'BEGIN { printf "wall: dotnet test %.1f s, nodemonitor run %.1f s\n", b - a, c - b }' | tee "$work/times.txt" >&2
engine=$(find "$work/engine" -name '*.xml' | head -n 1)
[[ -n $engine && -f $work/nodemonitor.xml ]] || { echo "a result file is missing (logs in $work)" >&2; exit 2; }
step "comparing case by case"
dotnet run --project "$repo/build/fidelity/NodeMonitor.FidelityCompare.csproj" -c Release -- "$engine" "$work/nodemonitor.xml" --show 40 | tee "$work/compare.txt"
