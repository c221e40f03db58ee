#!/usr/bin/env bash
# semm mapping init, end to end, on the exports of tests/data/exports:
#   - the stub of each tool's export, used unchanged with the same preset,
#     scores as the preset alone (scores.csv byte for byte, respondents.csv
#     but for the input's name), and the same export gives the same bytes
#     (also from stdin);
#   - other-tool.csv: the stub, once its null items and the answers are
#     filled in by a script, scores as other-tool.mapping.json does; before
#     the answers are filled in, semm validate names the answer texts the
#     scale does not read;
#   - limesurvey-codes.csv (answer codes A1..A5 instead of label texts):
#     the codes are proposed as answers without a value, so semm score and
#     semm validate fail naming them; filled in, it scores as limesurvey.csv;
#   - semm validate catches an unknown item id, an item given two columns
#     and an answer value off the scale, each on a line naming the file
#     and the JSON path.
# Usage (from the repository root): bash tests/e2e/mapping.sh PATH/TO/semm
set -u
semm=${1:?usage: mapping.sh PATH/TO/semm}
python=${PYTHON:-python3}
data=tests/data/exports
q=iso23592-self-assessment
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
passed=0
failed=0

pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }

# score NAME FILE OPTION...: reports into $out/NAME; 0 when it scored
score() {
  local name=$1 file=$2; shift 2
  "$semm" score --quiet -q $q -o "$out/$name" "$@" "$file" \
    > "$out/$name.stdout" 2> "$out/$name.stderr"
}

# Prints respondents.csv $1 without its source column (the input's name).
without_source() {
  "$python" -c '
import csv, sys
for row in csv.reader(open(sys.argv[1], encoding="utf-8", newline="")):
    print(",".join(row[:1] + row[2:]))' "$1"
}

# same NAME A B: A's and B's scores.csv are the same bytes, and their
# respondents.csv too but for the input's name
same() {
  if ! cmp -s "$out/$2/scores.csv" "$out/$3/scores.csv"; then
    fail "$1" "scores.csv differs: $(diff "$out/$2/scores.csv" "$out/$3/scores.csv" | head -n 4)"
  elif [ "$(without_source "$out/$2/respondents.csv")" != \
         "$(without_source "$out/$3/respondents.csv")" ]; then
    fail "$1" "respondents.csv differs"
  else
    pass "$1"
  fi
}

# ---- each tool's stub, unchanged, scores as its preset alone
for tool in qualtrics limesurvey google-forms ms-forms; do
  if ! "$semm" mapping init -q $q --preset $tool "$data/$tool.csv" \
      > "$out/$tool.json" 2> "$out/$tool.init.stderr"; then
    fail "init $tool" "$(head -n 2 "$out/$tool.init.stderr")"
    continue
  fi
  "$semm" mapping init -q $q --preset $tool - < "$data/$tool.csv" \
    > "$out/$tool.stdin.json" 2> /dev/null
  "$semm" mapping init -q $q --preset $tool "$data/$tool.csv" \
    > "$out/$tool.again.json" 2> /dev/null
  if cmp -s "$out/$tool.json" "$out/$tool.again.json" &&
     cmp -s "$out/$tool.json" "$out/$tool.stdin.json"; then
    pass "init $tool: the same bytes every time, file or stdin"
  else
    fail "init $tool" "the output differs between runs"
  fi
  if score "$tool-alone" "$data/$tool.csv" --preset $tool &&
     score "$tool-stub" "$data/$tool.csv" --preset $tool \
       --mapping "$out/$tool.json"; then
    same "$tool: the stub unchanged scores as --preset alone" \
      "$tool-alone" "$tool-stub"
  else
    fail "$tool: scoring" "$(cat "$out/$tool-alone.stderr" "$out/$tool-stub.stderr" | head -n 2)"
  fi
done

# ---- other-tool.csv: fill in the stub by script
"$semm" mapping init -q $q "$data/other-tool.csv" > "$out/other.json" ||
  fail "init other-tool" "exit $?"
"$python" - "$out/other.json" "$out/other-items.json" "$out/other-filled.json" <<'EOF'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    stub = json.load(f)
for header, entry in stub["columns"].items():
    if isinstance(entry, dict) and "item" in entry and entry["item"] is None:
        if header.startswith("Item "):
            entry["item"] = "Q%02d" % int(header[5:])
        elif header == "Response #":
            entry["item"] = "respondent"
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(stub, f, indent=2, ensure_ascii=False)
stub["answers"].update({"Strongly disagree": 1, "Disagree": 2,
                        "Neither agree nor disagree": 3, "Agree": 4,
                        "Strongly agree": 5})
with open(sys.argv[3], "w", encoding="utf-8") as f:
    json.dump(stub, f, indent=2, ensure_ascii=False)
EOF
# items filled, answers not yet: validate names the unread texts
"$semm" validate -q $q "$out/other-items.json" > /dev/null 2> "$out/v1.stderr"
code=$?
if [ $code = 4 ] &&
   grep -q '\$\.columns\.Item 1\.answers_seen\[[0-9]\]: "Neither agree nor disagree" is not an answer of scale "extent5"' "$out/v1.stderr" &&
   grep -q '"Strongly agree" is not an answer' "$out/v1.stderr" &&
   grep -q '"Disagree" is not an answer' "$out/v1.stderr" &&
   grep -q '"Strongly disagree" is not an answer' "$out/v1.stderr" &&
   grep -q '"Agree" is not an answer' "$out/v1.stderr" &&
   [ "$(grep -c 'is not an answer' "$out/v1.stderr")" = 5 ]; then
  pass "other-tool: validate names the 5 answer texts to fill in"
else
  fail "other-tool: validate before the answers" "exit $code: $(head -n 3 "$out/v1.stderr")"
fi
if "$semm" validate -q $q "$out/other-filled.json" > "$out/v2.stdout" 2>&1 &&
   score other-stub "$data/other-tool.csv" --mapping "$out/other-filled.json" &&
   score other-shipped "$data/other-tool.csv" \
     --mapping "$data/other-tool.mapping.json"; then
  same "other-tool: the filled stub scores as other-tool.mapping.json" \
    other-shipped other-stub
else
  fail "other-tool: filled stub" "$(cat "$out/v2.stdout" "$out/other-stub.stderr" | head -n 3)"
fi

# ---- answer codes: proposed without a value; filled, they score
"$semm" mapping init -q $q --preset limesurvey "$data/limesurvey-codes.csv" \
  > "$out/codes.json" || fail "init limesurvey-codes" "exit $?"
keys=$("$python" -c 'import json,sys; a=json.load(open(sys.argv[1]))["answers"]; print(" ".join(k for k, v in a.items() if v is None))' "$out/codes.json")
if [ "$keys" = "A3 A4 A5 A1 A2" ]; then
  pass "limesurvey-codes: A1..A5 proposed as answers without a value"
else
  fail "limesurvey-codes: answers" "got \"$keys\""
fi
score codes-unfilled "$data/limesurvey-codes.csv" --preset limesurvey \
  --mapping "$out/codes.json"
code=$?
if [ $code = 4 ] &&
   grep -q "^$out/codes.json:[0-9]*:[0-9]*: \$\.answers\.A3: answer \"A3\" has no value yet: give the scale value it stands for (4 more answers have no value)\$" \
     "$out/codes-unfilled.stderr"; then
  pass "limesurvey-codes: score fails naming the answer without a value"
else
  fail "limesurvey-codes: score unfilled" "exit $code: $(head -n 2 "$out/codes-unfilled.stderr")"
fi
"$semm" validate -q $q "$out/codes.json" > /dev/null 2> "$out/v3.stderr"
code=$?
if [ $code = 4 ] && [ "$(grep -c 'has no value yet' "$out/v3.stderr")" = 5 ]; then
  pass "limesurvey-codes: validate lists the 5 answers without a value"
else
  fail "limesurvey-codes: validate unfilled" "exit $code: $(head -n 2 "$out/v3.stderr")"
fi
"$python" - "$out/codes.json" "$out/codes-filled.json" <<'EOF'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    stub = json.load(f)
for k in stub["answers"]:
    stub["answers"][k] = int(k[1:])  # A1 stands for 1, ... A5 for 5
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(stub, f, indent=2, ensure_ascii=False)
EOF
if score codes-filled "$data/limesurvey-codes.csv" --preset limesurvey \
     --mapping "$out/codes-filled.json" &&
   score codes-labels "$data/limesurvey.csv" --preset limesurvey; then
  same "limesurvey-codes: filled in, scores as the label export" \
    codes-labels codes-filled
else
  fail "limesurvey-codes: filled" "$(head -n 2 "$out/codes-filled.stderr")"
fi

# ---- validate catches what a hand edit can break
"$python" - "$out/other-filled.json" "$out/broken.json" <<'EOF'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    m = json.load(f)
m["columns"]["Item 3"]["item"] = "Q99"
m["columns"]["Item 5"]["item"] = "Q04"
m["answers"]["Strongly agree"] = 6
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(m, f, indent=2, ensure_ascii=False)
EOF
"$semm" validate -q $q "$out/broken.json" > /dev/null 2> "$out/v4.stderr"
code=$?
b="$out/broken.json"
if [ $code = 4 ] &&
   grep -q "^$b:[0-9]*:[0-9]*: \$\.columns\.Item 3\.item: \"Q99\" is neither an item of questionnaire \"$q\" nor a metadata role" "$out/v4.stderr" &&
   grep -q "^$b:[0-9]*:[0-9]*: \$\.columns\.Item 5\.item: item Q04 is also given to column \"Item 4\": a column each\$" "$out/v4.stderr" &&
   grep -q "^$b:[0-9]*:[0-9]*: \$\.answers\.Strongly agree: answer \"Strongly agree\" is 6, not a point of scale \"extent5\" (1\.\.5) of item Q01" "$out/v4.stderr" &&
   grep -q "^$b: 3 problems found\$" "$out/v4.stderr"; then
  pass "validate: unknown item, item twice, value off the scale"
else
  fail "validate: broken mapping" "exit $code: $(cat "$out/v4.stderr")"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
