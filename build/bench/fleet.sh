#!/usr/bin/env bash
# The fleet benchmark: simulated nodes drive NodeMonitor's real central reporting (build/bench/fleet/) against a
# real three-member etcd cluster (build/services/etcd-cluster.sh) in simulated time, with faults, beside a
# Sensu-style baseline on the same cluster and a real `nodemonitor notify` watching; then `nodemonitor failures` and
# `nodemonitor cluster snapshot` over the whole fleet, and the plots.
#
#   build/bench/fleet.sh                      10,000 nodes, then 100,000 (FLEET_NODES)
#   FLEET_NODES=10000 build/bench/fleet.sh    one size only
#
# Not part of build/test.sh: it runs for minutes (docs/fleet.md has the measured times). Everything stays on
# 127.0.0.1. Results: artifacts/bench/fleet/ (fleet-<N>.txt, minutes-<N>.csv, failures-<N>.txt, cluster-<N>.txt,
# notify-<N>.log, dbsize-<N>.txt, slow-runs-<N>.log: one line per node run of 10 s or more, *.png).
#
# Environment:
#   FLEET_NODES        sizes to simulate, in order, each N or N:MINUTES (default "10000 100000")
#   FLEET_MINUTES      simulated minutes per size (default 60)
#   FLEET_ARGS         further simulator options (see build/bench/fleet/FleetOptions.cs), e.g. "--checks 20"
#   FLEET_TIMEOUT      real minutes one size may take before it is stopped (default 90)
#   FLEET_SWIFT=0      no real Swift: every bundle is counted only (default 1: a private Swift on 28080, and every
#                      100th bundle uploaded to it)
#   FLEET_NOTIFY_WINDOW  group window (s) of the `nodemonitor notify` the simulator runs (default 10)
#   FLEET_KEEP=1       leave the cluster (and Swift) running afterwards
#   FLEET_STATE        the simulated nodes' store files (default /dev/shm/nodemonitor-fleet; notify's state beside it, -notify)
#   FLEET_REALTIME=W   only the real-time window, for each size: a fresh cluster given one heartbeat key per node, then W
#                      heartbeat puts paced over one real minute (W: the writes/min of that size's fleet line); the result
#                      in realtime-<N>.txt. Nothing else runs (no scenario, no baseline, no Swift)
#   NM_ETCD_CLUSTER_PORT  the cluster's first client port (default 22379; see etcd-cluster.sh)
# Exit: 0 when every size ran (whatever the figures), 1 when a run failed, 2 usage.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

sizes=${FLEET_NODES:-10000 100000}
minutes=${FLEET_MINUTES:-60}
timeout_min=${FLEET_TIMEOUT:-90}
state=${FLEET_STATE:-/dev/shm/nodemonitor-fleet}
out=$repo/artifacts/bench/fleet
cluster=$repo/build/services/etcd-cluster.sh
swift_dir=$repo/artifacts/services-fleet
cli=$repo/artifacts/bin/nodemonitor
export NM_SERVICES_DIR=$repo/artifacts/services-fleet
base_port=${NM_ETCD_CLUSTER_PORT:-22379}
endpoints="http://127.0.0.1:$base_port,http://127.0.0.1:$((base_port + 10)),http://127.0.0.1:$((base_port + 20))"
for n in $sizes; do [[ "$n" =~ ^[1-9][0-9]+(:[1-9][0-9]*)?$ ]] || { echo "FLEET_NODES: '$n' is not a node count (N or N:MINUTES)" >&2; exit 2; }; done
[[ "$minutes" =~ ^[1-9][0-9]*$ ]] || { echo "FLEET_MINUTES must be a positive integer" >&2; exit 2; }

step() { printf '==> %s\n' "$*"; }

swift_env() {
  NM_SERVICES_DIR=$swift_dir NM_SWIFT_PORT=28080 NM_SWIFT_OBJECT_PORT=26200 NM_SWIFT_CONTAINER_PORT=26201 \
    NM_SWIFT_ACCOUNT_PORT=26202 NM_MEMCACHED_PORT=31211 "$@"
}

cleanup() {
  [ "${FLEET_KEEP:-0}" = 1 ] && return
  # The simulated nodes' store files (about 100 KB each, 10 GB at 100,000 nodes) and notify's state, in memory.
  rm -rf "$state" "$state-notify"
  "$cluster" stop >/dev/null || true
  [ "${FLEET_SWIFT:-1}" = 1 ] && swift_env build/services/swift.sh stop >/dev/null || true
}
trap cleanup EXIT

step "build the simulator (Release)"
dotnet build build/bench/fleet/NodeMonitor.Fleet.csproj -c Release -nologo -clp:ErrorsOnly >/dev/null
if [ ! -x "$cli" ]; then
  step "publish the CLI to artifacts/bin (as build/build.sh does) for the failures measurement"
  dotnet publish src/NodeMonitor.Cli/NodeMonitor.Cli.csproj -c Release -nologo -clp:ErrorsOnly \
    -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o artifacts/bin >/dev/null
fi
[ -x /usr/bin/time ] || { step "installing GNU time"; apt-get install -y time >/dev/null; }

[ -n "${FLEET_REALTIME:-}" ] && export FLEET_SWIFT=0
swift_args=()
if [ "${FLEET_SWIFT:-1}" = 1 ]; then
  step "start a private Swift on 127.0.0.1:28080"
  swift_env build/services/swift.sh start | grep '^SWIFT_AUTH_URL' || true
  swift_args=(--swift-auth-url http://127.0.0.1:28080/auth/v1.0)
fi

mkdir -p "$out"
{
  echo "load average before: $(cut -d" " -f1-3 /proc/loadavg)"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(dotnet --version) SDK, etcd $(etcd --version | awk 'NR==1 {print $3}')"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
} | tee "$out/machine.txt"

notify_args=()
if "$cli" notify --help >/dev/null 2>&1; then notify_args=(--notify-cli "$cli" --notify-window "${FLEET_NOTIFY_WINDOW:-10}"); fi

# measure NAME N -- CLI ARGS...: three runs of a read-only CLI verb over the whole fleet, seconds and peak RSS.
measure() {
  local name=$1 n=$2 rep rc secs kb; shift 3
  : >"$out/$name-$n.txt"
  for rep in 1 2 3; do
    rc=0
    /usr/bin/time -f '%e %M' -o "$out/$name-time" "$@" >"$out/$name-$n.json" || rc=$?
    [ "$rc" -le 1 ] || { echo "$name exited $rc" >&2; status=1; }
    # GNU time puts "Command exited with non-zero status N" before the figures when the verb exits 1.
    read -r secs kb < <(tail -n 1 "$out/$name-time")
    echo "$name run $rep: $secs s, $((kb / 1024)) MB max RSS, $(wc -c <"$out/$name-$n.json") bytes of JSON, exit $rc" | tee -a "$out/$name-$n.txt"
  done
}

status=0
for size in $sizes; do
  n=${size%%:*}
  size_minutes=$minutes
  [[ "$size" == *:* ]] && size_minutes=${size#*:}
  step "etcd cluster: fresh data for $n nodes"
  "$cluster" clean >/dev/null
  "$cluster" start | tail -1
  if [ -n "${FLEET_REALTIME:-}" ]; then
    step "the real-time window alone: $FLEET_REALTIME heartbeat puts in one minute, $n keys preloaded"
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/realtime-$n.txt"
    if ! dotnet build/bench/fleet/bin/Release/net10.0/NodeMonitor.Fleet.dll --nodes "$n" --endpoints "$endpoints" \
        --cluster-script "$cluster" --realtime-only "$FLEET_REALTIME" | tee -a "$out/realtime-$n.txt"; then status=1; fi
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/realtime-$n.txt"
    continue
  fi
  step "simulate $n nodes for $size_minutes minutes (stopped after $timeout_min real minutes)"
  t0=$(date +%s)
  # shellcheck disable=SC2086 # FLEET_ARGS is a list of options
  if ! timeout "${timeout_min}m" dotnet build/bench/fleet/bin/Release/net10.0/NodeMonitor.Fleet.dll \
      --nodes "$n" --minutes "$size_minutes" --endpoints "$endpoints" --cluster-script "$cluster" --output "$out" --state "$state" \
      "${swift_args[@]}" "${notify_args[@]}" ${FLEET_ARGS:-}; then
    echo "fleet: the simulation of $n nodes failed or was stopped" >&2
    status=1
    continue
  fi
  echo "fleet: $n nodes took $(( ($(date +%s) - t0) / 60 )) min $(( ($(date +%s) - t0) % 60 )) s real" | tee -a "$out/fleet-$n.txt"

  cfg=$out/fleet-config.json
  printf '{ "etcd": { "endpoints": ["%s"], "prefix": "/nodemonitor-fleet/" } }\n' "${endpoints//,/\",\"}" >"$cfg"
  step "nodemonitor failures over the whole fleet (3 runs)"
  measure failures "$n" -- "$cli" failures --config "$cfg" --format json
  echo "failing nodes listed: $(grep -o '"node":' "$out/failures-$n.json" | wc -l)" | tee -a "$out/failures-$n.txt"
  if "$cli" cluster snapshot --help >/dev/null 2>&1; then
    step "nodemonitor cluster snapshot (the aggregator's read) over the whole fleet (3 runs)"
    measure cluster "$n" -- "$cli" cluster snapshot --config "$cfg" --format json
  fi
  step "etcd DB size per member (endpoint status): as left, then without the baseline's keys, compacted and defragmented"
  {
    echo "as left (NodeMonitor's keys and history, the baseline's sample of keys and history):"
    etcdctl --endpoints "$endpoints" endpoint status -w table
    etcdctl --endpoints "$endpoints" del --prefix /sensu-baseline/ >/dev/null
    rev=$(etcdctl --endpoints "$endpoints" get / --limit 1 -w json | python3 -c 'import json, sys; print(json.load(sys.stdin)["header"]["revision"])')
    # What an operator runs to give the space back: compact the history (auto-compaction does this every minute), then
    # defragment each member, one at a time (a member does not answer while it defragments).
    etcdctl --endpoints "$endpoints" compact --physical "$rev"
    sleep 10 # every member applies the compaction in the background
    etcdctl --endpoints "$endpoints" --command-timeout 120s defrag --cluster
    echo "NodeMonitor's keys alone, after compact $rev + defrag --cluster:"
    etcdctl --endpoints "$endpoints" endpoint status -w table
  } 2>&1 | tee "$out/dbsize-$n.txt" || true
  echo "load average after $n nodes: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/fleet-$n.txt"
done

[ -n "${FLEET_REALTIME:-}" ] && exit $status # the window alone has no minutes to plot
step "plots"
if /usr/bin/python3 -c 'import matplotlib' 2>/dev/null; then
  /usr/bin/python3 build/bench/fleet-plot.py "$out"
else
  echo "matplotlib missing (apt-get install python3-matplotlib): no plots"
fi
exit $status
