#!/usr/bin/env bash
# Reports in a language (issue 14): `semm score --lang de` scores every
# shipped example, whose models and questionnaires are in English and
# German; a language the questionnaire lacks, or one its model lacks,
# stops the run before anything is written, with one line saying why.
# Each check prints "ok NAME" or "FAILED NAME: why".
set -u
semm=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
ok() { echo "ok $1"; }
bad() { echo "FAILED $1: $2"; fail=1; }

# name, questionnaire, responses: --lang de scores and writes its reports
check_german() {
  local o=$work/$1
  if ! "$semm" score --quiet --lang de -q "$2" -o "$o" --format all "$3" \
    2> "$work/$1.err"; then
    bad "$1" "exit $?: $(head -n 3 "$work/$1.err")"
  elif [ ! -s "$o/report.json" ] || [ ! -s "$o/report.html" ]; then
    bad "$1" "reports missing: $(ls "$o" | tr '\n' ' ')"
  else
    ok "$1"
  fi
}

# name, expected exit code, expected standard error, arguments...: the
# run fails with exactly that one line and leaves no output folder
check_refused() {
  local name=$1 want_code=$2 want=$3 o=$work/$1.out code
  shift 3
  "$semm" score --quiet -o "$o" "$@" > /dev/null 2> "$work/$name.err"
  code=$?
  if [ "$code" != "$want_code" ]; then
    bad "$name" "exit $code, expected $want_code: $(head -n 3 "$work/$name.err")"
  elif [ "$(cat "$work/$name.err")" != "$want" ]; then
    bad "$name" "said: $(cat "$work/$name.err")"
  elif [ -e "$o" ] && [ -n "$(ls -A "$o")" ]; then
    bad "$name" "wrote: $(ls -A "$o" | tr '\n' ' ')"
  else
    ok "$name"
  fi
}

E=questionnaires/examples
check_german iso23592-de questionnaires/iso23592-self-assessment.json \
  $E/iso23592-example.csv
check_german iso23592-pulse-de questionnaires/iso23592-pulse.json \
  $E/iso23592-pulse-example.csv
check_german iso11367-de questionnaires/iso11367-self-assessment.json \
  $E/iso11367-example.csv

check_refused lang-fr 2 \
  'semm: questionnaire "iso23592-self-assessment" has no language "fr"' \
  --lang fr -q questionnaires/iso23592-self-assessment.json \
  $E/iso23592-example.csv

# a model in English and French, a questionnaire in English and German
C=tests/e2e/cases/validate-questionnaire-language-mismatch
printf 'id,A1\nr1,2\nr2,3\n' > "$work/mini.csv"
check_refused model-without-de 2 \
  'semm: model "mini" has no translation into "de" (its names and descriptors are needed for a report in that language)' \
  --lang de -m $C/model.json -q $C/questionnaire.json "$work/mini.csv"

exit $fail
