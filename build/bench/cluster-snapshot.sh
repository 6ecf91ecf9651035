#!/usr/bin/env bash
# The aggregator leader's turn (campaign + cluster snapshot + view file) at fleet scale, against a real etcd started
# for the bench on ports of its own. Baseline: the full read a leader makes without a previous snapshot. Contender: the
# incremental read of the next runs, after a minute of churn (10 % of heartbeats rewritten, 0.1 % expired, 0.1 % new).
# Usage: build/bench/cluster-snapshot.sh [NODES] [FAILING_PERCENT]      (default 10000 nodes, 1 % failing)
# Each turn runs in its own process; peak RSS is that process's VmHWM. Figures also go to artifacts/bench/cluster-snapshot.txt.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
nodes="${1:-10000}"
failing="${2:-1}"
out="$repo/artifacts/bench/cluster-snapshot"
mkdir -p "$out"
export NM_SERVICES_DIR="$out/services" NM_ETCD_PORT=23797 NM_ETCD_PEER_PORT=23807
endpoint="http://127.0.0.1:$NM_ETCD_PORT"
prefix="/nm-bench-$$/"
state="$out/state"
rm -rf "$state" && mkdir -p "$state"

bench() { dotnet run --file "$repo/build/bench/cluster-snapshot.cs" -- "$@" "$endpoint" "$prefix" "$nodes" "$state" "$failing"; }

"$repo/build/services/etcd.sh" clean >/dev/null
"$repo/build/services/etcd.sh" start >/dev/null
trap '"$repo/build/services/etcd.sh" clean >/dev/null' EXIT

bench populate
results=()
results+=("$(bench turn | grep '^RESULT')")
for i in 1 2 3; do
  bench churn
  results+=("$(bench turn | grep '^RESULT')")
done

{
  echo "cluster snapshot, $nodes nodes, $failing % failing ($(date -u +%FT%TZ), $(nproc) cores)"
  printf '%s\n' "${results[@]}"
  python3 - "${results[@]}" <<'PY'
import sys
rows=[dict(kv.split('=',1) for kv in r.split()[2:]) for r in sys.argv[1:]]
full=rows[0]; inc=rows[1:]
med=lambda k: sorted(float(r[k]) for r in inc)[len(inc)//2]
print(f"baseline full read:        {float(full['seconds']):.3f} s, peak RSS {int(full['peak_rss_kb'])/1024:.0f} MiB, {int(full['etcd_bytes'])/1e6:.2f} MB from etcd, view {int(full['view_bytes'])/1e6:.2f} MB")
print(f"incremental (median of 3): {med('seconds'):.3f} s, peak RSS {med('peak_rss_kb')/1024:.0f} MiB, {med('etcd_bytes')/1e6:.2f} MB from etcd ({med('values'):.0f} values)")
print(f"ratio incremental/full:    time {med('seconds')/float(full['seconds']):.2f}, etcd bytes {med('etcd_bytes')/float(full['etcd_bytes']):.2f}")
PY
} | tee "$out/../cluster-snapshot.txt"
