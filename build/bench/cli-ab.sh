#!/usr/bin/env bash
# Two nodemonitor builds alternated run by run on the same plugin roots, so both see the same minutes of a shared
# machine: medians of CPU seconds (user + system of the command and the workers it waited for), wall and peak RSS.
#
#   build/bench/cli-ab.sh A B [PAIRS]     A, B: nodemonitor executables (e.g. the ReadyToRun CLI of build/bench/r2r-cli.sh
#                                         and the native one of artifacts/bin); PAIRS: timed pairs after one warm-up (default 7)
#
# Per root of AB_ROOTS (default artifacts/bench/roots, as build/bench/run.sh lays them out) named in AB_SETS (default
# "empty 1x100 10x100 linux-health"): `nodemonitor run --root ROOT --state STATE`, each build with a state folder of
# its own kept across its runs, like a node running from cron; then `status` on that state. Also `--version`.
# The order within a pair alternates (A B, B A, ...). A failed check of linux-health (exit 1) is a result.
# Holds BENCH_LOCK (default /tmp/nodemonitor-build.lock; empty: none) while measuring; prints the load average.
# Results: stdout and AB_OUT (default artifacts/bench/ab/results.txt), with every sample.
set -euo pipefail
script="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$script")/../.."
a=${1:?usage: build/bench/cli-ab.sh A B [PAIRS]} b=${2:?usage: build/bench/cli-ab.sh A B [PAIRS]} pairs=${3:-7}
roots=${AB_ROOTS:-artifacts/bench/roots}
sets=${AB_SETS:-empty 1x100 10x100 linux-health}
out=${AB_OUT:-artifacts/bench/ab/results.txt}
lock=${BENCH_LOCK-/tmp/nodemonitor-build.lock}
[[ "$pairs" =~ ^[1-9][0-9]*$ ]] || { echo "PAIRS must be a positive integer, got '$pairs'" >&2; exit 2; }
for cli in "$a" "$b"; do [[ -x $cli ]] || { echo "$cli is not an executable" >&2; exit 2; }; done
a=$(realpath "$a") b=$(realpath "$b")
mkdir -p "$(dirname "$out")"
out=$(realpath "$out")
state=$(dirname "$out")/state

if [[ ${4:-} != __measure ]]; then
  [[ -x /usr/bin/time ]] || { echo "/usr/bin/time is missing (Debian package time)" >&2; exit 2; }
  for set in $sets; do [[ -d $roots/$set ]] || { echo "$roots/$set is missing (build/bench/run.sh lays out the roots)" >&2; exit 2; }; done
  export AB_ROOTS=$(realpath "$roots") AB_SETS=$sets AB_OUT=$out
  if [[ -n $lock ]]; then exec flock -o "$lock" "$script" "$a" "$b" "$pairs" __measure; fi
  exec "$script" "$a" "$b" "$pairs" __measure
fi

declare -A cpu wall rss
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# sample KEY -- command...: one timed run, appended to KEY's samples.
sample() {
  local key=$1 rc=0 w m u s; shift 2
  /usr/bin/time -f '%e %M %U %S' -o "$state/time" "$@" >"$state/last.log" 2>&1 || rc=$?
  if (( rc > 1 )) || [[ $rc == 1 && $key != *linux-health* && $key != status* ]]; then
    echo "   $key: exit $rc: $(tail -n 2 "$state/last.log" | tr '\n' ' ')" >&2
  fi
  read -r w m u s < <(tail -n 1 "$state/time")
  wall[$key]+="$w " rss[$key]+="$m " cpu[$key]+="$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.3f", u + s }') "
}
# one_of WHICH KEYSUFFIX -- args...: the command with build A or B.
one_of() { local which=$1 suffix=$2 exe; shift 3; [[ $which == A ]] && exe=$a || exe=$b; sample "$suffix/$which" -- "$exe" "$@"; }
pair() { # i KEYSUFFIX STATE -- args... (@STATE@ in args: the state folder STATE of each build)
  local i=$1 suffix=$2 name=$3 first=A second=B; shift 4
  (( i % 2 )) && { first=B; second=A; }
  for which in $first $second; do
    local -a args=("${@//@STATE@/$state/$name-$which}")
    one_of "$which" "$suffix" -- "${args[@]}"
  done
}

rm -rf "$state"; mkdir -p "$state"
for set in $sets; do mkdir -p "$state/$set-A" "$state/$set-B"; done
for ((i = 0; i <= pairs; i++)); do
  pair "$i" version none -- --version
  for set in $sets; do # run and status of one set share each build's state folder
    pair "$i" "run-$set" "$set" -- run --root "$AB_ROOTS/$set" --state @STATE@
    pair "$i" "status-$set" "$set" -- status --state @STATE@
  done
  if (( i == 0 )); then unset cpu wall rss; declare -A cpu wall rss; fi # the warm-up pair does not count
done

median() { printf '%s\n' $1 | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
{
  printf 'nodemonitor A/B, %s, %s pairs after 1 warm-up pair, alternating; medians\n' "$(date -u '+%Y-%m-%d %H:%M:%S UTC')" "$pairs"
  printf 'A: %s\nB: %s\nload average before %s, after %s; %s cores\n' "$a" "$b" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)"
  printf '%-22s %9s %9s %7s %9s %9s %9s %9s\n' command 'CPU s A' 'CPU s B' 'A/B' 'wall s A' 'wall s B' 'RSS MB A' 'RSS MB B'
  for key in version $(for set in $sets; do echo "run-$set status-$set"; done); do
    ca=$(median "${cpu[$key/A]}") cb=$(median "${cpu[$key/B]}")
    printf '%-22s %9.3f %9.3f %7s %9.2f %9.2f %9.1f %9.1f\n' "$key" "$ca" "$cb" \
      "$(awk -v x="$ca" -v y="$cb" 'BEGIN { if (y > 0) printf "%.2fx", x / y; else print "inf" }')" \
      "$(median "${wall[$key/A]}")" "$(median "${wall[$key/B]}")" \
      "$(awk -v k="$(median "${rss[$key/A]}")" 'BEGIN { printf "%.1f", k / 1024 }')" \
      "$(awk -v k="$(median "${rss[$key/B]}")" 'BEGIN { printf "%.1f", k / 1024 }')"
  done
  echo "samples (CPU s | wall s | peak RSS KB):"
  for key in $(printf '%s\n' "${!cpu[@]}" | sort); do printf '  %-22s %s| %s| %s\n' "$key" "${cpu[$key]}" "${wall[$key]}" "${rss[$key]}"; done
} | tee "$out"
