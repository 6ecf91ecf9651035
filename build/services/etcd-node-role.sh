#!/usr/bin/env bash
# Least-privilege etcd users for NodeMonitor, for an operator. See --help and build/services/README.md.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: build/services/etcd-node-role.sh [options] enable-auth
       build/services/etcd-node-role.sh [options] node NODE
       build/services/etcd-node-role.sh [options] viewer [USER]

Creates etcd users and roles for NodeMonitor with etcdctl (v3 API). Every command is idempotent: run it
again and the user, role and permissions end up the same.

Commands
  enable-auth   Creates the user root with the role root (when missing) and enables authentication.
                root's password: NM_ETCD_ROOT_PASSWORD, else --password-stdin, else generated and printed.
                When auth is already on, only checks that NM_ETCD_ROOT_PASSWORD is root's password.
  node NODE     User and role "nodemonitor-node-NODE" that may read and write exactly the keys
                <prefix>failures/NODE and <prefix>nodes/NODE, and nothing else (other permissions the role
                holds are revoked). Put the user and its password in that node's nodemonitor.json
                (etcd.username, etcd.password) or NODEMONITOR_ETCD_USERNAME / NODEMONITOR_ETCD_PASSWORD.
  viewer [USER] Role "nodemonitor-viewer" that may only read keys under <prefix>failures/ (what
                `nodemonitor failures` reads), granted to USER (default nodemonitor-viewer), who is
                created when missing.

The new user's password (node, viewer)
  NM_ETCD_USER_PASSWORD  use this password
  --password-stdin       read it from the first line of standard input
  otherwise              a new random password is generated and printed on standard output as
                         NODEMONITOR_ETCD_PASSWORD=..., or written to --password-file FILE (mode 600)
  An existing user keeps its password unless one of the above is given or --rotate asks for a new one.
  Passwords given to the script are never printed.

Connection (options, or the environment variable in brackets)
  --endpoints URLS    etcd client URLs, comma-separated [NM_ETCD_ENDPOINTS] (http://127.0.0.1:2379)
  --cacert FILE       CA that signed the server certificate [NM_ETCD_CACERT]
  --cert FILE         client certificate [NM_ETCD_CERT]
  --key FILE          key of the client certificate [NM_ETCD_KEY]
  --user NAME         administrator for node/viewer [NM_ETCD_ADMIN_USER] (root); its password comes
                      from NM_ETCD_ROOT_PASSWORD (not needed while auth is still off)
  --prefix PREFIX     NodeMonitor's key prefix [NM_ETCD_PREFIX] (/nodemonitor/)

Examples
  export NM_ETCD_ENDPOINTS=https://etcd1:2379 NM_ETCD_CACERT=/etc/etcd/ca.pem
  read -rs NM_ETCD_ROOT_PASSWORD; export NM_ETCD_ROOT_PASSWORD
  build/services/etcd-node-role.sh enable-auth
  build/services/etcd-node-role.sh node web-01 --password-file /root/web-01.etcd-password
  build/services/etcd-node-role.sh viewer chatbot

Exit status: 0 done, 1 etcd refused or failed (its message is shown), 2 usage error.
EOF
}

die_usage() { printf 'error: %s (see --help)\n' "$*" >&2; exit 2; }
fail() { printf 'error: %s\n' "$*" >&2; exit 1; }
say() { printf '%s\n' "$*" >&2; }  # progress goes to stderr; stdout carries only a generated password

ENDPOINTS="${NM_ETCD_ENDPOINTS:-http://127.0.0.1:2379}"
CACERT="${NM_ETCD_CACERT:-}"
CERT="${NM_ETCD_CERT:-}"
KEY="${NM_ETCD_KEY:-}"
ADMIN_USER="${NM_ETCD_ADMIN_USER:-root}"
PREFIX="${NM_ETCD_PREFIX:-/nodemonitor/}"
PASSWORD_STDIN=0
PASSWORD_FILE=""
ROTATE=0
ARGS=()

while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --endpoints) ENDPOINTS="${2:?--endpoints needs a value}"; shift 2 ;;
    --cacert) CACERT="${2:?--cacert needs a file}"; shift 2 ;;
    --cert) CERT="${2:?--cert needs a file}"; shift 2 ;;
    --key) KEY="${2:?--key needs a file}"; shift 2 ;;
    --user) ADMIN_USER="${2:?--user needs a name}"; shift 2 ;;
    --prefix) PREFIX="${2:?--prefix needs a value}"; shift 2 ;;
    --password-stdin) PASSWORD_STDIN=1; shift ;;
    --password-file) PASSWORD_FILE="${2:?--password-file needs a file}"; shift 2 ;;
    --rotate) ROTATE=1; shift ;;
    --*) die_usage "unknown option $1" ;;
    *) ARGS+=("$1"); shift ;;
  esac
done

[ "${#ARGS[@]}" -ge 1 ] || { usage >&2; exit 2; }
[[ "$PREFIX" == /* ]] || die_usage "--prefix must start with '/'"
[[ "$PREFIX" == */ ]] || PREFIX="$PREFIX/"
[ -z "$CERT" ] || [ -n "$KEY" ] || die_usage "--cert needs --key"
for f in "$CACERT" "$CERT" "$KEY"; do
  [ -z "$f" ] || [ -r "$f" ] || fail "cannot read $f"
done
command -v etcdctl >/dev/null || fail "etcdctl is not installed (Debian: apt-get install etcd-client)"

CTL=(etcdctl --endpoints="$ENDPOINTS" --dial-timeout=5s --command-timeout=10s)
[ -z "$CACERT" ] || CTL+=(--cacert "$CACERT")
[ -z "$CERT" ] || CTL+=(--cert "$CERT" --key "$KEY")
export ETCDCTL_API=3

# Credentials travel in ETCDCTL_USER (environment, not argv: argv is visible to every user in ps).
CTL_OUT=""
ctl_as() {  # ctl_as USER:PASSWORD|"" ARGS...: runs etcdctl, output in CTL_OUT, etcdctl's status returned
  local creds=$1; shift
  local rc=0
  if [ -n "$creds" ]; then CTL_OUT=$(ETCDCTL_USER="$creds" "${CTL[@]}" "$@" 2>&1) || rc=$?
  else CTL_OUT=$(env -u ETCDCTL_USER "${CTL[@]}" "$@" 2>&1) || rc=$?
  fi
  return "$rc"
}
# etcdctl prints a JSON retry warning before the error line; show only the error.
ctl_error() { grep -v '^{"level"' <<<"$CTL_OUT" | sed 's/^Error: //' | head -n 3; }

ADMIN_CREDS=""
[ -z "${NM_ETCD_ROOT_PASSWORD:-}" ] || ADMIN_CREDS="$ADMIN_USER:$NM_ETCD_ROOT_PASSWORD"
admin() { ctl_as "$ADMIN_CREDS" "$@" || fail "etcdctl $1 $2: $(ctl_error)"; }
admin_ok() { ctl_as "$ADMIN_CREDS" "$@"; }

GIVEN_PASSWORD=""  # a password handed to the script (never printed)
read_given_password() {
  if [ -n "${NM_ETCD_USER_PASSWORD:-}" ]; then GIVEN_PASSWORD=$NM_ETCD_USER_PASSWORD
  elif [ "$PASSWORD_STDIN" = 1 ]; then
    IFS= read -r GIVEN_PASSWORD || true
    [ -n "$GIVEN_PASSWORD" ] || fail "--password-stdin: standard input had no password"
  fi
}

new_password() { head -c 24 /dev/urandom | base64 | tr -d '\n=' | tr '/+' '_-'; }

# Hands a generated password to the operator: the file when asked, else stdout (never stderr or a log).
hand_over() {
  local user=$1 password=$2
  if [ -n "$PASSWORD_FILE" ]; then
    (umask 077 && printf '%s\n' "$password" >"$PASSWORD_FILE") || fail "cannot write $PASSWORD_FILE"
    say "password of $user written to $PASSWORD_FILE"
  else
    printf 'NODEMONITOR_ETCD_USERNAME=%s\nNODEMONITOR_ETCD_PASSWORD=%s\n' "$user" "$password"
  fi
}

# ensure_user NAME: creates the user, or sets its password when one was given or --rotate asked for one.
ensure_user() {
  local user=$1 password="" generated=0
  read_given_password
  password=$GIVEN_PASSWORD
  if admin_ok user get "$user"; then
    if [ -z "$password" ] && [ "$ROTATE" = 0 ]; then
      say "user $user exists; password unchanged (--rotate or NM_ETCD_USER_PASSWORD sets a new one)"
      return 0
    fi
    [ -n "$password" ] || { password=$(new_password); generated=1; }
    printf '%s\n' "$password" | admin user passwd "$user" --interactive=false
    say "user $user: password changed"
  else
    [ -n "$password" ] || { password=$(new_password); generated=1; }
    printf '%s\n' "$password" | admin user add "$user" --interactive=false
    say "user $user created"
  fi
  [ "$generated" = 0 ] || hand_over "$user" "$password"
}

ensure_role() {
  admin_ok role get "$1" && return 0
  admin role add "$1"
  say "role $1 created"
}

# set_permissions ROLE "TYPE KEY [RANGE_END]"...: grants the listed permissions and revokes every other one,
# so the role holds exactly these however it looked before (e.g. after a prefix change).
set_permissions() {
  local role=$1; shift
  local want line type key end
  for want in "$@"; do
    read -r type key end <<<"$want"
    if [ -n "${end:-}" ]; then admin role grant-permission "$role" "$type" "$key" "$end"
    else admin role grant-permission "$role" "$type" "$key"
    fi
  done
  admin role get "$role" -w json
  local wanted; wanted=$(printf '%s\n' "$@" | awk '{ print $2 "\t" ($3 == "" ? "" : $3) }')
  while IFS=$'\t' read -r key end; do
    [ -n "$key" ] || continue
    grep -Fxq -- "$key"$'\t'"$end" <<<"$wanted" && continue
    if [ -n "$end" ]; then admin role revoke-permission "$role" "$key" "$end"
    else admin role revoke-permission "$role" "$key"
    fi
    say "role $role: revoked extra permission on $key${end:+ .. $end}"
  done < <(python3 -c '
import base64, json, sys
for p in json.load(sys.stdin).get("perm") or []:
    d = lambda v: base64.b64decode(v).decode() if v else ""
    print(d(p.get("key")) + "\t" + d(p.get("range_end")))
' <<<"$CTL_OUT")
}

# The range end of a prefix: its last byte plus one (what etcdctl --prefix sends).
range_end() {
  python3 -c 'import sys; p = sys.argv[1].encode(); print((p[:-1] + bytes([p[-1] + 1])).decode())' "$1"
}

cmd_enable_auth() {
  [ "${#ARGS[@]}" -eq 1 ] || die_usage "enable-auth takes no arguments"
  local pw="${NM_ETCD_ROOT_PASSWORD:-}" generated=0
  if [ -n "$pw" ] && ctl_as "root:$pw" user get root; then
    # Authenticated as root: auth is on already (etcd refuses credentials while it is off).
    ctl_as "root:$pw" auth enable >/dev/null || fail "etcdctl auth enable: $(ctl_error)"
    say "authentication already enabled; root's password checked"
    return 0
  fi
  if ! ctl_as "" user list; then
    fail "cannot manage users anonymously, so authentication looks enabled already, and NM_ETCD_ROOT_PASSWORD is not root's password: $(ctl_error)"
  fi
  if [ -z "$pw" ] && [ "$PASSWORD_STDIN" = 1 ]; then
    IFS= read -r pw || true
    [ -n "$pw" ] || fail "--password-stdin: standard input had no password"
  fi
  [ -n "$pw" ] || { pw=$(new_password); generated=1; }
  if ctl_as "" user get root; then
    printf '%s\n' "$pw" | { ctl_as "" user passwd root --interactive=false || fail "etcdctl user passwd root: $(ctl_error)"; }
  else
    printf '%s\n' "$pw" | { ctl_as "" user add root --interactive=false || fail "etcdctl user add root: $(ctl_error)"; }
    say "user root created"
  fi
  ctl_as "" role get root || { ctl_as "" role add root || fail "etcdctl role add root: $(ctl_error)"; }
  ctl_as "" user grant-role root root || fail "etcdctl user grant-role root root: $(ctl_error)"
  ctl_as "" auth enable || fail "etcdctl auth enable: $(ctl_error)"
  say "authentication enabled"
  [ "$generated" = 0 ] || hand_over root "$pw"
}

cmd_node() {
  [ "${#ARGS[@]}" -eq 2 ] || die_usage "node takes one node name"
  local node=${ARGS[1]}
  [[ "$node" =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]] || die_usage "node name '$node': use letters, digits, '.', '_' and '-'"
  local role="nodemonitor-node-$node"
  ensure_role "$role"
  set_permissions "$role" "readwrite ${PREFIX}failures/$node" "readwrite ${PREFIX}nodes/$node"
  ensure_user "$role"
  admin user grant-role "$role" "$role"
  say "user $role may read and write ${PREFIX}failures/$node and ${PREFIX}nodes/$node, nothing else"
}

cmd_viewer() {
  [ "${#ARGS[@]}" -le 2 ] || die_usage "viewer takes at most one user name"
  local user=${ARGS[1]:-nodemonitor-viewer} role=nodemonitor-viewer
  local from="${PREFIX}failures/"
  ensure_role "$role"
  set_permissions "$role" "read $from $(range_end "$from")"
  ensure_user "$user"
  admin user grant-role "$user" "$role"
  say "user $user may read keys under $from, nothing else"
}

case "${ARGS[0]}" in
  enable-auth) cmd_enable_auth ;;
  node) cmd_node ;;
  viewer) cmd_viewer ;;
  *) die_usage "unknown command ${ARGS[0]}" ;;
esac
