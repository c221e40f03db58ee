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
echo "merge: shards give the same report"
