#!/usr/bin/env bash
# The aggregator leader's turn (campaign + cluster snapshot + view file) at fleet scale, against a real etcd started
# for the bench on ports of its own. Baseline: the full read a leader makes without a previous snapshot. Contender: the
# incremental read of the next runs, after a minute of churn (10 % of heartbeats rewritten, 0.1 % expired, 0.1 % new).
# Usage: build/bench/cluster-snapshot.sh [NODES] [FAILING_PERCENT]      (default 10000 nodes, 1 % failing)
# Each turn runs in its own process; peak RSS is that process's VmHWM, CPU-s its own CPU during the turn and etcd's.
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
# One leader turn, its RESULT line with etcd's CPU-s during it appended.
turn() {
  local before line
  before=$(etcd_cpu)
  line=$(measured dotnet run --file "$repo/build/bench/cluster-snapshot.cs" -- turn "$endpoint" "$prefix" "$nodes" "$state" "$failing" | grep '^RESULT')
  echo "$line etcd_cpu_s=$(python3 -c "print(f'{$(etcd_cpu) - $before:.2f}')") load=$(cut -d' ' -f1 /proc/loadavg)"
}

"$repo/build/services/etcd.sh" clean >/dev/null
"$repo/build/services/etcd.sh" start >/dev/null
trap '"$repo/build/services/etcd.sh" clean >/dev/null' EXIT

bench populate
results=()
results+=("$(turn)")
for i in 1 2 3; do
  bench churn
  results+=("$(turn)")
done

{
  echo "cluster snapshot, $nodes nodes, $failing % failing ($(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
  printf '%s\n' "${results[@]}"
  python3 - "${results[@]}" <<'PY'
import sys
rows=[dict(kv.split('=',1) for kv in r.split()[2:]) for r in sys.argv[1:]]
full=rows[0]; inc=rows[1:]
med=lambda k: sorted(float(r[k]) for r in inc)[len(inc)//2]
print(f"baseline full read:        {float(full['seconds']):.3f} s, {float(full['cpu_s']):.2f} CPU-s (etcd {float(full['etcd_cpu_s']):.2f}), peak RSS {int(full['peak_rss_kb'])/1024:.0f} MiB, {int(full['etcd_bytes'])/1e6:.2f} MB from etcd, view {int(full['view_bytes'])/1e6:.2f} MB")
print(f"incremental (median of 3): {med('seconds'):.3f} s, {med('cpu_s'):.2f} CPU-s (etcd {med('etcd_cpu_s'):.2f}), peak RSS {med('peak_rss_kb')/1024:.0f} MiB, {med('etcd_bytes')/1e6:.2f} MB from etcd ({med('values'):.0f} values)")
print(f"ratio incremental/full:    time {med('seconds')/float(full['seconds']):.2f}, CPU-s {med('cpu_s')/float(full['cpu_s']):.2f}, etcd bytes {med('etcd_bytes')/float(full['etcd_bytes']):.2f}")
PY
} | tee "$out/../cluster-snapshot.txt"
