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

# run NAME MODEL QUESTIONNAIRE "SEMM OPTIONS" "CHECKER OPTIONS" FILE...
# (the checker reads the N/A policy, coverage and thresholds from the
# report's parameters; the grouping column must be told to it)
run() {
  local name=$1 model=$2 q=$3 semm_opts=$4 check_opts=$5; shift 5
  mkdir -p "$out/$name"
  # shellcheck disable=SC2086
  "$semm" score --quiet -m "$model" -q "$q" -o "$out/$name" $semm_opts "$@"
  # shellcheck disable=SC2086
  "$python" tools/check_report.py --model "$model" --questionnaire "$q" \
    --report "$out/$name/report.json" \
    --respondents "$out/$name/respondents.csv" \
    --aggregation-csv "$out/$name/aggregation.csv" \
    --across-groups-csv "$out/$name/across_groups.csv" $check_opts "$@"
}

iso=(models/iso23592.json questionnaires/iso23592-self-assessment.json)
example=questionnaires/examples/iso23592-example.csv
hw=(tests/data/handworked/model.json tests/data/handworked/questionnaire.json)

run example "${iso[@]}" "" "" "$example"
run example-anchor "${iso[@]}" "--na-policy anchor --na-anchor 50" "" "$example"
run example-zero "${iso[@]}" "--na-policy zero --coverage-min 1" "" "$example"
run example-by-role "${iso[@]}" "--group-by role" "--group-by role" "$example"
run single-group "${iso[@]}" "" "" tests/e2e/cases/iso23592-labels-by-id/responses.csv
run public models/iso11367.json questionnaires/iso11367-self-assessment.json \
  "" "" questionnaires/examples/iso11367-example.csv
run pulse models/iso23592.json questionnaires/iso23592-pulse.json \
  "" "" questionnaires/examples/iso23592-pulse-example.csv
run handworked "${hw[@]}" "" "" tests/data/handworked/responses.csv
# a scope: the checker reads it from the report (docs/SCORING.md, "Scope")
run example-scoped "${iso[@]}" "--scope D1,E5,E6" "" "$example"
run handworked-scoped "${hw[@]}" "--scope E2,D2" "" \
  tests/data/handworked/responses.csv
run handworked-min2 "${hw[@]}" "--reliability-min-n 2" "" \
  tests/data/handworked/responses.csv
# the aggregation statistics under each null, another seed, fewer
# replications and other verdict thresholds (read from the report)
run example-slight "${iso[@]}" "--rwg-null slight-skew --rgr-seed 7" "" \
  "$example"
run example-triangular "${iso[@]}" \
  "--rwg-null triangular --rgr-replications 50 --icc1-min 0.8" "" "$example"
run handworked-moderate "${hw[@]}" \
  "--rwg-null moderate-skew --rgr-alpha 0.5 --rwg-threshold 0.5" "" \
  tests/data/handworked/responses.csv
run handworked-value "${hw[@]}" \
  "--rwg-null 0.75 --rgr-max-draws 60 --rgr-seed 18446744073709551615" "" \
  tests/data/handworked/responses.csv
