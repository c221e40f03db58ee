#!/usr/bin/env bash
# Scores the shipped example and the hand-worked example with the engine,
# then recomputes every figure with tools/check_report.py, an independent
# implementation of docs/SCORING.md and of the statistics of DOMAIN.md
# section 4, and compares.
set -eu
semm=$1
python=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# The checker's own t and F distribution functions, against published
# table values and closed forms, before they are trusted below.
"$python" tools/check_report.py --self-test

run() {
  local name=$1 model=$2 q=$3; shift 3
  mkdir -p "$out/$name"
  "$semm" score --quiet -m "$model" -q "$q" -o "$out/$name" "$@"
  "$python" tools/check_report.py --model "$model" --questionnaire "$q" \
    --report "$out/$name/report.json" \
    --respondents "$out/$name/respondents.csv" "$@"
}

run example models/iso23592.json \
  questionnaires/iso23592-self-assessment.json \
  questionnaires/examples/iso23592-example.csv
run handworked tests/data/handworked/model.json \
  tests/data/handworked/questionnaire.json \
  tests/data/handworked/responses.csv
