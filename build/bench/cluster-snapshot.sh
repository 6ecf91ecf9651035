#!/usr/bin/env bash
# The aggregator leader's turn (campaign + cluster snapshot + view file) at fleet scale, against a real etcd started
# for the bench on ports of its own. Baseline: the full read a leader makes without a previous snapshot. Contender: the
# incremental read of the next runs, after a minute of churn (10 % of heartbeats rewritten, 0.1 % expired, 0.1 % new).
# Usage: build/bench/cluster-snapshot.sh [NODES] [FAILING_PERCENT]      (default 10000 nodes, 1 % failing)
# Each turn runs in its own process; peak RSS is that process's VmHWM, CPU-s its own CPU during the turn and etcd's.
# First, the full read of `nodemonitor cluster snapshot --format json` (BENCH_CLI, default artifacts/bin/nodemonitor;
# BENCH_CLI_BASELINE: a previous build, alternated with it), three times each. BENCH_BASELINE_TREE: see turns below.
# etcd takes free loopback ports (NM_ETCD_PORT/NM_ETCD_PEER_PORT to choose). Figures also go to
# artifacts/bench/cluster-snapshot.txt, with the load average.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
nodes="${1:-10000}"
failing="${2:-1}"
out="$repo/artifacts/bench/cluster-snapshot"
mkdir -p "$out"
mapfile -t ports < <("$repo/build/services/free-ports.sh" 2)
export NM_SERVICES_DIR="$out/services" NM_ETCD_PORT="${NM_ETCD_PORT:-${ports[0]}}" NM_ETCD_PEER_PORT="${NM_ETCD_PEER_PORT:-${ports[1]}}"
endpoint="http://127.0.0.1:$NM_ETCD_PORT"
prefix="/nm-bench-$$/"
state="$out/state"
rm -rf "$state" && mkdir -p "$state"

bench() { dotnet run --file "$repo/build/bench/cluster-snapshot.cs" -- "$@" "$endpoint" "$prefix" "$nodes" "$state" "$failing"; }
# BENCH_LOCK: the lock file held while a turn is measured (as in run.sh); empty = none.
lock=${BENCH_LOCK-/tmp/nodemonitor-build.lock}
measured() { if [[ -n "$lock" ]]; then flock -o "$lock" "$@"; else "$@"; fi; }
etcd_cpu() { awk '{ printf "%.2f", ($14 + $15) / 100 }' "/proc/$(cat "$NM_SERVICES_DIR/etcd/etcd.pid")/stat"; }
# BENCH_BASELINE_TREE: a checkout of an earlier version; its turn (its own bench file, code and state directory) then runs
# just before each of this tree's, on the same keys, so both are measured in the same minutes.
baseline_tree="${BENCH_BASELINE_TREE:-}"
# One leader turn of the tree $1 with the state directory $2, its RESULT line with etcd's CPU-s during it appended.
turn() {
  local before line
  before=$(etcd_cpu)
  line=$(measured dotnet run --file "$1/build/bench/cluster-snapshot.cs" -- turn "$endpoint" "$prefix" "$nodes" "$2" "$failing" | grep '^RESULT')
  echo "$line etcd_cpu_s=$(python3 -c "print(f'{$(etcd_cpu) - $before:.2f}')") load=$(cut -d' ' -f1 /proc/loadavg)"
}
# Both trees' turns after the same churn: the baseline tree's first.
turns() {
  [[ -z "$baseline_tree" ]] || baseline_results+=("$(turn "$baseline_tree" "$state-baseline")")
  results+=("$(turn "$repo" "$state")")
}

"$repo/build/services/etcd.sh" clean >/dev/null
"$repo/build/services/etcd.sh" start >/dev/null
trap '"$repo/build/services/etcd.sh" clean >/dev/null' EXIT

# `nodemonitor cluster snapshot --format json` (the full read a person or CI runs), timed in a process of its own:
# BENCH_CLI (default artifacts/bin/nodemonitor), and BENCH_CLI_BASELINE (a previous build) alternated with it when set.
cli="${BENCH_CLI:-$repo/artifacts/bin/nodemonitor}"
cli_baseline="${BENCH_CLI_BASELINE:-}"
cli_config="$out/cli-config.json"
printf '{ "etcd": { "endpoints": ["%s"], "prefix": "%s" } }\n' "$endpoint" "$prefix" >"$cli_config"
# One read: its CLI line with wall s, CPU-s (user + system), peak RSS, etcd's CPU-s during it, the JSON's bytes.
cli_read() {
  local name=$1 binary=$2 before secs user sys kb
  before=$(etcd_cpu)
  measured /usr/bin/time -f '%e %U %S %M' -o "$out/cli-time" "$binary" cluster snapshot --config "$cli_config" --format json >"$out/cli-$name.json"
  read -r secs user sys kb < <(tail -n 1 "$out/cli-time")
  echo "CLI $name seconds=$secs cpu_s=$(python3 -c "print(f'{$user + $sys:.2f}')") peak_rss_kb=$kb etcd_cpu_s=$(python3 -c "print(f'{$(etcd_cpu) - $before:.2f}')") json_bytes=$(wc -c <"$out/cli-$name.json") load=$(cut -d' ' -f1 /proc/loadavg)"
}

bench populate
cli_results=()
if [[ -x "$cli" ]]; then
  for i in 1 2 3; do
    [[ -n "$cli_baseline" ]] && cli_results+=("$(cli_read baseline "$cli_baseline")")
    cli_results+=("$(cli_read contender "$cli")")
  done
  # Both read the same revision: their JSON differs in takenAt only.
  if [[ -n "$cli_baseline" ]] && ! diff -q <(sed 's/"takenAt":"[^"]*"//' "$out/cli-baseline.json") <(sed 's/"takenAt":"[^"]*"//' "$out/cli-contender.json") >/dev/null; then
    cli_results+=("CLI outputs differ beyond takenAt: see $out/cli-baseline.json and cli-contender.json")
  fi
fi
results=()
baseline_results=()
if [[ -n "$baseline_tree" ]]; then
  rm -rf "$state-baseline" && mkdir -p "$state-baseline"
  dotnet build "$baseline_tree/build/bench/cluster-snapshot.cs" >/dev/null # compiled before any turn is timed
fi
turns
for i in 1 2 3; do
  bench churn
  turns
done

{
  echo "cluster snapshot, $nodes nodes, $failing % failing ($(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
  printf '%s\n' "${cli_results[@]}" "${baseline_results[@]/#/baseline tree: }" "${results[@]}"
  python3 - "${cli_results[@]}" <<'PY'
import sys
rows={}
for r in sys.argv[1:]:
    if r.startswith('CLI ') and '=' in r: rows.setdefault(r.split()[1], []).append(dict(kv.split('=',1) for kv in r.split()[2:]))
med=lambda rs, k: sorted(float(r[k]) for r in rs)[len(rs)//2]
for name, rs in rows.items():
    print(f"cluster snapshot --format json, {name} (median of {len(rs)}): {med(rs,'seconds'):.2f} s, {med(rs,'cpu_s'):.2f} CPU-s (etcd {med(rs,'etcd_cpu_s'):.2f}), peak RSS {med(rs,'peak_rss_kb')/1024:.0f} MiB")
if 'baseline' in rows and 'contender' in rows:
    b, c = rows['baseline'], rows['contender']
    print(f"ratio contender/baseline:  time {med(c,'seconds')/med(b,'seconds'):.2f}, CPU-s {med(c,'cpu_s')/med(b,'cpu_s'):.2f}, peak RSS {med(c,'peak_rss_kb')/med(b,'peak_rss_kb'):.2f}")
PY
  summary() {
    python3 - "$@" <<'PY'
import sys
label=sys.argv[1]
rows=[dict(kv.split('=',1) for kv in r.split()[2:]) for r in sys.argv[2:]]
full=rows[0]; inc=rows[1:]
med=lambda k: sorted(float(r[k]) for r in inc)[len(inc)//2]
if label: print(label)
print(f"baseline full read:        {float(full['seconds']):.3f} s, {float(full['cpu_s']):.2f} CPU-s (etcd {float(full['etcd_cpu_s']):.2f}), peak RSS {int(full['peak_rss_kb'])/1024:.0f} MiB, {int(full['etcd_bytes'])/1e6:.2f} MB from etcd, view {int(full['view_bytes'])/1e6:.2f} MB")
print(f"incremental (median of 3): {med('seconds'):.3f} s, {med('cpu_s'):.2f} CPU-s (etcd {med('etcd_cpu_s'):.2f}), peak RSS {med('peak_rss_kb')/1024:.0f} MiB, {med('etcd_bytes')/1e6:.2f} MB from etcd ({med('values'):.0f} values)")
print(f"ratio incremental/full:    time {med('seconds')/float(full['seconds']):.2f}, CPU-s {med('cpu_s')/float(full['cpu_s']):.2f}, etcd bytes {med('etcd_bytes')/float(full['etcd_bytes']):.2f}")
PY
  }
  [[ -z "$baseline_tree" ]] || summary "baseline tree ($baseline_tree):" "${baseline_results[@]}"
  summary "${baseline_tree:+this tree:}" "${results[@]}"
} | tee "$out/../cluster-snapshot.txt"
