#!/usr/bin/env bash
# Every command of the semm tool, with its n-th allocation failing (a
# preloaded allocator, tests/oom/fail_alloc.c), for every n of the first
# 300 and then a spread over the rest of a run's allocations: the command
# either succeeds with the same output as without the failure, or exits
# 6 with a first line that says "out of memory", leaving the output
# folder as it was (a file of the user's and an earlier report, unchanged,
# and nothing else). Never another exit code, a crash or a half-written
# folder.
# Usage: cli.sh SEMM FAIL_ALLOC_LIBRARY (from the repository root).
set -u
semm=$1
shim=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
q=questionnaires/iso23592-self-assessment.json
csv=questionnaires/examples/iso23592-example.csv
json=tests/data/responses-example.json
hq=tests/data/handworked/questionnaire.json
hm=tests/data/handworked/model.json

# references
"$semm" score -q $q --quiet -o "$tmp/before" $csv || exit 1
"$semm" score -q $q --quiet --na-policy zero -o "$tmp/after" $csv || exit 1
"$semm" score -q $q --quiet --partial -o "$tmp/part" $csv || exit 1
# a history store of two assessments (handworked: its groups' ids have
# no blanks, and the commands are split on blanks)
hcsv=tests/data/handworked/responses.csv
"$semm" score -q $hq -m $hm --quiet -o "$tmp/hw1" $hcsv || exit 1
"$semm" score -q $hq -m $hm --quiet --na-policy zero -o "$tmp/hw2" $hcsv || exit 1
"$semm" history add "$tmp/h.db" "$tmp/hw1/report.json" > /dev/null || exit 1
"$semm" history add "$tmp/h.db" "$tmp/hw2/report.json" > /dev/null || exit 1

# name: the commands, with OUT standing for the output folder. Not
# --format xlsx: libxlsxwriter crashes on some of its own failed
# allocations (docs/LIMITS.md); tests/unit/test_oom.c sweeps the
# workbook writer's own.
commands=(
  "score|score -q $q --quiet --format json,csv,html -o OUT $csv"
  "score-json|score -q $hq -m $hm --quiet -o OUT $json"
  "score-ratings|score -q $hq -m $hm --quiet --ratings tests/data/ratings/alpha.json --ratings tests/data/ratings/beta.json -o OUT tests/data/handworked/responses.csv"
  "score-groups|score -q $hq -m $hm --quiet --format json,html --per-group -o OUT tests/data/handworked/responses.csv"
  "validate|validate $q models/iso23592.json"
  "template|template -q $q -o OUT --force"
  "compare|compare $tmp/before/report.json $tmp/after/report.json -o OUT"
  "merge|merge -q $q --quiet -o OUT $tmp/part/partial.semm $tmp/part/partial.semm"
  "mapping-init|mapping init -q $q --preset limesurvey tests/data/exports/limesurvey-codes.csv"
  "validate-mapping|validate -q $q tests/data/exports/other-tool.mapping.json"
  "history-list|history list $tmp/h.db --format json"
  "history-show|history show $tmp/h.db 2"
  "history-trend|history trend $tmp/h.db --group Alpha --format html"
  "history-export|history export $tmp/h.db 1"
  "compare-store|compare $tmp/h.db:1 $tmp/h.db:2 -o OUT"
)

fail=0
prepare() { # a folder with a file of the user's and an earlier report
  rm -rf "$1"
  mkdir -p "$1"
  echo "the user's notes" > "$1/notes.txt"
  echo '{"earlier": true}' > "$1/report.json"
}
unchanged() {
  [ "$(ls -A "$1" | sort | tr '\n' ' ')" = "notes.txt report.json " ] &&
    [ "$(cat "$1/notes.txt")" = "the user's notes" ] &&
    [ "$(cat "$1/report.json")" = '{"earlier": true}' ]
}
for entry in "${commands[@]}"; do
  name=${entry%%|*}
  cmd=${entry#*|}
  ref="$tmp/ref-$name"
  prepare "$ref"
  # shellcheck disable=SC2086
  SEMM_FAIL_ALLOC_COUNT="$tmp/count" LD_PRELOAD="$shim" \
    "$semm" ${cmd//OUT/$ref} > "$tmp/ref-$name.out" 2>&1 ||
    { echo "oom: $name fails without a failure" >&2; fail=1; continue; }
  total=$(cat "$tmp/count" 2> /dev/null || true)
  if ! [ "${total:-0}" -gt 0 ] 2> /dev/null; then
    echo "oom: $name: the allocator was not preloaded (no count)" >&2
    fail=1
    continue
  fi
  step=$(( total > 150 ? (total - 150) / 100 + 1 : 1 ))
  tried=0
  for ((n = 1; n <= total; n += (n < 150 ? 1 : step))); do
    out="$tmp/out-$name"
    prepare "$out"
    # shellcheck disable=SC2086
    SEMM_FAIL_ALLOC=$n LD_PRELOAD="$shim" \
      "$semm" ${cmd//OUT/$out} > "$tmp/stdout" 2> "$tmp/stderr"
    code=$?
    tried=$((tried + 1))
    if [ $code = 6 ]; then
      if ! head -1 "$tmp/stderr" | grep -q "out of memory"; then
        echo "oom: $name, allocation $n: exit 6 but: $(head -1 "$tmp/stderr")" >&2
        fail=1
      elif [[ $cmd == *OUT* ]] && ! unchanged "$out"; then
        echo "oom: $name, allocation $n: the output folder changed: $(ls -A "$out" | tr '\n' ' ')" >&2
        fail=1
      fi
    elif [ $code = 0 ]; then
      if [[ $cmd == *OUT* ]] && ! diff -r -x notes.txt "$ref" "$out" > /dev/null; then
        echo "oom: $name, allocation $n: exit 0 with other output" >&2
        fail=1
      fi
    else
      echo "oom: $name, allocation $n: exit $code: $(head -1 "$tmp/stderr")" >&2
      fail=1
    fi
  done
  echo "oom: $name: $tried of $total allocations made to fail"
done
[ $fail = 0 ] && echo "oom: every failure said out of memory and left the folder as it was"
exit $fail
