#!/usr/bin/env bash
# `semm template` writes a CSV that scores without changes once filled in:
# write it for each shipped questionnaire, append answers (every item
# answered with the scale's middle point as a label-free number), score,
# and check every respondent was scored.
set -eu
semm=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pass=0
fail=0
for q in questionnaires/*.json tests/data/handworked/questionnaire.json; do
  id=$(basename "$q" .json)
  "$semm" template -q "$q" -o "$out/$id" > /dev/null
  csv=$(ls "$out/$id"/*-template.csv)
  header=$(head -n 1 "$csv")
  n=$(awk -F, '{print NF}' <<< "$header")
  for r in 1 2 3; do
    row="t$r"
    for ((i = 2; i <= n; i++)); do
      col=$(cut -d, -f$i <<< "$header")
      case $col in
        organization|org) row="$row,Org" ;;
        unit|role|date) row="$row," ;;
        *) row="$row,$(( (r + i) % 3 + 2 ))" ;;
      esac
    done
    echo "$row" >> "$csv"
  done
  model=()
  if [ "$id" = questionnaire ]; then
    model=(-m tests/data/handworked/model.json)
  fi
  if "$semm" score --quiet "${model[@]}" -q "$q" -o "$out/$id/r" "$csv" &&
     grep -q '"scored": 3' "$out/$id/r/report.json" &&
     [ -s "$(ls "$out/$id"/*guide.md)" ]; then
    echo "ok $q"; pass=$((pass + 1))
  else
    echo "FAILED $q"; fail=$((fail + 1))
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
