#!/usr/bin/env bash
# A real etcd (Debian's etcd-server 3.4) on 127.0.0.1 for NodeMonitor's tests and for a developer's
# desk. Usage: build/services/etcd.sh start|stop|status|clean   (see build/services/README.md)
# clean stops etcd and deletes its data and log.
#   NM_ETCD_PORT (2379)  NM_ETCD_PEER_PORT (2380)  NM_SERVICES_DIR (<repo>/artifacts/services)
#   NM_ETCD_TLS_DIR (unset)  NM_ETCD_CLIENT_CERT_AUTH (0)
# start installs what is missing, is idempotent, and prints ETCD_ENDPOINTS=... when etcd answers.
# With NM_ETCD_TLS_DIR (ca.pem, server.pem, server-key.pem; optionally client.pem, client-key.pem) the client
# URL is https and clients must trust ca.pem; NM_ETCD_CLIENT_CERT_AUTH=1 also requires a client certificate
# signed by ca.pem. The peer URL stays plain http on loopback (one member).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ETCD_PORT="${NM_ETCD_PORT:-2379}"
ETCD_PEER_PORT="${NM_ETCD_PEER_PORT:-2380}"
ETCD_DIR="$NM_SERVICES_DIR/etcd"
ETCD_DATA="$ETCD_DIR/data"
ETCD_PID="$ETCD_DIR/etcd.pid"
ETCD_LOG="$ETCD_DIR/etcd.log"
ETCD_TLS_DIR="${NM_ETCD_TLS_DIR:-}"
ETCD_CLIENT_CERT_AUTH="${NM_ETCD_CLIENT_CERT_AUTH:-0}"
ETCD_TLS_FLAGS=()    # etcd's server flags in TLS mode
ETCDCTL_TLS_FLAGS=() # what our own health check presents
if [ -n "$ETCD_TLS_DIR" ]; then
  ETCD_TLS_DIR="$(cd "$ETCD_TLS_DIR" 2>/dev/null && pwd)" || fail "NM_ETCD_TLS_DIR ${NM_ETCD_TLS_DIR} is not a directory"
  for f in ca.pem server.pem server-key.pem; do
    [ -r "$ETCD_TLS_DIR/$f" ] || fail "NM_ETCD_TLS_DIR: $ETCD_TLS_DIR/$f is missing or unreadable"
  done
  ETCD_URL="https://127.0.0.1:$ETCD_PORT"
  ETCD_TLS_FLAGS=(--cert-file "$ETCD_TLS_DIR/server.pem" --key-file "$ETCD_TLS_DIR/server-key.pem")
  ETCDCTL_TLS_FLAGS=(--cacert "$ETCD_TLS_DIR/ca.pem")
  if [ -r "$ETCD_TLS_DIR/client.pem" ] && [ -r "$ETCD_TLS_DIR/client-key.pem" ]; then
    ETCDCTL_TLS_FLAGS+=(--cert "$ETCD_TLS_DIR/client.pem" --key "$ETCD_TLS_DIR/client-key.pem")
  fi
  if [ "$ETCD_CLIENT_CERT_AUTH" = 1 ]; then
    [ "${#ETCDCTL_TLS_FLAGS[@]}" -gt 2 ] || fail "NM_ETCD_CLIENT_CERT_AUTH=1 needs client.pem and client-key.pem in $ETCD_TLS_DIR (for the health check)"
    # Only here: etcd 3.4 given --trusted-ca-file demands a client certificate even without --client-cert-auth.
    ETCD_TLS_FLAGS+=(--client-cert-auth --trusted-ca-file "$ETCD_TLS_DIR/ca.pem")
  fi
else
  ETCD_URL="http://127.0.0.1:$ETCD_PORT"
fi

etcd_running() { pid_alive "$ETCD_PID" "$ETCD_DATA"; }

# `endpoint health` counts "permission denied" as healthy, but with auth enabled an anonymous request gets
# "user name is empty"; that answer, too, means etcd is up and has a leader.
etcd_healthy() {
  port_open "$ETCD_PORT" || return 1
  local out
  out=$(ETCDCTL_API=3 etcdctl --dial-timeout=2s --endpoints="$ETCD_URL" --command-timeout=2s "${ETCDCTL_TLS_FLAGS[@]}" \
    endpoint health 2>&1) && return 0
  [[ "$out" == *"user name is empty"* ]]
}

# Stops the wait early when etcd has already exited. "Exited" means the spawned pid is gone, not that its command
# line lacks the data directory: right after the fork, before exec, the child still shows the shell's command line.
etcd_exited() { local pid; pid=$(cat "$ETCD_PID" 2>/dev/null) && ! kill -0 "$pid" 2>/dev/null; }
etcd_healthy_or_gone() { etcd_exited || etcd_healthy; }

print_endpoint() { say "ETCD_ENDPOINTS=$ETCD_URL"; }

start() {
  local t0; t0=$(now_ms)
  ensure_packages etcd-server etcd-client
  # The package's unit would serve 2379 from /var/lib/etcd. Disabled only when we installed the
  # package: a developer's own etcd is left alone (start then names the taken port).
  installed_now etcd-server && disable_packaged_unit etcd.service

  if etcd_running; then
    etcd_healthy || wait_until "etcd (pid $(cat "$ETCD_PID")) answering on $ETCD_URL" etcd_healthy \
      || { show_log_tail "$ETCD_LOG"; exit 1; }
    say "etcd already running (pid $(cat "$ETCD_PID"))"
    print_endpoint
    return 0
  fi
  port_open "$ETCD_PORT" && fail "port $ETCD_PORT is taken by a process this script did not start (set NM_ETCD_PORT to use another)"
  port_open "$ETCD_PEER_PORT" && fail "peer port $ETCD_PEER_PORT is taken (set NM_ETCD_PEER_PORT to use another)"

  mkdir -p "$ETCD_DATA"
  chmod 700 "$ETCD_DATA"
  printf '==> %s starting etcd\n' "$(date -Is)" >>"$ETCD_LOG"
  spawn "$ETCD_PID" "$ETCD_LOG" etcd \
    --name nodemonitor-dev \
    --data-dir "$ETCD_DATA" \
    --listen-client-urls "$ETCD_URL" \
    --advertise-client-urls "$ETCD_URL" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "nodemonitor-dev=http://127.0.0.1:$ETCD_PEER_PORT" \
    "${ETCD_TLS_FLAGS[@]}"

  if ! wait_until "etcd answering on $ETCD_URL" etcd_healthy_or_gone || ! etcd_healthy; then
    etcd_exited && say "error: etcd exited while starting" >&2
    show_log_tail "$ETCD_LOG"
    stop_pid etcd "$ETCD_PID" "$ETCD_DATA" >/dev/null
    exit 1
  fi
  say "etcd started (pid $(cat "$ETCD_PID"), $(elapsed_s "$t0") s, data $ETCD_DATA, log $ETCD_LOG)"
  print_endpoint
}

stop() { stop_pid etcd "$ETCD_PID" "$ETCD_DATA"; }

clean() {
  stop
  rm -rf "$ETCD_DIR"
  say "removed $ETCD_DIR"
}

status() {
  if etcd_running; then
    if etcd_healthy; then say "etcd running (pid $(cat "$ETCD_PID")) at $ETCD_URL"
    else say "etcd running (pid $(cat "$ETCD_PID")) but not answering on $ETCD_URL"; exit 1
    fi
  else
    say "etcd not running"
    exit 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  clean) clean ;;
  *) echo "usage: $0 start|stop|status|clean" >&2; exit 2 ;;
esac
