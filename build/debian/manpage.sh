#!/usr/bin/env bash
# Prints the man page nodemonitor(1), made by help2man from `nodemonitor --help` (verbatim) with one subsection
# per verb from `nodemonitor <verb> --help`, so the page says what the installed binary does.
# Usage: build/debian/manpage.sh PATH-TO-NODEMONITOR VERSION
set -euo pipefail
cli=$1 version=$2
include=$(mktemp)
trap 'rm -f "$include"' EXIT

# roff-safe verbatim text: backslashes doubled, lines starting with . or ' protected.
roff_verbatim() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }

verbs=$("$cli" --help | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }')
[ -n "$verbs" ] || { echo "manpage.sh: no verbs found in '$cli --help'" >&2; exit 1; }
{
  printf '[=DESCRIPTION]\n.nf\n'
  "$cli" --help | roff_verbatim
  printf '.fi\n[=OPTIONS]\n.TP\n.B \\-h, \\-\\-help\nhelp and usage of nodemonitor or of one verb (nodemonitor run \\-\\-help)\n'
  printf '.TP\n.B \\-\\-version\nthe version\n'
  echo "[COMMANDS]"
  for verb in $verbs; do
    printf '.SS "nodemonitor %s"\n.nf\n' "$verb"
    "$cli" "$verb" --help | roff_verbatim
    printf '.fi\n'
  done
  cat <<'FILES'
[FILES]
.TP
.I /etc/nodemonitor/nodemonitor.json
configuration (JSON with comments; every key optional)
.TP
.I /var/lib/nodemonitor/
plugin root: one folder per plugin (linux-health is installed with the package)
.TP
.I /var/lib/nodemonitor-state/
local result store, spool and run lock (kept by apt remove, deleted by apt purge)
.TP
.I nodemonitor.timer
runs nodemonitor.service (nodemonitor run) every minute; enabled on install
.TP
.I nodemonitor-serve.service
the local web view on 127.0.0.1:9465; enable with systemctl enable --now nodemonitor-serve
.TP
.I nodemonitor-notify.service
nodemonitor notify (failures to webhooks, Slack, hubot); enable on one or two machines with systemctl enable --now nodemonitor-notify
FILES
} >"$include"

help2man --no-info --no-discard-stderr --section 1 --version-string "$version" \
  --name "monitoring as unit tests: run this node's NUnit plugins and report failures" \
  --include "$include" "$cli"
