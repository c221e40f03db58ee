#!/usr/bin/env bash
# Split-and-merge equivalence: a synthetic file of 60 organizations is
# scored whole, and split by organization into 3 shards scored with
# --partial and merged; the merged report must give the same groups
# (byte for byte), ICCs and benchmark (to 1e-12), and benchmark.csv.
# Usage: merge.sh SEMM GEN_BENCH   (run from the repository root)
set -euo pipefail
semm=$1
gen=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
q=tools/bench/iso23592-bench45.json
args=(-q "$q" -m models/iso23592.json --quiet
      --segment-by sector,size_band,region,sector+size_band)
"$gen" -q "$q" -n 3000 -g 60 -o "$tmp/all.csv"
"$semm" score "${args[@]}" -o "$tmp/full" "$tmp/all.csv"
# every organization's rows go to one shard (organization number mod 3)
awk -F, -v dir="$tmp" 'NR == 1 { for (k = 0; k < 3; k++) print > (dir "/s" k ".csv"); next }
  { n = substr($2, 5) + 0; print > (dir "/s" (n % 3) ".csv") }' "$tmp/all.csv"
for k in 0 1 2; do
  "$semm" score "${args[@]}" --partial -o "$tmp/p$k" "$tmp/s$k.csv"
done
# the shards in another order: the merge sorts groups by id
"$semm" merge -q "$q" -m models/iso23592.json --quiet -o "$tmp/merged" \
  "$tmp/p2/partial.jsonl" "$tmp/p0/partial.jsonl" "$tmp/p1/partial.jsonl"
python3 tests/e2e/merge_compare.py "$tmp/full/report.json" "$tmp/merged/report.json"
cmp "$tmp/full/benchmark.csv" "$tmp/merged/benchmark.csv"
# a group in two shards is refused
if "$semm" merge -q "$q" -m models/iso23592.json --quiet -o "$tmp/bad" \
  "$tmp/p0/partial.jsonl" "$tmp/p0/partial.jsonl" 2> "$tmp/err"; then
  echo "merge accepted a group in two shards" >&2
  exit 1
fi
grep -q "shards must split the input by group" "$tmp/err"
test ! -e "$tmp/bad/report.json"
# groups with notes (a group whose respondents give no sector): the
# hand-worked benchmark data in two shards, the notes in group order
hw=(-q tests/data/handworked/questionnaire.json -m tests/data/handworked/model.json
    --quiet --segment-by sector,size --min-respondents 2 --anonymity-threshold 3)
data=tests/data/bench/responses.csv
"$semm" score "${hw[@]}" -o "$tmp/hw-full" "$data"
head -1 "$data" > "$tmp/hw-a.csv"
cp "$tmp/hw-a.csv" "$tmp/hw-b.csv"
awk -F, 'NR > 1 && $2 >= "P5"' "$data" >> "$tmp/hw-a.csv"
awk -F, 'NR > 1 && $2 < "P5"' "$data" >> "$tmp/hw-b.csv"
"$semm" score "${hw[@]}" --partial -o "$tmp/hw-pa" "$tmp/hw-a.csv"
"$semm" score "${hw[@]}" --partial -o "$tmp/hw-pb" "$tmp/hw-b.csv"
"$semm" merge -q tests/data/handworked/questionnaire.json \
  -m tests/data/handworked/model.json --quiet -o "$tmp/hw-merged" \
  "$tmp/hw-pa/partial.jsonl" "$tmp/hw-pb/partial.jsonl"
python3 tests/e2e/merge_compare.py "$tmp/hw-full/report.json" "$tmp/hw-merged/report.json"
cmp "$tmp/hw-full/benchmark.csv" "$tmp/hw-merged/benchmark.csv"
echo "merge: shards give the same report"
