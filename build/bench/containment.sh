#!/usr/bin/env bash
# What containing a plugin process costs (README "Security model"): `nodemonitor run` on a plugin of N Nagios
# commands that do nothing (`true`), each started contained (clean environment, setsid/prlimit launchers, a cgroup
# when possible, the limit watch, the final kill), against the baseline of starting the same N commands with
# `/bin/sh -c true` in a shell loop. Prints milliseconds per command for both and the difference.
# A figure, not a pass/fail: exit 0 unless the benchmark cannot run.
#
#   build/bench/containment.sh            (N=50; BENCH_COMMANDS=200 for more)
set -euo pipefail
cd "$(dirname "$0")/../.."
cli=${BENCH_CLI:-artifacts/bin/nodemonitor}
n=${BENCH_COMMANDS:-50}
[[ -x "$cli" ]] || { echo "missing $cli: run build/build.sh first" >&2; exit 2; }
work=$(mktemp -d /tmp/nm-bench-containment-XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/plugins/noop"
for i in $(seq "$n"); do echo "command[noop_$i]=true"; done > "$work/plugins/noop/commands.cfg"

ms() { date +%s%N | cut -c1-13; }
"$cli" run --root "$work/plugins" --state "$work/warm" >/dev/null   # warm-up: page cache, store creation
start=$(ms); "$cli" run --root "$work/plugins" --state "$work/state" >/dev/null; contained=$(( $(ms) - start ))
start=$(ms); for _ in $(seq "$n"); do /bin/sh -c true; done; plain=$(( $(ms) - start ))
mkdir -p "$work/none"
start=$(ms); "$cli" run --root "$work/none" --state "$work/none-state" >/dev/null; fixed=$(( $(ms) - start ))

per_contained=$(awk -v t="$contained" -v f="$fixed" -v n="$n" 'BEGIN { printf "%.1f", (t - f) / n }')
per_plain=$(awk -v t="$plain" -v n="$n" 'BEGIN { printf "%.1f", t / n }')
echo "commands: $n  (nodemonitor run of an empty plugin root: ${fixed} ms, subtracted)"
echo "contained (nodemonitor run):   ${per_contained} ms per command"
echo "baseline  (sh -c true loop):   ${per_plain} ms per command"
awk -v a="$per_contained" -v b="$per_plain" 'BEGIN { printf "containment costs %.1f ms per process started (%.1fx the bare start)\n", a - b, (b > 0 ? a / b : 0) }'
