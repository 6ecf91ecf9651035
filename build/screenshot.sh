#!/usr/bin/env bash
# Screenshot of the dashboard for docs: runs the shipped plugins (artifacts/plugins, from build/build.sh)
# into a scratch state directory a few times, serves it and lets headless Chromium take the picture.
# Usage: build/screenshot.sh [OUTPUT.png]   (default artifacts/dashboard.png)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/dashboard.png}"
nm=artifacts/bin/nodemonitor
[ -x "$nm" ] || { echo "build first: build/build.sh" >&2; exit 1; }
command -v chromium >/dev/null || { echo "chromium missing: build/install-deps.sh" >&2; exit 1; }
work="$(mktemp -d)"
port="${NODEMONITOR_SCREENSHOT_PORT:-19465}"
trap 'kill "$serve_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in 1 2 3; do "$nm" run --root artifacts/plugins --state "$work/state" --node demo-node >/dev/null || true; done
"$nm" serve --state "$work/state" --node demo-node --port "$port" >/dev/null &
serve_pid=$!
for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" -w '' 2>/dev/null && break; [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz")" = 503 ] && break; sleep 0.2; done
mkdir -p "$(dirname "$out")"
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$work/profile" --hide-scrollbars --window-size=1280,1400 \
  --screenshot="$(realpath -m "$out")" "http://127.0.0.1:$port/?window=1h" 2>/dev/null
echo "wrote $out"
