#!/usr/bin/env bash
# From a fresh Debian node to the first alert: a clean Debian 12 root with no .NET (build/package-root.sh), a real
# etcd and Swift on loopback (build/services), then, timed from here:
#   apt-get install ./nodemonitor_<version>_amd64.deb -> drop a configuration naming etcd and Swift and a plugin with
#   a failing check -> the run the timer starts (its ExecStart; timers do not fire in a chroot) -> the key
#   <prefix>failures/<node> in etcd, whose link downloads the failure bundle from Swift.
# Prints "install to failure key: N s"; exit 0 when the key and its link check out, 1 otherwise.
# Usage: build/package-e2e.sh [DEB]   (default: artifacts/nodemonitor_<version>_amd64.deb, built when absent)
# Needs root. etcd and Swift listen on free loopback ports chosen for the run (build/services/free-ports.sh). Holds the
# loopback-server lock ($NM_SERVER_LOCK, default /tmp/nm-servers.lock; set it empty when the caller already holds
# that lock) while they run, and stops them afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '==> %s\n' "$*"; }
fail() { printf 'package-e2e.sh: FAILED: %s\n' "$*" >&2; exit 1; }

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)
deb=${1:-artifacts/nodemonitor_${version}_amd64.deb}
[ -f "$deb" ] || build/package.sh
node=package-e2e
prefix=/nodemonitor/
key=${prefix}failures/$node

work=$(mktemp -d /var/tmp/nodemonitor-e2e.XXXXXX)
root=$work/root
export NM_SERVICES_DIR=$work/services
cleanup() {
  build/services/etcd.sh stop >/dev/null 2>&1 || true
  build/services/swift.sh stop >/dev/null 2>&1 || true
  build/package-root.sh destroy "$root" || true
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT
# A command inside the root, with the environment of a fresh login rather than ours.
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

step "publish samples/failing-demo (the plugin with a failing check this node will get)"
dotnet publish samples/failing-demo/NodeMonitor.Samples.FailingDemo.csproj -c Release -nologo -clp:ErrorsOnly \
  -o "$work/failing-demo" >/dev/null

step "clean Debian 12 root (no .NET)"
build/package-root.sh create "$root"
in_root sh -c 'command -v dotnet || ls -d /usr/share/dotnet /usr/lib/dotnet 2>/dev/null' && fail "the root has .NET"

# Free loopback ports of this run for etcd and Swift: no other server or test suite on the machine is met. The lock
# below is kept for the callers that expect it; with free ports it only orders runs.
read -r -d '' NM_ETCD_PORT NM_ETCD_PEER_PORT NM_SWIFT_PORT NM_SWIFT_OBJECT_PORT NM_SWIFT_CONTAINER_PORT NM_SWIFT_ACCOUNT_PORT \
  NM_MEMCACHED_PORT < <(build/services/free-ports.sh 7) || true
export NM_ETCD_PORT NM_ETCD_PEER_PORT NM_SWIFT_PORT NM_SWIFT_OBJECT_PORT NM_SWIFT_CONTAINER_PORT NM_SWIFT_ACCOUNT_PORT NM_MEMCACHED_PORT

server_lock=${NM_SERVER_LOCK-/tmp/nm-servers.lock}
step "etcd and Swift on loopback${server_lock:+ (waiting for $server_lock)}"
if [ -n "$server_lock" ]; then
  exec 9>"$server_lock"
  flock 9
fi
# The servers must not inherit the lock (fd 9): it is released when this script ends.
etcd_env=$(build/services/etcd.sh start 9>&-)
swift_env=$(build/services/swift.sh start 9>&-)
etcd_url=$(sed -n 's/^ETCD_ENDPOINTS=//p' <<<"$etcd_env" | cut -d, -f1)
swift_auth=$(sed -n 's/^SWIFT_AUTH_URL=//p' <<<"$swift_env")
swift_user=$(sed -n 's/^SWIFT_USER=//p' <<<"$swift_env")
swift_key=$(sed -n 's/^SWIFT_KEY=//p' <<<"$swift_env")
etcdget() { ETCDCTL_API=3 etcdctl --endpoints="$etcd_url" get "$key" --print-value-only; }
ETCDCTL_API=3 etcdctl --endpoints="$etcd_url" del "$key" >/dev/null

cp "$deb" "$root/tmp/"
start=$(date +%s.%N)
step "apt-get install ./$(basename "$deb")"
in_root apt-get install -y -q --no-install-recommends "/tmp/$(basename "$deb")" | tail -n 3
[ -L "$root/etc/systemd/system/timers.target.wants/nodemonitor.timer" ] || fail "nodemonitor.timer was not enabled"
installed=$(date +%s.%N)

step "configuration with etcd and Swift; the failing-demo plugin"
cat >"$root/etc/nodemonitor/nodemonitor.json" <<EOF
{
  "node": "$node",
  "etcd": { "endpoints": ["$etcd_url"], "prefix": "$prefix" },
  "swift": { "authUrl": "$swift_auth", "user": "$swift_user", "key": "$swift_key", "tempUrlKey": "package-e2e-key" }
}
EOF
cp -r "$work/failing-demo" "$root/var/lib/nodemonitor/failing-demo"
in_root nodemonitor validate

exec_start=$(sed -n 's/^ExecStart=//p' "$root/lib/systemd/system/nodemonitor.service")
step "the timer's run: $exec_start"
run_status=0
# shellcheck disable=SC2086 # ExecStart is a command line
in_root $exec_start || run_status=$?
[ "$run_status" -eq 1 ] || fail "the run exited $run_status, expected 1 (a check failed; SuccessExitStatus=1 in the unit)"

record=""
for _ in $(seq 1 50); do
  record=$(etcdget) && [ -n "$record" ] && break
  sleep 0.2
done
[ -n "$record" ] || fail "no key $key in etcd"
finish=$(date +%s.%N)

link=$(python3 -c 'import json,sys; r=json.load(sys.stdin); print(r.get("tempUrl") or "")' <<<"$record")
[ -n "$link" ] || fail "the record has no tempUrl: $record"
grep -q 'FailsWithAMessageThatSaysWhatIsWrongAndWhatToDo' <<<"$record" || fail "the failing test is not in the record: $record"
bundle=$(curl -fsS --max-time 10 "$link") || fail "the link does not download: $link"
grep -q 'FailsWithAMessageThatSaysWhatIsWrongAndWhatToDo' <<<"$bundle" || fail "the bundle behind the link lacks the failing test"

step "nodemonitor status in the root"
in_root nodemonitor status || true
printf 'failure key: %s\n' "$key"
printf 'link: %s (HTTP 200, %s bytes)\n' "$link" "${#bundle}"
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
printf 'apt-get install: %s s; configuration, plugin and the run to the key: %s s\n' "$(seconds "$start" "$installed")" "$(seconds "$installed" "$finish")"
printf 'install to failure key: %s s\n' "$(seconds "$start" "$finish")"
