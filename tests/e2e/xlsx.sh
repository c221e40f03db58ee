#!/usr/bin/env bash
# report.xlsx (issue 14): the workbook of a run holds the same figures as
# its report.json and the same rows as its CSV files, typed, with frozen
# and filtered headers (tests/e2e/check_xlsx.py says what is checked), for
# the shipped example as it is, with a benchmark and targets, as a
# summary, and for texts a spreadsheet mishandles; `--format xlsx` writes
# the same bytes alone; `all` is every format (of compare too).
# Usage: xlsx.sh SEMM PYTHON (from the repository root). SEMM_E2E_WRAPPER
# runs semm under a wrapper (valgrind), as run_case.sh does.
set -u
semm=$1
py=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
read -r -a wrapper <<< "${SEMM_E2E_WRAPPER:-}"
q=questionnaires/iso23592-self-assessment.json
csv=questionnaires/examples/iso23592-example.csv
H=tests/data/handworked
fail=0
bad() { echo "FAILED $1: $2"; fail=1; }

# Scores into $work/NAME with --format all and checks the workbook.
check() {
  local name=$1
  shift
  "${wrapper[@]}" "$semm" score --quiet --format all -o "$work/$name" "$@" \
    2> "$work/$name.err" || { bad "$name" "semm: $(cat "$work/$name.err")"; return; }
  echo "# $name"
  "$py" tests/e2e/check_xlsx.py "$work/$name" || bad "$name" "see above"
}

check example -q $q $csv
check benchmark -q $q --benchmark --target '*=L4' $csv
check summary -q $q --summary $csv

# Texts a spreadsheet would run as a formula, markup characters, a
# control character, a quoted line break and a name longer than a cell
# holds (32767 characters).
long=$(head -c 40000 /dev/zero | tr '\0' x)
printf '%s\n' 'id,org,A1,A2,B1,B2,B3,C1,C2' \
  'A-1,Smith & <Sons>,4,2,5,4,4,3,4' 'A-2,Smith & <Sons>,3,2,4,4,5,3,4' \
  'B-1,=SUM(A1),2,5,2,DK,1,1,2' "C-1,\"bad$(printf '\001')ctl\",3,4,3,2,3,4,3" \
  "D-1,$long,3,4,3,2,3,4,3" 'E-1,"two' 'lines, ""quoted""",1,2,3,4,5,1,2' \
  > "$work/hostile.csv"
check hostile -m $H/model.json -q $H/questionnaire.json "$work/hostile.csv"

# xlsx alone: only report.xlsx, the same bytes as beside the others
"${wrapper[@]}" "$semm" score --quiet --format xlsx -o "$work/alone" -q $q \
  $csv || bad alone "semm failed"
got=$(ls -A "$work/alone" | tr '\n' ' ')
if [ "$got" != "report.xlsx " ]; then
  bad alone "the folder holds: $got"
elif ! cmp -s "$work/alone/report.xlsx" "$work/example/report.xlsx"; then
  bad alone "report.xlsx differs from the --format all run's"
else
  echo "ok alone: only report.xlsx, the same bytes"
fi

# all = json,csv,html,xlsx
got=$(ls -A "$work/example" | tr '\n' ' ')
want="across_groups.csv aggregation.csv improvements.csv reliability.csv report.html report.json report.xlsx respondents.csv scores.csv "
if [ "$got" = "$want" ]; then
  echo "ok all: every format"
else
  bad all "the folder holds: $got"
fi

# compare: all = its three formats
"${wrapper[@]}" "$semm" compare "$work/example/report.json" \
  "$work/benchmark/report.json" --format all -o "$work/compare" \
  > /dev/null 2> "$work/compare.err" ||
  bad compare-all "semm compare: $(cat "$work/compare.err")"
got=$(ls -A "$work/compare" | tr '\n' ' ')
if [ "$got" = "compare.csv compare.html compare.json " ]; then
  echo "ok compare all: json, csv and html"
else
  bad compare-all "the folder holds: $got"
fi

[ $fail = 0 ] && echo "xlsx: every workbook matches its report.json and CSV files"
exit $fail
