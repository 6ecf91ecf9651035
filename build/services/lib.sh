# Shared by etcd.sh and swift.sh: paths, Debian package installs, background processes with pid
# files, bounded waits. Sourced, never run. No systemd: every daemon is a child we start and track.

NM_REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
NM_SERVICES_DIR="${NM_SERVICES_DIR:-$NM_REPO_DIR/artifacts/services}"
# Seconds to wait for a service to answer before giving up with its log tail.
NM_SERVICES_TIMEOUT="${NM_SERVICES_TIMEOUT:-30}"

say() { printf '%s\n' "$*"; }
fail() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Outputs are captured before matching: `cmd | grep -q` under pipefail fails when grep exits early
# and cmd dies of SIGPIPE.
package_installed() {
  local status; status=$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) || return 1
  [[ "$status" == *"install ok installed"* ]]
}

package_has_candidate() {
  local policy; policy=$(apt-cache policy "$1" 2>/dev/null) || return 1
  grep -Eq '^\s*Candidate: [^(]' <<<"$policy"
}

# Installs the named Debian packages that are missing. `apt-get update` runs only when a missing
# package has no install candidate yet (fresh machine, empty lists), so at most once per machine.
# Package maintainer scripts must not start daemons (no systemd here, and a packaged etcd or
# memcached would take our ports): a policy-rc.d that denies every start is put in place for the
# install when the machine has none, and removed afterwards.
NM_INSTALLED_NOW=()  # what the last ensure_packages installed

ensure_packages() {
  local missing=() pkg
  for pkg in "$@"; do package_installed "$pkg" || missing+=("$pkg"); done
  [ "${#missing[@]}" -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || fail "missing packages (${missing[*]}); run as root to install them"

  local apt_opts=(-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
  for pkg in "${missing[@]}"; do
    if ! package_has_candidate "$pkg"; then
      say "==> apt-get update (no install candidate for $pkg yet)"
      apt-get "${apt_opts[@]}" update -qq || fail "apt-get update failed"
      break
    fi
  done

  local policy=/usr/sbin/policy-rc.d own_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# temporary: NodeMonitor build/services install, no daemon starts\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    own_policy=1
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT  # also when apt-get is interrupted
  fi
  say "==> apt-get install ${missing[*]}"
  mkdir -p "$NM_SERVICES_DIR"
  local rc=0 log="$NM_SERVICES_DIR/apt-install.log"
  DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y --no-install-recommends \
    "${missing[@]}" >"$log" 2>&1 || rc=$?
  if [ "$own_policy" -eq 1 ]; then rm -f "$policy"; trap - EXIT; fi
  [ "$rc" -eq 0 ] || { show_log_tail "$log"; fail "apt-get install ${missing[*]} failed (exit $rc)"; }
  NM_INSTALLED_NOW=("${missing[@]}")
}

installed_now() { [[ " ${NM_INSTALLED_NOW[*]} " == *" $1 "* ]]; }

# On a machine that does run systemd, keep a packaged daemon we just installed from holding our
# ports now and after a reboot. A no-op where systemd is not PID 1.
disable_packaged_unit() {
  [ -d /run/systemd/system ] || return 0
  command -v systemctl >/dev/null || return 0
  systemctl disable --now "$1" >/dev/null 2>&1 || true
}

port_open() {  # port_open PORT: something accepts TCP on 127.0.0.1:PORT
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# pid_alive PIDFILE MARKER: the pid file names a live process whose command line contains MARKER
# (guards against a stale pid file whose number now belongs to someone else).
pid_alive() {
  local pidfile=$1 marker=$2 pid
  [ -s "$pidfile" ] || return 1
  pid=$(cat "$pidfile")
  local cmdline; cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
  [[ "$cmdline" == *"$marker"* ]]
}

# spawn PIDFILE LOGFILE COMMAND...: run COMMAND detached (own session, no stdin, output to
# LOGFILE) and record its pid.
spawn() {
  local pidfile=$1 logfile=$2; shift 2
  setsid "$@" </dev/null >>"$logfile" 2>&1 &
  echo $! >"$pidfile"
}

# stop_pid NAME PIDFILE MARKER: TERM, up to 10 s grace, then KILL. Fine when nothing runs.
stop_pid() {
  local name=$1 pidfile=$2 marker=$3 pid i
  if ! pid_alive "$pidfile" "$marker"; then
    rm -f "$pidfile"
    return 0
  fi
  pid=$(cat "$pidfile")
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "$name (pid $pid) ignored TERM for 10 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  say "stopped $name (pid $pid)"
}

# wait_until DESCRIPTION COMMAND...: poll COMMAND every 0.2 s for NM_SERVICES_TIMEOUT seconds.
wait_until() {
  local what=$1; shift
  local deadline=$((SECONDS + NM_SERVICES_TIMEOUT))
  until "$@"; do
    [ "$SECONDS" -ge "$deadline" ] && { printf 'error: %s did not happen within %s s\n' "$what" "$NM_SERVICES_TIMEOUT" >&2; return 1; }
    sleep 0.2
  done
}

show_log_tail() {  # show_log_tail LOGFILE...
  local f
  for f in "$@"; do
    [ -f "$f" ] || continue
    printf -- '--- last lines of %s ---\n' "$f" >&2
    tail -n 25 "$f" >&2
  done
}

now_ms() { date +%s%3N; }
elapsed_s() { awk -v a="$1" -v b="$(now_ms)" 'BEGIN { printf "%.1f", (b - a) / 1000 }'; }
