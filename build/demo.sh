#!/usr/bin/env bash
# "See it work": builds NodeMonitor and its sample plugins, runs them on the embedded default
# (local state only; no etcd or Swift needed) and shows the stored status.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== build/build.sh (the first run builds everything: 1-3 minutes; each step and project is shown)"
build/build.sh
echo
state=${NODEMONITOR_DEMO_STATE:-artifacts/demo-state}
echo "== nodemonitor list"
artifacts/bin/nodemonitor list --root artifacts/plugins || true
echo
echo "== nodemonitor run (failing-demo fails on purpose)"
set +e
artifacts/bin/nodemonitor run --root artifacts/plugins --state "$state"
rc=$?
set -e
echo "(exit code $rc)"
echo
echo "== nodemonitor status"
artifacts/bin/nodemonitor status --state "$state" || true
