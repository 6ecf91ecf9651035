#!/usr/bin/env bash
# Three etcd members (Debian's etcd-server 3.4) on 127.0.0.1, one cluster: for failover tests and the fleet
# benchmark. Usage: build/services/etcd-cluster.sh start|stop|status|leader|kill-member N|restart-member N|clean
#   start            starts the members that are not running (idempotent); prints ETCD_ENDPOINTS=a,b,c
#   stop             stops every member (TERM, then KILL after 10 s)
#   status           one line per member (pid, answering, leader); exit 0 all healthy, 1 some not, 3 none running
#   leader           prints the number (1-3) of the member that leads now; exit 1 when none does
#   kill-member N    SIGKILL member N (a crash: no clean shutdown)
#   restart-member N starts member N again on its own data directory and waits until it answers
#   clean            stops everything and deletes the data directories and logs
# Member N listens for clients on NM_ETCD_CLUSTER_PORT + 10*(N-1) and for peers on that port + 1.
#   NM_ETCD_CLUSTER_PORT (22379: members on 22379, 22389, 22399; peers 22380, 22390, 22400)
#   NM_ETCD_CLUSTER_PORTS six ports "client1,peer1,client2,peer2,client3,peer3" instead (e.g. from free-ports.sh 6);
#                        give the same value to every command of one cluster
#   NM_ETCD_COMPACTION   auto-compaction retention in periodic mode (default 1m: history older than a minute goes)
#   NM_SERVICES_DIR      (<repo>/artifacts/services); data in <dir>/etcd-cluster/member-N/
# Members run with --metrics extensive: grpc_server_handling_seconds per method (server-side latency) on /metrics.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BASE_PORT="${NM_ETCD_CLUSTER_PORT:-22379}"
COMPACTION="${NM_ETCD_COMPACTION:-1m}"
CLUSTER_DIR="$NM_SERVICES_DIR/etcd-cluster"
MEMBERS=(1 2 3)

[[ "$BASE_PORT" =~ ^[0-9]+$ ]] && [ "$BASE_PORT" -ge 1024 ] && [ "$BASE_PORT" -le 65500 ] \
  || fail "NM_ETCD_CLUSTER_PORT must be a port number between 1024 and 65500, got '$BASE_PORT'"

PORTS=()
if [ -n "${NM_ETCD_CLUSTER_PORTS:-}" ]; then
  IFS=, read -r -a PORTS <<<"$NM_ETCD_CLUSTER_PORTS"
  [ "${#PORTS[@]}" -eq 6 ] || fail "NM_ETCD_CLUSTER_PORTS must list six ports (client,peer for each member), got '$NM_ETCD_CLUSTER_PORTS'"
  for p in "${PORTS[@]}"; do
    [[ "$p" =~ ^[0-9]+$ ]] && [ "$p" -ge 1024 ] && [ "$p" -le 65535 ] \
      || fail "NM_ETCD_CLUSTER_PORTS: '$p' is not a port number between 1024 and 65535"
  done
  BASE_PORT=${PORTS[0]}
fi

client_port() { if [ ${#PORTS[@]} -eq 6 ]; then echo "${PORTS[$((2 * ($1 - 1)))]}"; else echo $((BASE_PORT + 10 * ($1 - 1))); fi; }
peer_port() { if [ ${#PORTS[@]} -eq 6 ]; then echo "${PORTS[$((2 * ($1 - 1) + 1))]}"; else echo $((BASE_PORT + 10 * ($1 - 1) + 1)); fi; }
client_url() { echo "http://127.0.0.1:$(client_port "$1")"; }
member_name() { echo "nm-member-$1"; }
member_dir() { echo "$CLUSTER_DIR/member-$1"; }
data_dir() { echo "$(member_dir "$1")/data"; }
pid_file() { echo "$(member_dir "$1")/etcd.pid"; }
log_file() { echo "$(member_dir "$1")/etcd.log"; }

initial_cluster() {
  local n parts=()
  for n in "${MEMBERS[@]}"; do parts+=("$(member_name "$n")=http://127.0.0.1:$(peer_port "$n")"); done
  (IFS=,; echo "${parts[*]}")
}

endpoints() {
  local n parts=()
  for n in "${MEMBERS[@]}"; do parts+=("$(client_url "$n")"); done
  (IFS=,; echo "${parts[*]}")
}

check_member() {
  [[ "${1:-}" =~ ^[123]$ ]] || { echo "usage: $0 kill-member|restart-member N   (N = 1, 2 or 3)" >&2; exit 2; }
}

member_running() { pid_alive "$(pid_file "$1")" "$(data_dir "$1")"; }

member_healthy() {
  port_open "$(client_port "$1")" || return 1
  ETCDCTL_API=3 etcdctl --dial-timeout=2s --command-timeout=2s --endpoints="$(client_url "$1")" endpoint health >/dev/null 2>&1
}

# etcd_server_is_leader from the member's /metrics: no etcdctl round trip through raft.
member_is_leader() {
  local metrics
  metrics=$(curl -s --max-time 2 "$(client_url "$1")/metrics" 2>/dev/null) || return 1
  grep -q '^etcd_server_is_leader 1' <<<"$metrics"
}

spawn_member() {
  local n=$1 state=$2
  mkdir -p "$(data_dir "$n")"
  chmod 700 "$(data_dir "$n")"
  port_open "$(client_port "$n")" && fail "port $(client_port "$n") is taken by a process this script did not start (set NM_ETCD_CLUSTER_PORT or NM_ETCD_CLUSTER_PORTS)"
  port_open "$(peer_port "$n")" && fail "peer port $(peer_port "$n") is taken (set NM_ETCD_CLUSTER_PORT or NM_ETCD_CLUSTER_PORTS)"
  printf '==> %s starting member %s\n' "$(date -Is)" "$n" >>"$(log_file "$n")"
  # Flags of the initial cluster are ignored once the data directory holds a member, so a restart uses the same line.
  spawn "$(pid_file "$n")" "$(log_file "$n")" etcd \
    --name "$(member_name "$n")" \
    --data-dir "$(data_dir "$n")" \
    --listen-client-urls "$(client_url "$n")" \
    --advertise-client-urls "$(client_url "$n")" \
    --listen-peer-urls "http://127.0.0.1:$(peer_port "$n")" \
    --initial-advertise-peer-urls "http://127.0.0.1:$(peer_port "$n")" \
    --initial-cluster "$(initial_cluster)" \
    --initial-cluster-token "nodemonitor-cluster-$BASE_PORT" \
    --initial-cluster-state "$state" \
    --auto-compaction-mode periodic \
    --auto-compaction-retention "$COMPACTION" \
    --metrics extensive
}

wait_healthy() {
  local n=$1
  if ! wait_until "member $n answering on $(client_url "$n")" member_healthy "$n"; then
    show_log_tail "$(log_file "$n")"
    return 1
  fi
}

start() {
  local t0 n started=()
  t0=$(now_ms)
  ensure_packages etcd-server etcd-client curl
  installed_now etcd-server && disable_packaged_unit etcd.service
  for n in "${MEMBERS[@]}"; do
    member_running "$n" && continue
    spawn_member "$n" new
    started+=("$n")
  done
  # A member answers health only once the cluster has a leader, i.e. once two members run: wait after spawning all.
  for n in "${MEMBERS[@]}"; do
    wait_healthy "$n" || { for s in "${started[@]}"; do stop_member "$s" >/dev/null; done; exit 1; }
  done
  if [ "${#started[@]}" -eq 0 ]; then say "etcd cluster already running"
  else say "etcd cluster started (members ${started[*]} in $(elapsed_s "$t0") s, data $CLUSTER_DIR)"
  fi
  say "ETCD_ENDPOINTS=$(endpoints)"
}

stop_member() { stop_pid "etcd member $1" "$(pid_file "$1")" "$(data_dir "$1")"; }

stop() {
  local n
  for n in "${MEMBERS[@]}"; do stop_member "$n"; done
}

kill_member() {
  local n=$1 pid
  check_member "$n"
  member_running "$n" || { say "member $n is not running"; return 0; }
  pid=$(cat "$(pid_file "$n")")
  kill -KILL "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  rm -f "$(pid_file "$n")"
  say "killed member $n (pid $pid)"
}

restart_member() {
  local n=$1 t0
  check_member "$n"
  t0=$(now_ms)
  [ -d "$(data_dir "$n")/member" ] || fail "member $n has no data directory yet; run start first"
  if member_running "$n"; then say "member $n already running (pid $(cat "$(pid_file "$n")"))"; return 0; fi
  spawn_member "$n" existing
  # Alone, a member cannot answer (no quorum): wait for its port only when the others are down too.
  local others=0 m
  for m in "${MEMBERS[@]}"; do [ "$m" != "$n" ] && member_running "$m" && others=$((others + 1)); done
  if [ "$others" -gt 0 ]; then wait_healthy "$n" || exit 1
  else wait_until "member $n listening" port_open "$(client_port "$n")" || exit 1
  fi
  say "restarted member $n (pid $(cat "$(pid_file "$n")"), $(elapsed_s "$t0") s)"
}

status() {
  local n running=0 healthy=0 line
  for n in "${MEMBERS[@]}"; do
    line="member $n $(client_url "$n")"
    if member_running "$n"; then
      running=$((running + 1))
      line+=" pid $(cat "$(pid_file "$n")")"
      if member_healthy "$n"; then
        healthy=$((healthy + 1))
        line+=" healthy"
        member_is_leader "$n" && line+=" leader"
      else line+=" not answering"
      fi
    else line+=" not running"
    fi
    say "$line"
  done
  [ "$running" -eq 0 ] && exit 3
  [ "$healthy" -eq "${#MEMBERS[@]}" ] || exit 1
}

leader() {
  local n
  for n in "${MEMBERS[@]}"; do
    member_running "$n" && member_is_leader "$n" && { say "$n"; return 0; }
  done
  say "no leader" >&2
  exit 1
}

clean() {
  stop
  rm -rf "$CLUSTER_DIR"
  say "removed $CLUSTER_DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  leader) leader ;;
  kill-member) kill_member "${2:-}" ;;
  restart-member) restart_member "${2:-}" ;;
  clean) clean ;;
  *) echo "usage: $0 start|stop|status|leader|kill-member N|restart-member N|clean" >&2; exit 2 ;;
esac
