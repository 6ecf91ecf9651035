#!/usr/bin/env bash
# A real one-replica OpenStack Swift (Debian's 2.30 packages, tempauth) on 127.0.0.1 for
# NodeMonitor's tests and for a developer's desk.
# Usage: build/services/swift.sh start|stop|status|clean   (see build/services/README.md)
#   NM_SWIFT_PORT (8080)  NM_SWIFT_OBJECT_PORT (6200)  NM_SWIFT_CONTAINER_PORT (6201)
#   NM_SWIFT_ACCOUNT_PORT (6202)  NM_MEMCACHED_PORT (11211)  NM_SERVICES_DIR (<repo>/artifacts/services)
#   NM_SWIFT_EXPIRER=1 also runs swift-object-expirer and swift-container-updater, so expired
#   objects leave listings (each pass every NM_SWIFT_EXPIRER_INTERVAL s, default 5)
# start installs what is missing, is idempotent, and prints SWIFT_AUTH_URL/SWIFT_USER/SWIFT_KEY
# once the proxy hands out tokens. clean stops everything and deletes rings, data and logs.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PROXY_PORT="${NM_SWIFT_PORT:-8080}"
OBJECT_PORT="${NM_SWIFT_OBJECT_PORT:-6200}"
CONTAINER_PORT="${NM_SWIFT_CONTAINER_PORT:-6201}"
ACCOUNT_PORT="${NM_SWIFT_ACCOUNT_PORT:-6202}"
MEMCACHED_PORT="${NM_MEMCACHED_PORT:-11211}"
EXPIRER="${NM_SWIFT_EXPIRER:-0}"
EXPIRER_INTERVAL="${NM_SWIFT_EXPIRER_INTERVAL:-5}"

SWIFT_DIR="$NM_SERVICES_DIR/swift"
ETC="$SWIFT_DIR/etc"        # server configs and rings (swift_dir)
DEVICES="$SWIFT_DIR/devices" # one device, d1
RUN="$SWIFT_DIR/run"        # pid files
RECON="$SWIFT_DIR/recon"    # recon cache (Debian's default /var/cache/swift may not exist)
LOGS="$SWIFT_DIR/log"
PROXY_URL="http://127.0.0.1:$PROXY_PORT"
AUTH_URL="$PROXY_URL/auth/v1.0"
SWIFT_USER="test:tester"
SWIFT_KEY="testing"
RUN_AS="$(id -un)"

# The servers in start order. memcached is handled apart: it may be someone else's.
SERVERS=(object container account proxy)
port_of() {
  case "$1" in
    object) echo "$OBJECT_PORT" ;; container) echo "$CONTAINER_PORT" ;;
    account) echo "$ACCOUNT_PORT" ;; proxy) echo "$PROXY_PORT" ;;
  esac
}
conf_of() { echo "$ETC/$1-server.conf"; }
pid_of() { echo "$RUN/$1.pid"; }
log_of() { echo "$LOGS/$1.log"; }

server_running() { pid_alive "$(pid_of "$1")" "$(conf_of "$1")"; }

# ---------------------------------------------------------------- configuration

write_swift_conf() {
  # Swift reads the hash prefix/suffix from this fixed path only. Debian's swift package ships one;
  # never replace an existing file (other Swift data on the machine would become unreachable).
  [ -f /etc/swift/swift.conf ] && return 0
  mkdir -p /etc/swift
  cat >/etc/swift/swift.conf <<EOF
[swift-hash]
swift_hash_path_prefix = nodemonitor-dev-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')
swift_hash_path_suffix = nodemonitor-dev-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')

[storage-policy:0]
name = Policy-0
default = yes
EOF
}

write_server_conf() {  # write_server_conf object|container|account
  local kind=$1
  cat >"$(conf_of "$kind")" <<EOF
# Written by build/services/swift.sh on every start; edit the script, not this file.
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $(port_of "$kind")
workers = 1
user = $RUN_AS
swift_dir = $ETC
devices = $DEVICES
mount_check = false
recon_cache_path = $RECON
log_name = $kind-server

[pipeline:main]
pipeline = $kind-server

[app:$kind-server]
use = egg:swift#$kind

[$kind-replicator]

[$kind-auditor]

[$kind-updater]
interval = $EXPIRER_INTERVAL
EOF
}

write_proxy_conf() {
  cat >"$(conf_of proxy)" <<EOF
# Written by build/services/swift.sh on every start; edit the script, not this file.
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $PROXY_PORT
workers = 1
user = $RUN_AS
swift_dir = $ETC
log_name = proxy-server

[pipeline:main]
pipeline = catch_errors proxy-logging cache bulk tempurl tempauth proxy-logging proxy-server

[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true

[filter:catch_errors]
use = egg:swift#catch_errors

[filter:proxy-logging]
use = egg:swift#proxy_logging

[filter:cache]
use = egg:swift#memcache
memcache_servers = 127.0.0.1:$MEMCACHED_PORT

[filter:bulk]
use = egg:swift#bulk

[filter:tempurl]
use = egg:swift#tempurl

[filter:tempauth]
use = egg:swift#tempauth
user_admin_admin = admin .admin .reseller_admin
user_test_tester = testing .admin
EOF
}

write_expirer_conf() {
  cat >"$ETC/object-expirer.conf" <<EOF
# Written by build/services/swift.sh on every start; edit the script, not this file.
[DEFAULT]
user = $RUN_AS
swift_dir = $ETC
log_name = object-expirer

[object-expirer]
interval = $EXPIRER_INTERVAL
recon_cache_path = $RECON

[pipeline:main]
pipeline = catch_errors cache proxy-server

[app:proxy-server]
use = egg:swift#proxy

[filter:cache]
use = egg:swift#memcache
memcache_servers = 127.0.0.1:$MEMCACHED_PORT

[filter:catch_errors]
use = egg:swift#catch_errors
EOF
}

# One device, one replica, part power 10. Rebuilt when the backend ports change, since the rings
# carry them; the single device keeps every partition, so stored objects stay reachable.
build_rings() {
  local stamp="$ETC/rings.ports" want="object=$OBJECT_PORT container=$CONTAINER_PORT account=$ACCOUNT_PORT"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] \
    && [ -f "$ETC/object.ring.gz" ] && [ -f "$ETC/container.ring.gz" ] && [ -f "$ETC/account.ring.gz" ]; then
    return 0
  fi
  local kind
  for kind in object container account; do
    rm -f "$ETC/$kind.builder" "$ETC/$kind.ring.gz"
    (
      cd "$ETC"
      swift-ring-builder "$kind.builder" create 10 1 1
      swift-ring-builder "$kind.builder" add "r1z1-127.0.0.1:$(port_of "$kind")/d1" 1
      swift-ring-builder "$kind.builder" rebalance
    ) >>"$LOGS/rings.log" 2>&1 || { show_log_tail "$LOGS/rings.log"; fail "swift-ring-builder failed for $kind"; }
  done
  rm -rf "$ETC/backups"
  echo "$want" >"$stamp"
}

# ---------------------------------------------------------------- processes

memcached_ours() { pid_alive "$RUN/memcached.pid" "-p $MEMCACHED_PORT"; }

start_memcached() {
  memcached_ours && return 0
  if port_open "$MEMCACHED_PORT"; then
    say "memcached: using the one already listening on 127.0.0.1:$MEMCACHED_PORT"
    return 0
  fi
  local user_opt=()
  [ "$(id -u)" -eq 0 ] && user_opt=(-u root)  # memcached refuses root without -u
  spawn "$RUN/memcached.pid" "$LOGS/memcached.log" memcached -l 127.0.0.1 -p "$MEMCACHED_PORT" -U 0 "${user_opt[@]}"
  wait_until "memcached listening on 127.0.0.1:$MEMCACHED_PORT" port_open "$MEMCACHED_PORT" \
    || { show_log_tail "$LOGS/memcached.log"; exit 1; }
}

# Servers run in the foreground in their own session: on TERM a Swift server signals its whole
# process group, which must not be ours. --verbose adds a stderr handler to every Swift logger,
# so the log file gets every line, the proxy's access log included (there is no syslog here).
start_server() {  # start_server object|container|account|proxy
  local kind=$1
  server_running "$kind" && return 0
  printf '==> %s starting swift-%s-server\n' "$(date -Is)" "$kind" >>"$(log_of "$kind")"
  spawn "$(pid_of "$kind")" "$(log_of "$kind")" "swift-$kind-server" "$(conf_of "$kind")" --verbose
}

# Expiry needs two daemons: the object server queues each X-Delete-At in a container of the hidden
# .expiring_objects account, but only the container updater creates that account (by reporting the
# queue containers to the account server); the expirer then lists the account and deletes what is due.
EXPIRY_DAEMONS=(container-updater object-expirer)
expiry_conf_of() {
  case "$1" in container-updater) conf_of container ;; object-expirer) echo "$ETC/object-expirer.conf" ;; esac
}
expiry_running() { pid_alive "$RUN/$1.pid" "swift-$1 $(expiry_conf_of "$1")"; }

start_expiry() {
  local daemon
  write_expirer_conf
  for daemon in "${EXPIRY_DAEMONS[@]}"; do
    expiry_running "$daemon" && continue
    spawn "$RUN/$daemon.pid" "$LOGS/$daemon.log" "swift-$daemon" "$(expiry_conf_of "$daemon")" --verbose
  done
}

stop_expiry() {
  local daemon
  for daemon in "${EXPIRY_DAEMONS[@]}"; do
    stop_pid "swift-$daemon" "$RUN/$daemon.pid" "swift-$daemon $(expiry_conf_of "$daemon")"
  done
}

auth_answers() {
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 \
    -H "X-Auth-User: $SWIFT_USER" -H "X-Auth-Key: $SWIFT_KEY" "$AUTH_URL" 2>/dev/null) || return 1
  [ "$code" = 200 ]
}

all_servers_running() {
  local kind
  for kind in "${SERVERS[@]}"; do server_running "$kind" || return 1; done
}

# Stops the wait early when a server has already exited: its spawned pid is gone. (Not "its command line lacks the
# config path": right after the fork, before exec, the child still shows the shell's command line.)
server_exited() { local pid; pid=$(cat "$(pid_of "$1")" 2>/dev/null) && ! kill -0 "$pid" 2>/dev/null; }
any_server_exited() {
  local kind
  for kind in "${SERVERS[@]}"; do server_exited "$kind" && return 0; done
  return 1
}
auth_answers_or_server_gone() { auth_answers || any_server_exited; }

backends_listen() {
  port_open "$OBJECT_PORT" && port_open "$CONTAINER_PORT" && port_open "$ACCOUNT_PORT"
}

all_logs() {
  local kind
  for kind in "${SERVERS[@]}"; do log_of "$kind"; done
  echo "$LOGS/memcached.log"
}

check_info() {
  local info
  info=$(curl -s --max-time 5 "$PROXY_URL/info") || fail "GET $PROXY_URL/info failed"
  [[ "$info" == *'"bulk_upload"'* ]] || fail "/info lacks bulk_upload: the bulk middleware is not in the pipeline"
  [[ "$info" == *'"tempurl"'* ]] || fail "/info lacks tempurl: the tempurl middleware is not in the pipeline"
}

print_credentials() {
  say "SWIFT_AUTH_URL=$AUTH_URL"
  say "SWIFT_USER=$SWIFT_USER"
  say "SWIFT_KEY=$SWIFT_KEY"
}

start() {
  local t0 pkgs kind was_running=1
  t0=$(now_ms)
  pkgs=(swift swift-proxy swift-account swift-container swift-object memcached python3-swiftclient curl)
  [ "$EXPIRER" = 1 ] && pkgs+=(swift-object-expirer)
  ensure_packages "${pkgs[@]}"

  mkdir -p "$ETC" "$DEVICES/d1" "$RUN" "$LOGS" "$RECON"
  write_swift_conf
  for kind in object container account; do write_server_conf "$kind"; done
  write_proxy_conf
  build_rings

  all_servers_running || was_running=0
  for kind in "${SERVERS[@]}"; do
    server_running "$kind" || ! port_open "$(port_of "$kind")" \
      || fail "port $(port_of "$kind") for the $kind server is taken by a process this script did not start"
  done
  start_memcached
  for kind in "${SERVERS[@]}"; do start_server "$kind"; done
  [ "$EXPIRER" = 1 ] && start_expiry

  if ! wait_until "the Swift proxy answering GET $AUTH_URL with 200" auth_answers_or_server_gone \
    || ! all_servers_running \
    || ! wait_until "the Swift object, container and account servers listening" backends_listen; then
    for kind in "${SERVERS[@]}"; do server_running "$kind" || say "swift-$kind-server is not running" >&2; done
    # shellcheck disable=SC2046
    show_log_tail $(all_logs)
    say "stopping what did start" >&2
    stop >&2
    exit 1
  fi
  check_info
  if [ "$was_running" -eq 1 ]; then
    say "swift already running (proxy pid $(cat "$(pid_of proxy)"), proxy access log $(log_of proxy))"
  else
    say "swift started ($(elapsed_s "$t0") s, data $SWIFT_DIR, logs $LOGS, proxy access log $(log_of proxy))"
  fi
  print_credentials
}

stop() {
  local kind i
  stop_expiry
  for ((i = ${#SERVERS[@]} - 1; i >= 0; i--)); do
    kind=${SERVERS[$i]}
    stop_pid "swift-$kind-server" "$(pid_of "$kind")" "$(conf_of "$kind")"
  done
  stop_pid memcached "$RUN/memcached.pid" "-p $MEMCACHED_PORT"
}

status() {
  local kind down=0 up=0
  for kind in "${SERVERS[@]}"; do
    if server_running "$kind"; then
      say "swift-$kind-server running (pid $(cat "$(pid_of "$kind")")) on 127.0.0.1:$(port_of "$kind")"; up=$((up + 1))
    else
      say "swift-$kind-server not running"; down=$((down + 1))
    fi
  done
  if memcached_ours; then say "memcached running (pid $(cat "$RUN/memcached.pid")) on 127.0.0.1:$MEMCACHED_PORT"
  elif port_open "$MEMCACHED_PORT"; then say "memcached: someone else's is listening on 127.0.0.1:$MEMCACHED_PORT"
  else say "memcached not listening on 127.0.0.1:$MEMCACHED_PORT"
  fi
  local daemon
  for daemon in "${EXPIRY_DAEMONS[@]}"; do
    expiry_running "$daemon" && say "swift-$daemon running (pid $(cat "$RUN/$daemon.pid"))"
  done
  if [ "$down" -eq 0 ] && auth_answers; then
    say "swift running at $AUTH_URL"
  elif [ "$up" -eq 0 ]; then
    say "swift not running"; exit 3
  else
    say "swift partly running or not answering at $AUTH_URL"; exit 1
  fi
}

clean() {
  stop
  rm -rf "$SWIFT_DIR"
  say "removed $SWIFT_DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  clean) clean ;;
  *) echo "usage: $0 start|stop|status|clean" >&2; exit 2 ;;
esac
