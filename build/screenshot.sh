#!/usr/bin/env bash
# Screenshot of the dashboard for docs: runs the shipped plugins (artifacts/plugins, from build/build.sh)
# into a scratch state directory a few times, serves it and lets headless Chromium take the picture.
# Usage: build/screenshot.sh [OUTPUT.png]   (default artifacts/dashboard.png)
# The port: NODEMONITOR_SCREENSHOT_PORT when set (taken by another server: exit 1 saying so), else a free one.
# The picture is taken only once this script's own `nodemonitor serve` says it is serving, never from another
# server that happens to answer on the port.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/dashboard.png}"
nm=artifacts/bin/nodemonitor
[ -x "$nm" ] || { echo "build first: build/build.sh" >&2; exit 1; }
command -v chromium >/dev/null || { echo "chromium missing: build/install-deps.sh" >&2; exit 1; }
work="$(mktemp -d)"
serve_pid=""
trap '[ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null; rm -rf "$work"' EXIT

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# start_serve PORT: 0 once our serve listens on PORT; 1 when it could not (its message in $work/serve.log).
start_serve() {
  "$nm" serve --state "$work/state" --node demo-node --port "$1" >"$work/serve.log" 2>&1 &
  serve_pid=$!
  for _ in $(seq 100); do
    grep -q '^nodemonitor: serving ' "$work/serve.log" && return 0
    kill -0 "$serve_pid" 2>/dev/null || { wait "$serve_pid" || true; serve_pid=""; return 1; }
    sleep 0.1
  done
  echo "nodemonitor serve did not start within 10 s:" >&2; cat "$work/serve.log" >&2; exit 1
}

for _ in 1 2 3; do "$nm" run --root artifacts/plugins --state "$work/state" --node demo-node >/dev/null || true; done

if [ -n "${NODEMONITOR_SCREENSHOT_PORT:-}" ]; then
  port=$NODEMONITOR_SCREENSHOT_PORT
  if port_open "$port" || ! start_serve "$port"; then
    echo "build/screenshot.sh: port $port is taken by another server; set NODEMONITOR_SCREENSHOT_PORT to a free port" \
         "or unset it to use any free port" >&2
    [ -s "$work/serve.log" ] && sed 's/^/  /' "$work/serve.log" >&2
    exit 1
  fi
else
  # A free port: skip ports something answers on; if one is taken between the check and the bind, try the next.
  port=$((20000 + RANDOM % 40000))
  for _ in $(seq 20); do
    port=$((port + 1))
    port_open "$port" && continue
    start_serve "$port" && break
  done
  [ -n "$serve_pid" ] || { echo "build/screenshot.sh: found no free port to serve on" >&2; cat "$work/serve.log" >&2; exit 1; }
fi

mkdir -p "$(dirname "$out")"
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$work/profile" --hide-scrollbars --window-size=1280,1400 \
  --screenshot="$(realpath -m "$out")" "http://127.0.0.1:$port/?window=1h" 2>/dev/null
echo "wrote $out (served on port $port)"
