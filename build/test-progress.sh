#!/usr/bin/env bash
# Filter for `dotnet test --logger "console;verbosity=normal"` (build/test.sh): shows what is being tested while it
# runs instead of a silent project. Passing and skipped results are counted, not printed; a failing test is printed
# at once with its message and stack trace; every 10 s, even while one long test runs, a line says how far the
# project is and which test finished last (on a terminal also a status line rewritten after each test). Everything
# else (the test SDK's summary, build errors, crashes) passes through. At the end one line of counts, in the form of
# the test SDK's minimal summary, is printed and appended to SUMMARY_FILE:
#   Passed!  - Failed: 0, Passed: 17, Skipped: 0, Total: 17 - LABEL
# Usage: dotnet test ... | build/test-progress.sh LABEL [SUMMARY_FILE]
set -uo pipefail
label=${1:-tests}
summary=${2:-/dev/null}
live=0
[ -t 1 ] && live=1
passed=0 failed=0 skipped=0 loud=1 shown=0 name="" pending=""
start=$SECONDS last=$SECONDS
result='^  (Passed|Failed|Skipped) (.*) \[[^]]*\]$'
passthrough='(Passed|Failed)! +-|^Test Run|^Total tests|^ +(Passed|Failed|Skipped|Total):|^Test run for|[Ee]rror|[Cc]rash|[Aa]bort'

counts() { printf '%d passed, %d failed, %d skipped' "$passed" "$failed" "$skipped"; }
clear_status() { [ "$shown" -eq 1 ] && printf '\r%100s\r' '' && shown=0; return 0; }
say() { clear_status; printf '%s\n' "$1"; }

while :; do
  if IFS= read -r -t 10 chunk; then
    line=${pending}${chunk%$'\r'}
    pending=""
    if [[ $line =~ $result ]]; then
      name=${BASH_REMATCH[2]}
      case ${BASH_REMATCH[1]} in
        Passed) passed=$((passed + 1)); loud=0 ;;
        Skipped) skipped=$((skipped + 1)); loud=0 ;;
        Failed) failed=$((failed + 1)); loud=1; say "$line" ;;
      esac
      if [ "$live" -eq 1 ]; then
        status="    [$label] $(counts); $name"
        printf '\r%-99.99s' "$status"
        shown=1
      fi
    else
      [[ $line =~ $passthrough ]] && loud=1
      [ "$loud" -eq 1 ] && [ -n "${line//[[:space:]]/}" ] && say "$line"
    fi
  else
    rc=$?
    [ "$rc" -gt 128 ] || break # end of input; above 128: nothing for 10 s
    pending+=$chunk
  fi
  if [ $((SECONDS - last)) -ge 10 ]; then
    last=$SECONDS
    say "    ... $label: $((SECONDS - start)) s, $(counts)${name:+; last finished: $name}"
  fi
done
clear_status
line=$(printf '%s!  - Failed: %d, Passed: %d, Skipped: %d, Total: %d - %s' "$([ "$failed" -gt 0 ] && echo Failed || echo Passed)" \
  "$failed" "$passed" "$skipped" $((passed + failed + skipped)) "$label")
printf '%s\n' "$line"
printf '%s\n' "$line" >>"$summary"
