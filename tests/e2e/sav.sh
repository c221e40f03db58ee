#!/usr/bin/env bash
# SPSS and Stata files through the command line (docs/IMPORT.md, "SPSS
# and Stata files"). tests/e2e/exports.sh scores the fixtures of
# tests/data/exports/ against numeric.csv; this script checks the
# fixtures themselves and the failures:
#   - fixtures.current: tools/gen_sav writes the committed fixtures again
#     (compared as readstat dumps them: data and dictionary);
#   - fixtures.second_method: readstat's dump of each fixture says what
#     numeric.csv and the questionnaire say (sav_fixtures.py; nothing of
#     semm reads the files there);
#   - mislabelled, out_of_scale, missing_item: Qualtrics files gen_sav
#     damages on purpose give the messages written out below;
#   - truncated, overwritten: cut or overwritten copies fail with one
#     line, exit 3, no report, never a crash (also under the sanitizers
#     and valgrind, SEMM_E2E_WRAPPER);
#   - no_preset: the Qualtrics file without --preset stops naming its
#     unknown variables;
#   - plain_formats: the hand-worked respondents as .sav, .por and .dta
#     (gen_sav ... plain) score as their CSV does; the .sav is the one
#     committed as tests/data/handworked/responses.sav.
# The first two need Debian's readstat tool (package readstat); without
# it they are skipped, and so is the script when it has nothing else.
#
# Usage (from the repository root): bash tests/e2e/sav.sh SEMM GEN_SAV [PYTHON]
set -u
semm=${1:?usage: sav.sh SEMM GEN_SAV [PYTHON]}
gen=${2:?usage: sav.sh SEMM GEN_SAV [PYTHON]}
python=${3:-python3}
read -r -a wrapper <<< "${SEMM_E2E_WRAPPER:-}"
data=tests/data/exports
Q=questionnaires/iso23592-self-assessment.json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
ok() { echo "ok $1"; }
bad() { echo "FAILED $1: $2"; failed=1; }

# score NAME FILE OPTION...: exit code in $rc, output in $work/NAME.*
# (a fresh folder each time)
score() {
  local name=$1 file=$2; shift 2
  rm -rf "$work/$name.out"
  "${wrapper[@]}" "$semm" score -q "$Q" -o "$work/$name.out" "$@" \
    "$file" > "$work/$name.stdout" 2> "$work/$name.stderr"
  rc=$?
}

# A fixture as readstat shows it: its data, then its dictionary.
dump() {
  local copy=$work/dump-input.${1##*.}
  # extract_metadata goes by the name and knows .sav, not .zsav
  [ "${1##*.}" = zsav ] && copy=$work/dump-input.sav
  cp "$1" "$copy"
  readstat "$1" - 2> /dev/null
  extract_metadata "$copy" "$work/dump-meta.json" > /dev/null 2>&1
  cat "$work/dump-meta.json"
}

check_fixtures() {
  local f problem=""
  mkdir -p "$work/gen"
  if ! "$gen" "$Q" "$data/numeric.csv" "$work/gen" 2> "$work/gen.err"; then
    bad fixtures.current "gen_sav failed: $(cat "$work/gen.err")"
    return
  fi
  for f in qualtrics.sav qualtrics.zsav limesurvey.sav numeric.dta; do
    if ! cmp -s "$data/$f" "$work/gen/$f" &&
      ! cmp -s <(dump "$data/$f") <(dump "$work/gen/$f"); then
      problem="$problem $f"
    fi
  done
  if [ -n "$problem" ]; then
    bad fixtures.current "regenerated differently:$problem (run: build/gen_sav $Q $data/numeric.csv $data)"
  else
    ok fixtures.current
  fi
  if "$python" tests/e2e/sav_fixtures.py "$Q" "$data/numeric.csv" "$data" \
    readstat extract_metadata > "$work/second.out" 2>&1; then
    ok fixtures.second_method
  else
    bad fixtures.second_method "$(head -n 5 "$work/second.out")"
  fi
}

# expect_failure NAME FILE MESSAGE OPTION...: exit 3, MESSAGE the first
# line of standard error, no report written
expect_failure() {
  local name=$1 file=$2 want=$3; shift 3
  score "$name" "$file" "$@"
  local got
  got=$(head -n 1 "$work/$name.stderr")
  if [ "$rc" != 3 ]; then
    bad "$name" "exit $rc, expected 3: $got"
  elif [ "$got" != "$want" ]; then
    bad "$name" "got: $got
  expected: $want"
  elif [ -e "$work/$name.out/report.json" ]; then
    bad "$name" "a report was written"
  else
    ok "$name"
  fi
}

check_damaged_on_purpose() {
  local v
  for v in mislabelled out-of-scale missing-item; do
    "$gen" "$Q" "$data/numeric.csv" "$work" "$v" ||
      { bad "$v" "gen_sav failed"; return; }
  done
  expect_failure mislabelled "$work/mislabelled.sav" \
    "$work/mislabelled.sav: variable Q1_3: value 2 is labelled \"Agree\" but scale extent5 calls 2 \"To a small extent\"" \
    --preset qualtrics
  expect_failure missing_item "$work/missing-item.sav" \
    "$work/missing-item.sav: no column for item Q07 (1 of the 50 items of questionnaire \"iso23592-self-assessment\"; a column is placed by the item id, its statement or the mapping: docs/IMPORT.md)" \
    --preset qualtrics
  expect_failure no_preset "$data/qualtrics.sav" \
    "$data/qualtrics.sav: 17 unknown columns, not items or metadata columns of questionnaire \"iso23592-self-assessment\": \"StartDate\" (column 1), \"EndDate\" (column 2), \"Status\" (column 3), \"IPAddress\" (column 4), \"Progress\" (column 5), \"Duration__in_seconds_\" (column 6), \"Finished\" (column 7), \"RecordedDate\" (column 8), \"ResponseId\" (column 9) and 8 more (semm mapping init lists them all) (an export of a survey tool? see --preset, --mapping and --ignore-unknown-columns)"
  # respondent 4 answers item 2 (variable 20, Q1_2) with 9: rejected,
  # the other five scored
  score out_of_scale "$work/out-of-scale.sav" --preset qualtrics
  local line="$work/out-of-scale.sav: record 4: variable Q1_2: item Q02: \"9\" is outside the scale 1..5"
  if [ "$rc" != 0 ]; then
    bad out_of_scale "exit $rc: $(head -n 2 "$work/out_of_scale.stderr")"
  elif ! grep -qxF "$line (respondent rejected)" "$work/out_of_scale.stderr"; then
    bad out_of_scale "no line \"$line (respondent rejected)\" in: $(cat "$work/out_of_scale.stderr")"
  elif ! "$python" - "$work/out_of_scale.out/report.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
x = r["rejected"]
c = r["respondents"]
sys.exit(not ((c["read"], c["scored"], c["rejected"], c["excluded"]) == (6, 5, 1, 0)
              and len(x) == 1 and x[0]["line"] == 4 and x[0]["column"] == 20
              and x[0]["respondent"] == "4"))
EOF
  then
    bad out_of_scale "report.json does not list record 4 (column 20, respondent 4) as the one rejection of six"
  else
    ok out_of_scale
  fi
  score out_of_scale_fail "$work/out-of-scale.sav" --preset qualtrics \
    --on-error fail
  if [ "$rc" != 3 ] || [ "$(head -n 1 "$work/out_of_scale_fail.stderr")" != "$line" ]; then
    bad out_of_scale_fail "exit $rc: $(head -n 1 "$work/out_of_scale_fail.stderr")"
  else
    ok out_of_scale_fail
  fi
}

# One damaged copy: exit 3, one line naming the file, no report; never
# a crash (a signal, or the wrapper's error exit 99).
damaged() {
  local name=$1 copy=$2 preset=$3
  score "$name" "$copy" $preset
  if [ "$rc" = 0 ]; then
    return 0 # overwritten bytes may still be a valid file
  fi
  if [ "$rc" != 3 ] || [ "$(grep -vc '^semm: no reports written$' "$work/$name.stderr")" != 1 ] ||
    ! head -n 1 "$work/$name.stderr" | grep -q "^$copy: " ||
    [ -e "$work/$name.out/report.json" ]; then
    bad "$name" "exit $rc: $(head -n 3 "$work/$name.stderr")"
    return 1
  fi
}

check_damaged() {
  local f size cut off ext preset n=0 problems=0
  for f in qualtrics.sav qualtrics.zsav numeric.dta; do
    size=$(wc -c < "$data/$f")
    ext=${f##*.}
    preset=""
    [ "${f%%.*}" = qualtrics ] && preset="--preset qualtrics"
    for cut in 0 3 176 1000 $((size / 2)) $((size - 1)); do
      head -c "$cut" "$data/$f" > "$work/cut.$ext"
      n=$((n + 1))
      score truncated "$work/cut.$ext" $preset
      if [ "$rc" = 0 ]; then
        bad truncated "$f cut at $cut bytes was read"
        problems=1
      else
        damaged truncated "$work/cut.$ext" "$preset" || problems=1
      fi
    done
    for off in 64 $((size / 3)) $((size / 2)) $((size - 64)); do
      cp "$data/$f" "$work/over.$ext"
      printf '\377\377\377\177\000\000\200\377' |
        dd of="$work/over.$ext" bs=1 seek="$off" conv=notrunc status=none
      n=$((n + 1))
      damaged overwritten "$work/over.$ext" "$preset" || problems=1
    done
  done
  [ $problems = 0 ] && ok "damaged ($n copies)"
}

# The hand-worked respondents as a plain .sav, .por and .dta score as
# their CSV does.
check_plain_formats() {
  local H=tests/data/handworked f problem=""
  mkdir -p "$work/plain"
  "$gen" $H/questionnaire.json $H/responses.csv "$work/plain" plain ||
    { bad plain_formats "gen_sav failed"; return; }
  "$semm" score --quiet -m $H/model.json -q $H/questionnaire.json \
    -o "$work/plain/csv" $H/responses.csv ||
    { bad plain_formats "the CSV does not score"; return; }
  for f in plain.sav plain.por plain.dta; do
    if ! "${wrapper[@]}" "$semm" score --quiet -m $H/model.json \
      -q $H/questionnaire.json -o "$work/plain/$f.out" "$work/plain/$f" ||
      ! cmp -s "$work/plain/csv/scores.csv" "$work/plain/$f.out/scores.csv"; then
      problem="$problem $f"
    fi
  done
  if [ -n "$problem" ]; then
    bad plain_formats "not scored as responses.csv:$problem"
  else
    ok plain_formats
  fi
  # tests/unit/test_oom.c reads the committed .sav: it is this one
  if cmp -s "$work/plain/plain.sav" $H/responses.sav; then
    ok handworked_sav.current
  else
    bad handworked_sav.current "$H/responses.sav is not what gen_sav writes (run: build/gen_sav $H/questionnaire.json $H/responses.csv DIR plain)"
  fi
}

if command -v readstat > /dev/null && command -v extract_metadata > /dev/null; then
  check_fixtures
else
  echo "skip fixtures.current, fixtures.second_method: readstat not installed (Debian package readstat)"
fi
check_plain_formats
check_damaged_on_purpose
check_damaged
exit $failed
