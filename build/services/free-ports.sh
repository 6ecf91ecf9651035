#!/usr/bin/env bash
# Prints N free TCP ports on 127.0.0.1, one per line, chosen by the kernel (bound to port 0 together, so they differ,
# then released). For scripts that start etcd and Swift next to other test suites: pass them as NM_ETCD_PORT etc.
# A port can be taken between this and the server's bind; etcd.sh and swift.sh then fail naming the taken port.
# Usage: build/services/free-ports.sh N
set -euo pipefail
[[ "${1:-}" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 N" >&2; exit 2; }
exec python3 - "$1" <<'PY'
import socket, sys
sockets = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    sockets.append(s)
print("\n".join(str(s.getsockname()[1]) for s in sockets))
for s in sockets:
    s.close()
PY
