#!/usr/bin/env bash
# Assessor ratings end to end, on the hand-worked example
# (tests/data/handworked) and the ratings of tests/data/ratings:
#   - semm validate accepts the ratings files;
#   - scored with the responses: ratings.csv is, byte for byte, the rows
#     worked out by hand below (tests/data/ratings/README.md), and
#     report.json's ratings section has the hand-worked means, survey
#     figures, disagreements and agreement statistics (these from an
#     independent Python implementation, exact fractions);
#   - scored alone (no response files): the same ratings, no survey
#     columns, no groups;
#   - an organization that is not among the survey's groups, and a broken
#     ratings file, stop the run (exit 4) with one line naming the problem;
#   - semm compare of two runs shows each rating's change.
# Usage (from the repository root): bash tests/e2e/ratings.sh PATH/TO/semm
set -u
semm=${1:?usage: ratings.sh PATH/TO/semm}
python=${PYTHON:-python3}
hw=tests/data/handworked
rd=tests/data/ratings
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
passed=0
failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
defs=(-m $hw/model.json -q $hw/questionnaire.json)

if "$semm" validate $hw/model.json $rd/alpha.json $rd/beta.json \
  > "$out/validate.out" 2>&1; then
  pass "validate accepts the ratings files"
else
  fail "validate" "$(cat "$out/validate.out")"
fi

# ---- with the survey
"$semm" score "${defs[@]}" --quiet -o "$out/both" --ratings $rd/alpha.json \
  --ratings $rd/beta.json $hw/responses.csv 2> "$out/both.err"
code=$?
[ $code = 0 ] && pass "score with responses and ratings" ||
  fail "score with responses and ratings" "exit $code: $(cat "$out/both.err")"

# Hand-worked rows: a level stands for its band's middle (L3 50, L4 70,
# L1 10); the means are (50 + 45 + 65) / 3 = 53.333333333333336 (L3),
# (70 + 75 + 70) / 3 = 71.66666666666667 (L4), (10 + 50) / 2 = 30 (L2);
# Alpha's survey: 56.25 (L3), 68.75 (L4), 50 (L3); Beta's E2 19.79... (L1).
cat > "$out/expected.csv" <<'CSV'
organization,group,element,element_name,assessor,assessor_name,role,rated_as,level,level_name,percent,assessors_mean_percent,assessors_mean_level,survey_percent,survey_level,levels_apart,disagrees,date,evidence,documents
Alpha,Alpha,E1,Element one,R1,Rita One,internal,level,3,L3,50,53.333333333333336,3,56.25,3,0,0,2026-02-01,Plan seen,"Plan 2026 | Minutes, May"
Alpha,Alpha,E1,Element one,R2,Rolf Two,external,percent,3,L3,45,53.333333333333336,3,56.25,3,0,0,2026-02-02,Interviews,
Alpha,Alpha,E1,Element one,R3,Rosa Three,external,percent,4,L4,65,53.333333333333336,3,56.25,3,1,1,2026-02-03,Site visit,
Alpha,Alpha,E2,Element two,R1,Rita One,internal,level,4,L4,70,71.66666666666667,4,68.75,4,0,0,2026-02-01,'=SUM(A1),
Alpha,Alpha,E2,Element two,R2,Rolf Two,external,percent,4,L4,75,71.66666666666667,4,68.75,4,0,0,2026-02-02,"Records, ""audited""",
Alpha,Alpha,E2,Element two,R3,Rosa Three,external,level,4,L4,70,71.66666666666667,4,68.75,4,0,0,2026-02-03,Records,
Alpha,Alpha,E3,Element three,R1,Rita One,internal,percent,1,L1,10,30,2,50,3,2,1,2024-02-29,<none>,
Alpha,Alpha,E3,Element three,R2,Rolf Two,external,level,3,L3,50,30,2,50,3,0,0,2026-02-02,Survey of staff,
CSV
# Beta's survey percent of E2 as the engine computes it (EXPECTED.md:
# 19.791666...); the row is compared up to its 15th digit.
if [ -f "$out/both/ratings.csv" ] &&
  diff <(head -9 "$out/both/ratings.csv") "$out/expected.csv" > "$out/diff"; then
  pass "ratings.csv: the hand-worked rows of Alpha"
else
  fail "ratings.csv" "$(cat "$out/diff" 2> /dev/null)"
fi
if sed -n 10p "$out/both/ratings.csv" 2> /dev/null |
  grep -q '^Beta,Beta,E2,Element two,S1,Sam,internal,level,1,L1,10,10,1,19\.79166666666666[0-9]*,1,0,0,2026-03-01,Little found,$'; then
  pass "ratings.csv: Beta's row"
else
  fail "ratings.csv: Beta's row" "$(sed -n 10p "$out/both/ratings.csv")"
fi

# report.json: Alpha's figures (agreement: Python, exact fractions:
# ordinal alpha 19/32, interval alpha 151/333, ICC(2,1) 17/24, ICC(2,3)
# 51/58 over E1 and E2), Beta without agreement, the findings.
check=$("$python" - "$out/both/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
rt = r["ratings"]
bad = []
def eq(what, got, want, tol=1e-9):
    if got is None or abs(got - want) > tol * max(1, abs(want)):
        bad.append("%s = %r, expected %r" % (what, got, want))
a, b = rt["organizations"]
if a["group"] != "Alpha" or b["group"] != "Beta":
    bad.append("groups %r %r" % (a["group"], b["group"]))
e = {x["element"]: x for x in a["elements"]}
eq("E1 mean", e["E1"]["mean_percent"], 160 / 3)
eq("E3 mean", e["E3"]["mean_percent"], 30)
eq("E2 survey", e["E2"]["survey_percent"], 68.75)
if [e[k]["disagree"] for k in ("E1", "E2", "E3")] != [True, False, True]:
    bad.append("disagree flags")
if e["E3"]["levels_apart"] != 2 or e["E3"]["mean_level"] != 2:
    bad.append("E3 levels")
g = a["agreement"]
eq("ordinal alpha", g["alpha_ordinal"]["alpha"], 19 / 32)
eq("interval alpha", g["alpha_interval"]["alpha"], 151 / 333)
eq("ICC(2,1)", g["icc"]["icc_2_1"], 17 / 24)
eq("ICC(2,k)", g["icc"]["icc_2_k"], 51 / 58)
if g["icc"]["elements"] != 2 or g["alpha_ordinal"]["units"] != 3:
    bad.append("counts")
if b["agreement"]["reason"] is None:
    bad.append("Beta has an agreement")
w = [x for x in r["warnings"] if "assessor" in x]
want = ["group Alpha, element E1: assessor R3 rates level 4, the survey "
        "gives level 3 (1 level apart)",
        "group Alpha, element E3: assessor R1 rates level 1, the survey "
        "gives level 3 (2 levels apart)"]
if w != want:
    bad.append("warnings %r" % w)
print("; ".join(bad))
PY
)
[ -z "$check" ] && pass "report.json: the ratings section" ||
  fail "report.json" "$check"

# ---- ratings alone
"$semm" score "${defs[@]}" --quiet -o "$out/alone" --ratings $rd/alpha.json \
  2> "$out/alone.err"
code=$?
if [ $code = 0 ] && [ "$(sed -n 2p "$out/alone/ratings.csv")" = \
  'Alpha,,E1,Element one,R1,Rita One,internal,level,3,L3,50,53.333333333333336,3,,,,,2026-02-01,Plan seen,"Plan 2026 | Minutes, May"' ]; then
  pass "ratings alone: no survey columns"
else
  fail "ratings alone" "exit $code: $(cat "$out/alone.err") $(sed -n 2p "$out/alone/ratings.csv" 2> /dev/null)"
fi
if "$python" -c '
import json, sys
r = json.load(open(sys.argv[1]))
o = r["ratings"]["organizations"][0]
sys.exit(0 if r["groups"] == [] and o["group"] is None and
         abs(o["agreement"]["alpha_ordinal"]["alpha"] - 19 / 32) < 1e-12
         else 1)' "$out/alone/report.json"; then
  pass "ratings alone: report.json"
else
  fail "ratings alone: report.json" "groups or agreement"
fi

# ---- what stops the run
sed 's/"organization": "Alpha"/"organization": "Gamma"/' $rd/alpha.json \
  > "$out/gamma.json"
"$semm" score "${defs[@]}" --quiet -o "$out/gamma" --ratings "$out/gamma.json" \
  $hw/responses.csv 2> "$out/gamma.err"
code=$?
if [ $code = 4 ] && [ "$(wc -l < "$out/gamma.err")" = 1 ] &&
  grep -q "gamma.json: organization Gamma is not among the survey's groups" "$out/gamma.err" &&
  [ ! -e "$out/gamma/report.json" ]; then
  pass "an organization not in the survey stops the run"
else
  fail "organization not in the survey" "exit $code: $(cat "$out/gamma.err")"
fi
sed 's/"level": 3/"level": 9/' $rd/alpha.json > "$out/level9.json"
"$semm" score "${defs[@]}" --quiet -o "$out/l9" --ratings "$out/level9.json" \
  $hw/responses.csv 2> "$out/l9.err"
code=$?
if [ $code = 4 ] && grep -q '^.*level9.json:11:51: \$\.ratings\[0\]\.level: level 9 is not a level of model mini (1\.\.5)$' "$out/l9.err"; then
  pass "a level off the scale: file, line, column and path"
else
  fail "a level off the scale" "exit $code: $(cat "$out/l9.err")"
fi

# ---- compare: R2 rates E3 at L2 (30 %) instead of L3 afterwards
sed 's/"element": "E3", "level": 3/"element": "E3", "level": 2/' $rd/alpha.json \
  > "$out/later.json"
"$semm" score "${defs[@]}" --quiet -o "$out/later" --ratings "$out/later.json" \
  $hw/responses.csv 2> /dev/null
"$semm" compare "$out/both/report.json" "$out/later/report.json" \
  -o "$out/cmp" > /dev/null 2>&1
if grep -qx 'Alpha,rating,E3,R2,,,,50,3,,,,,30,2,,,,,,,-20,,down,' "$out/cmp/compare.csv" &&
  grep -qx 'Beta,rating,E2,S1,,,,10,1,,,,,,,,,,,,,,,,' "$out/cmp/compare.csv"; then
  pass "compare.csv: a rating's change, a rating of one side"
else
  fail "compare.csv" "$(grep ',rating,' "$out/cmp/compare.csv")"
fi

echo "$passed passed, $failed failed"
[ $failed = 0 ]
