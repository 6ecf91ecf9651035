#!/usr/bin/env bash
# Starts etcd and Swift (installing what is missing), writes and reads one etcd key and one Swift
# object, checks that the servers counted those requests, and prints how long each start took.
# Leaves both running for the tests and the developer; `--stop` stops them at the end.
# Usage: build/services/smoke.sh [--stop]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/lib.sh"

stop_after=0
case "${1:-}" in
  "") ;;
  --stop) stop_after=1 ;;
  *) echo "usage: $0 [--stop]" >&2; exit 2 ;;
esac

check() {  # check DESCRIPTION EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then say "ok   $1"
  else say "FAIL $1: expected '$2', got '$3'" >&2; exit 1
  fi
}

# Runs a start script, passes its output through and reads its KEY=value lines into the environment.
start_service() {  # start_service SCRIPT
  local out
  out=$("$here/$1" start) || { printf '%s\n' "$out"; exit 1; }
  printf '%s\n' "$out"
  eval "$(grep -E '^(ETCD_ENDPOINTS|SWIFT_AUTH_URL|SWIFT_USER|SWIFT_KEY)=[^ ]*$' <<<"$out" | sed 's/^/export /')"
}

t=$(now_ms); start_service etcd.sh; etcd_seconds=$(elapsed_s "$t")
t=$(now_ms); start_service swift.sh; swift_seconds=$(elapsed_s "$t")

# ---- etcd: one put, one get, and etcd's own counter of puts moves by one
export ETCDCTL_API=3
metric() { curl -s --max-time 5 "$ETCD_ENDPOINTS/metrics" | awk -v m="$1" '$1 == m { print $2 }'; }
key="/nodemonitor-smoke/$$-$RANDOM"
value="smoke $(date -Is)"
puts_before=$(metric etcd_mvcc_put_total)
etcdctl --endpoints="$ETCD_ENDPOINTS" put "$key" "$value" >/dev/null
check "etcd get returns the value put" "$value" "$(etcdctl --endpoints="$ETCD_ENDPOINTS" get --print-value-only "$key")"
check "etcd_mvcc_put_total grew by one" "$((puts_before + 1))" "$(metric etcd_mvcc_put_total)"
etcdctl --endpoints="$ETCD_ENDPOINTS" del "$key" >/dev/null

# ---- Swift: auth, container, object up and down, and one access-log line for the upload
headers=$(curl -s -D - -o /dev/null --max-time 10 -H "X-Auth-User: $SWIFT_USER" -H "X-Auth-Key: $SWIFT_KEY" "$SWIFT_AUTH_URL")
token=$(awk 'tolower($1) == "x-auth-token:" { print $2 }' <<<"$headers" | tr -d '\r')
storage=$(awk 'tolower($1) == "x-storage-url:" { print $2 }' <<<"$headers" | tr -d '\r')
[ -n "$token" ] && [ -n "$storage" ] || { say "FAIL no token from $SWIFT_AUTH_URL" >&2; exit 1; }
object="smoke-$$-$RANDOM.txt"
body="smoke object $(date -Is) $RANDOM"
check "PUT container answers 201 or 202" yes \
  "$(code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "X-Auth-Token: $token" "$storage/nodemonitor-smoke"); [[ $code == 20[12] ]] && echo yes || echo "$code")"
check "PUT object answers 201" 201 \
  "$(printf '%s' "$body" | curl -s -o /dev/null -w '%{http_code}' -X PUT -H "X-Auth-Token: $token" --data-binary @- "$storage/nodemonitor-smoke/$object")"
check "GET object returns the bytes put" "$body" "$(curl -s -H "X-Auth-Token: $token" "$storage/nodemonitor-smoke/$object")"
check "swift CLI lists the object" "$object" \
  "$(swift -A "$SWIFT_AUTH_URL" -U "$SWIFT_USER" -K "$SWIFT_KEY" list nodemonitor-smoke --prefix "$object")"
access_log="$NM_SERVICES_DIR/swift/log/proxy.log"
uploads() { grep -c " PUT /v1/AUTH_test/nodemonitor-smoke/$object HTTP/" "$access_log" || true; }
# The proxy writes its access line just after answering; give it a moment.
wait_until "the upload in $access_log" test "$(uploads)" -ge 1 || true
check "proxy access log has one line for the upload" 1 "$(uploads)"
curl -s -o /dev/null -X DELETE -H "X-Auth-Token: $token" "$storage/nodemonitor-smoke/$object"

say "etcd start: $etcd_seconds s"
say "swift start: $swift_seconds s"
if [ "$stop_after" -eq 1 ]; then
  "$here/swift.sh" stop
  "$here/etcd.sh" stop
fi
say "smoke: ok"
